"""Request signing reproduces TikTok's published vectors and avoids the known traps."""

from __future__ import annotations

import pytest

from tiktokshop_sync import sign, string_to_sign
from tiktokshop_sync._core.signing import is_multipart

PAGE_TOKEN = "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT"


def test_official_get_authorized_shops_vector_is_reproduced() -> None:
    signature = sign(
        path="/authorization/202309/shops",
        query={"app_key": "29a39d", "timestamp": "1623812664"},
        app_secret="e59af819cc",
    )
    assert signature == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"


def test_official_string_to_sign_wraps_path_and_sorted_params_in_the_secret() -> None:
    text = string_to_sign(
        path="/authorization/202309/shops",
        query={"timestamp": "1623812664", "app_key": "29a39d"},
        app_secret="e59af819cc",
    )
    assert text == "e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc"


def test_official_body_bearing_base_string_appends_the_exact_body() -> None:
    body = '{    "address":"https://partner.tiktokshop.com",    "event_type": "PACKAGE_UPDATE"}'
    text = string_to_sign(
        path="/event/202309/webhooks",
        query={
            "app_key": "68xu9ks5p4i8",
            "shop_cipher": "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt",
            "timestamp": "1696909648",
        },
        body=body,
        content_type="application/json",
        app_secret="e59af819cc",
    )
    assert text == (
        "e59af819cc/event/202309/webhooksapp_key68xu9ks5p4i8shop_cipherROW_xkMbgAAAeVAQra0eZWebFQ"
        "q5aIKttimestamp1696909648" + body + "e59af819cc"
    )


def test_ecomphp_unit_vector_is_reproduced() -> None:
    assert (
        sign(path="/test-api", query={"foo": "bar"}, app_secret="app_secret")
        == "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f"
    )


def test_page_token_with_plus_and_slash_is_signed_decoded_and_sign_access_token_are_ignored() -> (
    None
):
    signature = sign(
        path="/order/202309/orders/search",
        query=[
            ("app_key", "29a39d"),
            ("page_size", "100"),
            ("page_token", PAGE_TOKEN),
            ("shop_cipher", "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3"),
            ("timestamp", "1623812664"),
            ("sign", "x"),
            ("access_token", "y"),
        ],
        body=b'{"order_status":"UNPAID"}',
        content_type="application/json",
        app_secret="e59af819cc",
    )
    assert signature == "6b55918cfea8c0a45c2e533b88a5d8c2c379f23ded442d71d9be1fa86d28f73e"


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("multipart/form-data", True),
        ("Multipart/Form-Data; boundary=abc", True),
        ("MULTIPART/FORM-DATA;boundary=x", True),
        ("application/json", False),
        ("multipart/mixed", False),
        (None, False),
    ],
)
def test_multipart_is_detected_by_media_type_in_any_letter_case(
    content_type: str | None, expected: bool
) -> None:
    assert is_multipart(content_type) is expected


def test_multipart_body_is_left_out_of_the_signature() -> None:
    common = {"path": "/product/202309/images/upload", "query": {"app_key": "k", "timestamp": "1"}}
    with_body = sign(
        **common,
        body=b"--x\r\nbinary",
        content_type="multipart/form-data; boundary=x",
        app_secret="test_secret",
    )
    assert with_body == "658f6dba5fcb02dc2f8c3c1caad094dc5d2df319356fd2913e33bc75ad9c0e8d"


def test_signature_is_lowercase_hex() -> None:
    signature = sign(path="/a", query={"b": "c"}, app_secret="s")
    assert signature == signature.lower()
    assert len(signature) == 64


def test_non_ascii_body_is_signed_as_utf8_bytes() -> None:
    body = '{"name":"テスト商店"}'
    as_text = sign(path="/p", query={}, body=body, content_type="application/json", app_secret="s")
    as_bytes = sign(
        path="/p",
        query={},
        body=body.encode("utf-8"),
        content_type="application/json",
        app_secret="s",
    )
    assert as_text == as_bytes


def test_keys_are_sorted_but_a_repeated_key_keeps_its_order() -> None:
    text = string_to_sign(path="/p", query=[("b", "2"), ("a", "x"), ("a", "1")], app_secret="")
    assert text == "/paxa1b2"
