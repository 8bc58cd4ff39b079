"""Errors are classified by TikTok's code and message first, HTTP status second."""

from __future__ import annotations

import pickle

import pytest

import tiktokshop_sync
from tiktokshop_sync import errors
from tiktokshop_sync._core.error_map import classify

OVERLOADED = [
    ("Invalid credentials. The `x-tts-access-token` header is invalid.", errors.InvalidTokenError),
    ("Invalid credentials. The `access_token` header is invalid.", errors.InvalidTokenError),
    ("Invalid credentials. Invalid `app_key` query parameter.", errors.InvalidAppKeyError),
    (
        "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier "
        "than 5 minutes before the current time.",
        errors.TimestampError,
    ),
    (
        "Missing credentials. The request does not include a required signature in the query.",
        errors.SignatureError,
    ),
    (
        "Unexpected identifier. The `shop_cipher` query parameter is not required for this "
        "request.",
        errors.ShopCipherError,
    ),
]


@pytest.mark.parametrize(("message", "expected"), OVERLOADED)
def test_code_36009004_is_classified_by_its_message(message: str, expected: type) -> None:
    assert classify(36009004, message, 400) is expected


def test_a_deauthorized_token_105001_is_an_invalid_token_whatever_the_http_status() -> None:
    message = "access token is invalid; detail:your token has been deauthorized"
    assert classify(105001, message, 200) is errors.InvalidTokenError
    assert classify(105001, message, 401) is errors.InvalidTokenError


@pytest.mark.parametrize(
    "message",
    [
        "Invalid parameter. The `order_status` value 'SHIPPED' is not supported.",
        "param body.address is missing",  # live reply, EcomPHP/tiktokshop-php issue #27
        "param create_time_ge type invalid,actual type is:string,expected type is:int64",
        "Invalid API version. The `version` query parameter is invalid.",
        "Unexpected identifier. The `category_asset_cipher` query parameter is not required "
        "for this request.",
        "Something TikTok has never said before.",
        "",
    ],
)
def test_a_36009004_that_names_no_credential_is_an_invalid_request_not_an_authentication_error(
    message: str,
) -> None:
    cls = classify(36009004, message, 200)
    assert issubclass(cls, errors.InvalidRequestError)
    assert not issubclass(cls, errors.AuthenticationError)


@pytest.mark.parametrize(
    "message",
    [
        "param body.design_sign is missing",
        "param access_token_hint is missing",
        "param timestamp_ge type invalid,actual type is:string,expected type is:int64",
        "Invalid parameter. The `signature_image` field is required.",
    ],
)
def test_a_parameter_named_like_a_credential_is_still_a_parameter_error(message: str) -> None:
    assert classify(36009004, message, 200) is errors.InvalidRequestError


def test_an_invalid_shop_id_is_a_shop_cipher_error() -> None:
    message = "Invalid identifier. The `shop_id` query parameter is invalid."
    assert classify(36009004, message, 200) is errors.ShopCipherError


def test_credentials_quoted_the_way_live_replies_quote_them_are_still_recognised() -> None:
    message = "Invalid credentials. The 'x-tts-access-token' header is invalid."
    assert classify(36009004, message, 401) is errors.InvalidTokenError


def test_an_invalid_credential_the_guide_does_not_name_is_an_authentication_error() -> None:
    message = "Invalid credentials. The `service_id` of this app is disabled."
    assert issubclass(classify(36009004, message, 400), errors.AuthenticationError)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Package item has after-sale request, please process the after-sale request first.",
            errors.ConflictError,
        ),
        (
            "Failed to ship. You may cancel the order without penalty by selecting the following "
            "reason: Unable to deliver to buyer address.",
            errors.BusinessError,
        ),
    ],
)
def test_code_21021010_means_what_its_message_says(message: str, expected: type) -> None:
    assert classify(21021010, message, 200) is expected


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        (105002, 401, errors.TokenExpiredError),
        (106001, 401, errors.SignatureError),
        (105005, 200, errors.ScopeError),
        (36009033, 200, errors.IPNotAllowedError),
        (21008106, 200, errors.RegionNotSupportedError),
        (36009002, 429, errors.RateLimitError),
        (36009003, 500, errors.ServerError),
        (106013, 400, errors.ShopCipherError),
        (101000, 200, errors.ShopMismatchError),
        (21011040, 200, errors.ConflictError),
        (21008111, 200, errors.NotFoundError),
        (36009009, 404, errors.NotFoundError),
        (36004004, 200, errors.AuthorizationCodeError),
    ],
)
def test_known_codes_map_to_their_class(code: int, status: int, expected: type) -> None:
    assert classify(code, "whatever", status) is expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, errors.BusinessError),
        (400, errors.InvalidRequestError),
        (403, errors.PermissionDeniedError),
        (429, errors.RateLimitError),
        (503, errors.ServerError),
    ],
)
def test_unknown_codes_fall_back_to_the_http_status(status: int, expected: type) -> None:
    assert classify(99999999, "new error", status) is expected


def test_every_client_error_is_a_tiktokshop_error() -> None:
    # errors also re-exports the pure domain's errors and two ValueErrors of the wire models
    # and the finance translation; the client's own (tiktokshop_sync's) share one base.
    client_errors = [getattr(tiktokshop_sync, n) for n in tiktokshop_sync.__all__ if "Error" in n]
    assert client_errors
    for cls in client_errors:
        assert issubclass(cls, errors.TikTokShopError)


@pytest.mark.parametrize("name", errors.__all__)
def test_every_api_error_class_says_what_to_do(name: str) -> None:
    cls = getattr(errors, name)
    if issubclass(cls, errors.APIError) and cls is not errors.APIError:
        error = cls("TikTok's message", code=1, http_status=200)
        assert error.hint, f"{name} has no hint"
        assert str(error).endswith(error.hint)


def test_api_error_string_says_what_happened_and_what_to_do() -> None:
    error = errors.IPNotAllowedError(
        "Access denied.",
        code=36009033,
        request_id="2026R",
        http_status=200,
        method="GET",
        path="/x",
    )
    text = str(error)
    assert "36009033" in text and "2026R" in text and "allow list" in text


def test_api_errors_survive_pickling_for_worker_pools() -> None:
    error = errors.RateLimitError("Too many", code=36009002, http_status=429, retry_after=3.0)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.code, copy.retry_after, str(copy)) == (
        errors.RateLimitError,
        36009002,
        3.0,
        str(error),
    )


def test_a_server_error_that_may_have_applied_a_write_survives_pickling() -> None:
    error = errors.ServerError(
        "Internal error", code=36009003, http_status=504, read_back="shop.orders.get(['1'])"
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.may_have_applied, copy.read_back, str(copy)) == (
        True,
        "shop.orders.get(['1'])",
        str(error),
    )
