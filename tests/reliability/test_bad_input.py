"""Bad input from TikTok gives a typed error or a kept raw value: never a crash, never data lost."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktokshop_sync import (
    InMemoryTokenStore,
    MalformedResponseError,
    TikTokShop,
    TikTokShopError,
    TokenSet,
)
from tiktokshop_sync._core.clock import SystemClock
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.order import Order

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _client(reply: httpx.Response) -> TikTokShop:
    now = SystemClock().now()
    tokens = TokenSet(
        access_token="tok",
        access_token_expires_at=now.replace(year=now.year + 1),
        refresh_token="ref",
        refresh_token_expires_at=now.replace(year=now.year + 2),
        open_id="seller",
    )
    http = httpx.Client(transport=httpx.MockTransport(lambda request: reply))
    return TikTokShop(
        app_key="k",
        app_secret="s",
        http_client=http,
        token_store=InMemoryTokenStore({"seller": tokens}),
        max_retries=0,
        strict_models=False,
    )


def _search(client: TikTokShop) -> Any:
    return list(client.shop("ROW_c", grant="seller").orders.search())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=200), status=st.sampled_from([200, 400, 401, 429, 500, 502, 503]))
def test_arbitrary_reply_bytes_raise_only_typed_errors(body: bytes, status: int) -> None:
    client = _client(httpx.Response(status, content=body))
    kept = None
    try:
        _search(client)
    except MalformedResponseError as error:
        kept = error.body
    except TikTokShopError:
        pass
    assert kept in (None, body)  # a malformed reply keeps the raw bytes


@settings(max_examples=150, deadline=None)
@given(data=JSON)
def test_arbitrary_json_in_the_data_field_raises_only_typed_errors(data: Any) -> None:
    body = json.dumps({"code": 0, "message": "Success", "request_id": "r", "data": data}).encode()
    client = _client(httpx.Response(200, content=body))
    with contextlib.suppress(TikTokShopError):
        _search(client)


@settings(max_examples=200, deadline=None)
@given(
    order=st.dictionaries(
        st.sampled_from(
            ["id", "status", "create_time", "payment", "line_items", "recipient_address", "x"]
        ),
        JSON,
        max_size=7,
    )
)
def test_order_model_rejects_garbage_only_with_validation_errors(order: dict[str, Any]) -> None:
    from pydantic import ValidationError

    with strict_models(False), contextlib.suppress(ValidationError):
        Order.model_validate(order)


def test_unknown_enum_values_and_fields_are_kept_not_dropped() -> None:
    payload = {
        "id": "576461413038785752",
        "status": "AWAITING_DRONE",
        "shipping_type": "TELEPORT",
        "new_field": {"nested": [1, 2]},
        "line_items": [{"id": "1", "display_status": "TO_SHIP", "brand_new": True}],
    }
    body = json.dumps(
        {
            "code": 0,
            "message": "Success",
            "request_id": "r",
            "data": {"orders": [payload], "next_page_token": ""},
        }
    )
    client = _client(httpx.Response(200, content=body.encode()))
    with strict_models(False):
        (order,) = _search(client)
    assert order.status == "AWAITING_DRONE" and not order.status.is_known
    assert order.shipping_type == "TELEPORT"
    assert order.model_extra == {"new_field": {"nested": [1, 2]}}
    assert order.line_items[0].model_extra == {"brand_new": True}


def test_a_huge_page_is_parsed_without_error() -> None:
    orders = [
        {"id": str(570000000000000000 + n), "status": "AWAITING_SHIPMENT"} for n in range(5_000)
    ]
    body = json.dumps(
        {
            "code": 0,
            "data": {"orders": orders, "next_page_token": ""},
            "message": "",
            "request_id": "r",
        }
    )
    client = _client(httpx.Response(200, content=body.encode()))
    assert len(_search(client)) == 5_000


def test_non_finite_and_out_of_range_values_are_validation_errors() -> None:
    from pydantic import ValidationError

    for payload in (
        {"id": "1", "status": "UNPAID", "create_time": 10**20},
        {"id": "1", "status": "UNPAID", "payment": {"total_amount": "NaN"}},
        {"id": "1", "status": "UNPAID", "payment": {"total_amount": "Infinity"}},
    ):
        with strict_models(False), contextlib.suppress(ValidationError):
            Order.model_validate(payload)
            raise AssertionError(f"accepted {payload}")
