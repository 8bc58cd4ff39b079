"""Errors are classified by TikTok's code and message first, HTTP status second."""

from __future__ import annotations

import pickle

import pytest

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


def test_every_api_error_is_a_tiktokshop_error() -> None:
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.TikTokShopError)


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
