"""Careless calls fail loudly and helpfully: empty windows, misspelled keys, wrong secrets.

Each was seen when the SDK was tried as a new user would: an empty search window returned
``[]``, a misspelled inventory key raised a bare ``KeyError``, a hint named TikTok's method
instead of the SDK's, errors displayed as ``tiktokshop_sync._exceptions.X``, and a wrong app
secret on the token exchange gave a bare ``AuthenticationError``.
"""

from __future__ import annotations

import importlib
import pickle
import re
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import tiktokshop_sync
import tiktokshop_sync.errors
from tiktokshop_sync import (
    APIError,
    InMemoryTokenStore,
    InvalidArgumentError,
    ReauthorizationRequiredError,
    ShopClient,
    ShopMismatchError,
    SignatureError,
    TikTokShop,
)
from tiktokshop_sync.testing import FakeShop

T = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
# Every search with a time window, and the name of its upper bound (products use _le).
SEARCHES: dict[str, tuple[Callable[[ShopClient], Callable[..., Iterable[object]]], str]] = {
    "orders": (lambda s: s.orders.search, "lt"),
    "packages": (lambda s: s.fulfillment.search_packages, "lt"),
    "products": (lambda s: s.products.search, "le"),
    "cancellations": (lambda s: s.returns.search_cancellations, "lt"),
    "returns": (lambda s: s.returns.search_returns, "lt"),
}
WINDOWS = {f"{name} {field}" for name in SEARCHES for field in ("create_time", "update_time")}


def _bound(search: str) -> str:
    return SEARCHES[search.split()[0]][1]


def _search(shop: ShopClient, search: str, start: datetime, end: datetime) -> list[object]:
    name, field = search.split()
    method, bound = SEARCHES[name]
    return list(method(shop)(**{f"{field}_ge": start, f"{field}_{bound}": end}))


@pytest.mark.parametrize("search", sorted(WINDOWS))
def test_a_window_that_ends_before_it_starts_is_refused_before_anything_is_sent(
    fake: FakeShop, shop: ShopClient, search: str
) -> None:
    fake.clear_requests()
    with pytest.raises(
        InvalidArgumentError, match=rf"_ge \(.*\) must be .*_{_bound(search)} \(.*Swap"
    ):
        _search(shop, search, T, T - timedelta(hours=1))
    assert fake.requests == []


@pytest.mark.parametrize("search", sorted(w for w in WINDOWS if _bound(w) == "lt"))
def test_an_empty_half_open_window_is_refused(
    fake: FakeShop, shop: ShopClient, search: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="earlier than"):
        _search(shop, search, T, T + timedelta(milliseconds=500))  # the same whole second on TikTok


@pytest.mark.parametrize("search", ["products create_time", "products update_time"])
def test_a_closed_window_of_one_second_is_a_valid_product_search(
    shop: ShopClient, search: str
) -> None:
    _search(shop, search, T, T)


def test_a_window_in_the_right_order_still_searches(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(2, status="AWAITING_SHIPMENT", created_within=timedelta(hours=1))
    now = fake.clock.now()
    assert (
        len(
            list(
                shop.orders.search(
                    create_time_ge=now - timedelta(days=1),
                    create_time_lt=now + timedelta(minutes=1),
                )
            )
        )
        == 2
    )


def _sku(fake: FakeShop) -> tuple[str, str, str]:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    sku = next(s for s in product.skus if s.seller_sku == "TS-TEE-BLK-M")
    return product.id, sku.id, fake.warehouses()[0].id


def test_a_misspelled_inventory_key_names_the_valid_keys(fake: FakeShop, shop: ShopClient) -> None:
    product_id, sku_id, warehouse = _sku(fake)
    update: Any = {"sku_id": sku_id, "inventroy": [{"warehouse_id": warehouse, "quantity": 3}]}
    with pytest.raises(InvalidArgumentError) as caught:
        shop.products.update_inventory(product_id, [update])
    message = str(caught.value)
    assert "unknown key(s) 'inventroy'" in message
    assert "missing key(s) 'inventory'" in message
    assert "the valid keys are 'sku_id', 'inventory'" in message


def test_a_misspelled_warehouse_row_key_names_the_valid_keys(
    fake: FakeShop, shop: ShopClient
) -> None:
    product_id, sku_id, warehouse = _sku(fake)
    update: Any = {"sku_id": sku_id, "inventory": [{"warehouse_id": warehouse, "qty": 3}]}
    with pytest.raises(InvalidArgumentError, match="an inventory row has unknown key.* 'qty'"):
        shop.products.update_inventory(product_id, [update])


def test_a_price_update_with_a_misspelled_key_names_the_valid_keys(
    fake: FakeShop, shop: ShopClient
) -> None:
    product_id, sku_id, _ = _sku(fake)
    with pytest.raises(
        InvalidArgumentError, match=r"unknown key\(s\) 'price'.*'amount' \(optional\)"
    ):
        shop.products.update_price(product_id, [{"sku_id": sku_id, "price": "1980"}])  # type: ignore[list-item, typeddict-unknown-key]
    shop.products.update_price(product_id, [{"sku_id": sku_id, "amount": "1980"}])


def test_a_package_shipment_with_a_misspelled_key_is_refused(shop: ShopClient) -> None:
    package: Any = {"id": "1152321127278713123", "handover": "PICKUP"}
    with pytest.raises(
        InvalidArgumentError, match="a package shipment has unknown key.* 'handover'"
    ):
        shop.fulfillment.batch_ship([package])


def test_a_self_shipment_with_a_misspelled_key_is_refused(shop: ShopClient) -> None:
    shipment: Any = {"tracking_no": "4912-3456-7890", "shipping_provider_id": "7117858858072016686"}
    with pytest.raises(InvalidArgumentError, match="self_shipment has unknown key.* 'tracking_no'"):
        shop.fulfillment.ship_package("1152321127278713123", self_shipment=shipment)


def test_an_inventory_update_that_is_not_a_dict_is_refused(
    fake: FakeShop, shop: ShopClient
) -> None:
    product_id, _, _ = _sku(fake)
    with pytest.raises(InvalidArgumentError, match="must be a dict with the keys"):
        shop.products.update_inventory(product_id, ["sku"])  # type: ignore[list-item]


def test_a_pickup_slot_that_ends_before_it_starts_is_refused(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="earlier than"):
        shop.fulfillment.ship_package(
            "1152321127278713123", pickup_slot=(T, T - timedelta(hours=1))
        )


def test_a_shop_mismatch_hint_names_the_sdks_method(
    fake: FakeShop, client: TikTokShop, shop: ShopClient
) -> None:
    other = FakeShop(seed=99)
    stranger = other.shops[0].cipher
    fake.clear_requests()
    with pytest.raises(ShopMismatchError) as caught:
        client.shop(stranger, grant=shop._scope.context.grant or "").orders.get(["1"])
    assert "seller.shops.authorized()" in caught.value.hint
    assert "get_shops" not in str(caught.value)


def _hints() -> dict[str, str]:
    found = {}
    for name in tiktokshop_sync.errors.__all__:
        cls = getattr(tiktokshop_sync.errors, name)
        if issubclass(cls, APIError) and cls.default_hint:
            found[name] = cls.default_hint
    found["NotAuthorizedError"] = str(tiktokshop_sync.NotAuthorizedError("g"))
    return found


@pytest.mark.parametrize(
    ("name", "hint"), [pytest.param(n, h, id=n) for n, h in sorted(_hints().items())]
)
def test_every_sdk_call_a_hint_names_exists(name: str, hint: str) -> None:
    client = TikTokShop(app_key="k", app_secret="s")
    views = {"client": client, "seller": client.seller("g"), "shop": client.shop("c", grant="g")}
    for view, *path in re.findall(r"\b(client|seller|shop)((?:\.\w+)+)\(", hint):
        target: object = views[view]
        for part in path[0].strip(".").split("."):
            assert hasattr(target, part), f"{name}: {view}{path[0]}() does not exist"
            target = getattr(target, part)
        assert callable(target), f"{name}: {view}{path[0]} is not callable"
    assert not re.search(r"\b[a-z_]+\.get_[a-z_]+\(\)", hint), f"{name} names a TikTok method"


def _public_errors() -> list[tuple[str, type[BaseException]]]:
    found = {}
    for module in ("tiktokshop_sync", "tiktokshop_sync.errors", "tiktokshop_sync.webhooks"):
        imported = importlib.import_module(module)
        for name in imported.__all__:
            obj = getattr(imported, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                found[f"{module}.{name}"] = obj
    return sorted(found.items())


@pytest.mark.parametrize(("where", "cls"), [pytest.param(w, c, id=w) for w, c in _public_errors()])
def test_every_public_error_shows_its_public_path(where: str, cls: type[BaseException]) -> None:
    assert not any(part.startswith("_") for part in cls.__module__.split("."))
    assert getattr(importlib.import_module(cls.__module__), cls.__qualname__) is cls


def test_a_traceback_shows_the_public_name() -> None:
    error = ShopMismatchError("shop_cipher does not match", code=101000)
    line = traceback.format_exception_only(type(error), error)[-1]
    assert line.startswith("tiktokshop_sync.ShopMismatchError: ")


def test_errors_still_pickle_under_their_public_path() -> None:
    error = ShopMismatchError("no", code=101000, request_id="r1")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ShopMismatchError and copy.request_id == "r1"


def test_a_wrong_app_secret_on_the_token_exchange_says_to_check_the_secret(
    fake: FakeShop,
) -> None:
    client = fake.client(token_store=InMemoryTokenStore(), app_secret="not-the-secret")
    with client, pytest.raises(SignatureError) as caught:
        client.oauth.exchange_code(fake.authorize())
    assert "Check that app_secret belongs to app_key" in caught.value.hint
    assert "not-the-secret" not in str(caught.value)
    assert caught.value.path == "/api/v2/token/get"


def test_a_wrong_app_secret_on_refresh_is_not_mistaken_for_a_lost_authorization(
    fake: FakeShop,
) -> None:
    store = InMemoryTokenStore()
    with fake.client(token_store=store) as client:
        open_id = client.oauth.exchange_code(fake.authorize()).open_id
    with fake.client(token_store=store, app_secret="not-the-secret") as client:
        with pytest.raises(SignatureError, match="app_secret belongs to app_key"):
            client.oauth.refresh(open_id)
        try:
            client.oauth.refresh(open_id)
        except ReauthorizationRequiredError:  # pragma: no cover - the bug this guards
            pytest.fail("a wrong secret asked the shop owner to re-authorize")
        except SignatureError:
            pass
