"""Builds realistic, seed-deterministic orders whose timeline fits the requested status."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from attrs import fields_dict

from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._jp import (
    GIVEN_NAMES,
    POSTAL_AREAS,
    SURNAMES,
    pick,
    random_block,
    random_building,
    random_mobile_tail,
)
from tiktokshop_sync.testing._logistics.backend import CARRIERS
from tiktokshop_sync.testing._masking import mask_phone
from tiktokshop_sync.testing._orders.records import (
    PACKAGE_STATUS_FOR,
    FakeLineItem,
    FakeOrder,
    FakePackage,
    FakeRecipient,
)
from tiktokshop_sync.testing._products.records import FakeSku
from tiktokshop_sync.testing._shops.backend import FakeShopAccount

__all__ = [
    "BUYER_MESSAGES",
    "CANCEL_REASONS",
    "DELIVERY_OPTION_NAME",
    "GENERATED_STATUSES",
    "PAYMENT_METHOD_NAMES",
    "REMORSE_PERIOD",
    "OrderFactory",
]

#: Display labels seen as ``payment_method_name``; TikTok documents none for JP, so both
#: English and Japanese spellings appear (reference §7: model it as a free string).
PAYMENT_METHOD_NAMES: tuple[str, ...] = (
    "Credit/debit card",
    "クレジット/デビットカード",
    "ConvenientStore",
    "コンビニ",
    "Apple Pay",
    "PayPay",
)

BUYER_MESSAGES: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    "置き配でお願いします。",
    "ギフト用のラッピングをお願いします。",
    "なるべく早く発送してください。",
)

DELIVERY_OPTION_NAME = "Standard Shipping"

#: Default localized ``cancel_reason`` display text per initiator (it is display text, not a key).
CANCEL_REASONS: dict[str, str] = {
    "BUYER": "注文内容を変更したい",
    "SELLER": "在庫切れ",
    "SYSTEM": "お支払い期限切れ",
    "OPERATOR": "不正注文の疑い",
}

#: ON_HOLD lasts one hour after payment [doc] (order-api-overview).
REMORSE_PERIOD = timedelta(hours=1)

#: Statuses create_orders can produce (PARTIALLY_SHIPPING needs split shipments: not modelled).
GENERATED_STATUSES: tuple[str, ...] = (
    "UNPAID",
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "AWAITING_COLLECTION",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
    "CANCELLED",
)

# Mix used when no status is asked for; the first five fit in the default seven days.
_DEFAULT_MIX: tuple[tuple[str, float], ...] = (
    ("UNPAID", 0.15),
    ("ON_HOLD", 0.05),
    ("AWAITING_SHIPMENT", 0.55),
    ("AWAITING_COLLECTION", 0.07),
    ("IN_TRANSIT", 0.05),
    ("DELIVERED", 0.03),
    ("CANCELLED", 0.10),
)

_PAYMENT_WEIGHTS = (0.2, 0.2, 0.1, 0.1, 0.15, 0.25)


def _spread_coupon(line_items: Sequence[FakeLineItem], coupon: int) -> None:
    """Add ``coupon`` yen to the units' seller discounts in proportion to their sale prices,
    the yen left over one each to the first units: 100 yen over three 1,980-yen units is
    34/33/33, so units of one SKU sell at different prices [inferred: TikTok documents only
    each unit's ``sale_price`` and discounts, and ``sub_total`` as their sum]."""
    paid = [item for item in line_items if item.sale_price > 0]
    total = sum(item.sale_price for item in paid)
    if coupon > total:
        raise ValueError(
            f"create_orders(seller_coupon={coupon}) is more than the order's items cost "
            f"({total} yen): use a smaller coupon or more items"
        )
    shares = [coupon * item.sale_price // total for item in paid]
    for index in range(coupon - sum(shares)):
        shares[index] += 1
    for item, share in zip(paid, shares, strict=True):
        item.seller_discount += share


def _minutes(rng: random.Random, low: float, high: float) -> timedelta:
    """A whole-second duration between ``low`` and ``high`` minutes."""
    return timedelta(seconds=round(rng.uniform(low, high) * 60))


class OrderFactory:
    """Draws orders from one seeded stream; the same calls give the same orders."""

    def __init__(self, rng: random.Random, ids: IdFactory) -> None:
        self._rng = rng
        self._ids = ids

    def build(
        self,
        *,
        shop: FakeShopAccount,
        catalogue: Sequence[FakeSku],
        now: datetime,
        status: str | None,
        created_within: timedelta,
        items: Sequence[tuple[FakeSku, int]] | None,
        overrides: dict[str, object],
        seller_coupon: int = 0,
        gifts: Sequence[tuple[FakeSku, int]] = (),
    ) -> FakeOrder:
        """One order of ``shop`` in ``status`` (drawn when None), created within the window,
        of ``items`` (or SKUs drawn from ``catalogue``), ``seller_coupon`` yen off them, and
        ``gifts`` free.

        The window widens when a status needs more history (COMPLETED needs about 11 days).
        """
        rng = self._rng
        if status is None:
            status = self._default_status(shop, created_within)
        if status not in GENERATED_STATUSES:
            raise ValueError(
                f"create_orders(status={status!r}) is not supported; "
                f"use one of {', '.join(GENERATED_STATUSES)}"
            )
        if status == "ON_HOLD" and not shop.uses_on_hold:
            raise ValueError(f"shop {shop.name!r} was added with on_hold=False: no ON_HOLD orders")
        line_items = self._line_items(catalogue, items)
        if seller_coupon:
            _spread_coupon(line_items, seller_coupon)
        line_items.extend(self._gift_items(gifts))
        order = FakeOrder(
            id=self._ids.order_id(),  # made time-ordered once the timeline sets create_time
            shop_id=shop.id,
            status=status,
            create_time=now,
            update_time=now,
            user_id=self._ids.long_id("7"),
            buyer_email=f"{self._ids.email_local_part()}@scs2.tiktok.com",
            recipient=self._recipient(),
            line_items=line_items,
            payment_method_name=rng.choices(PAYMENT_METHOD_NAMES, _PAYMENT_WEIGHTS)[0],
            buyer_message=pick(rng, BUYER_MESSAGES),
            shipping_type="TIKTOK" if rng.random() < 0.1 else "SELLER",
            delivery_option_id=shop.delivery_option_id,
            delivery_option_name=DELIVERY_OPTION_NAME,
            warehouse_id=shop.warehouse_id,
        )
        sub_total = order.sub_total
        order.original_shipping_fee = 0 if sub_total >= 3980 else 550
        self._timeline(order, shop, now, created_within)
        order.id = self._ids.timed_order_id(order.create_time, order.id)
        self._apply_overrides(order, overrides)
        for package in order.packages:  # the final id, an overridden one included
            package.order_id = order.id
        return order

    # --- parts ------------------------------------------------------------------------------

    def _default_status(self, shop: FakeShopAccount, window: timedelta) -> str:
        mix = [
            (name, weight)
            for name, weight in _DEFAULT_MIX
            if (shop.uses_on_hold or name != "ON_HOLD") and _history_needed(name) <= window
        ] or [("UNPAID", 1.0)]
        names = [name for name, _ in mix]
        weights = [weight for _, weight in mix]
        return self._rng.choices(names, weights)[0]

    def _recipient(self) -> FakeRecipient:
        rng = self._rng
        last, last_kana = pick(rng, SURNAMES)
        first, first_kana = pick(rng, GIVEN_NAMES)
        area = pick(rng, POSTAL_AREAS)
        carrier_prefix, last4 = random_mobile_tail(rng)
        return FakeRecipient(
            last_name=last,
            first_name=first,
            last_name_local_script=last_kana,
            first_name_local_script=first_kana,
            phone_number=mask_phone(carrier_prefix, last4),
            postal_code=area.postal_code,
            prefecture=area.prefecture,
            prefecture_iso=area.prefecture_iso,
            city=area.city,
            town=area.town,
            block=random_block(rng),
            building=random_building(rng),
        )

    def _line_items(
        self, catalogue: Sequence[FakeSku], items: Sequence[tuple[FakeSku, int]] | None
    ) -> list[FakeLineItem]:
        rng = self._rng
        if items is None:
            distinct = rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]
            skus = rng.sample(catalogue, distinct)
            chosen = [(sku, rng.choices((1, 2, 3), (0.75, 0.18, 0.07))[0]) for sku in skus]
        else:
            chosen = list(items)
        line_items: list[FakeLineItem] = []
        for sku, quantity in chosen:
            seller_discount = (sku.price // 100) * 10 if rng.random() < 0.2 else 0
            platform_discount = 100 if rng.random() < 0.1 else 0
            # One line item per unit: TikTok has no quantity field [doc].
            line_items.extend(
                self._unit(
                    sku, seller_discount=seller_discount, platform_discount=platform_discount
                )
                for _ in range(quantity)
            )
        return line_items

    def _unit(
        self,
        sku: FakeSku,
        *,
        seller_discount: int,
        platform_discount: int = 0,
        is_gift: bool = False,
    ) -> FakeLineItem:
        """One unit of ``sku`` (TikTok sends a line item per unit)."""
        return FakeLineItem(
            id=self._ids.line_item_id(),
            sku_id=sku.sku_id,
            product_id=sku.product_id,
            product_name=sku.product_name,
            sku_name=sku.sku_name,
            sku_image=sku.sku_image,
            seller_sku=sku.seller_sku,
            original_price=sku.price,
            seller_discount=seller_discount,
            platform_discount=platform_discount,
            is_gift=is_gift,
        )

    def _gift_items(self, gifts: Sequence[tuple[FakeSku, int]]) -> list[FakeLineItem]:
        """Free units (``is_gift``): the seller's discount is their whole price, as the fake
        prices a replacement order [inferred: TikTok documents the flag, not the amounts]."""
        return [
            self._unit(sku, seller_discount=sku.price, is_gift=True)
            for sku, quantity in gifts
            for _ in range(quantity)
        ]

    def _timeline(
        self, order: FakeOrder, shop: FakeShopAccount, now: datetime, window: timedelta
    ) -> None:
        rng = self._rng
        status = order.status
        pay = _minutes(rng, 1, 15)
        hold = REMORSE_PERIOD if shop.uses_on_hold else timedelta()
        ship = _minutes(rng, 120, 24 * 60)
        collect = _minutes(rng, 60, 12 * 60)
        deliver = _minutes(rng, 24 * 60, 48 * 60)
        complete = timedelta(days=7)
        steps = {
            "UNPAID": timedelta(),
            "ON_HOLD": pay,
            "AWAITING_SHIPMENT": pay + hold,
            "AWAITING_COLLECTION": pay + hold + ship,
            "IN_TRANSIT": pay + hold + ship + collect,
            "DELIVERED": pay + hold + ship + collect + deliver,
            "COMPLETED": pay + hold + ship + collect + deliver + complete,
        }
        if status == "CANCELLED":
            self._cancelled_timeline(order, now, window, pay, hold)
            return
        needed = steps[status]
        oldest = max(needed, window)
        if status == "ON_HOLD":
            oldest = min(oldest, needed + timedelta(minutes=55))
        age = timedelta(seconds=round(rng.uniform(needed.total_seconds(), oldest.total_seconds())))
        created = now - age
        order.create_time = order.update_time = created
        if status == "UNPAID":
            return
        order.paid_time = order.update_time = created + pay
        if status == "ON_HOLD":
            return
        order.update_time = order.paid_time + hold
        package = FakePackage(
            id=self._ids.long_id("115"),
            order_id=order.id,
            shop_id=order.shop_id,
            line_item_ids=[item.id for item in order.line_items],
            create_time=order.update_time,
            update_time=order.update_time,
        )
        order.packages.append(package)
        if status == "AWAITING_SHIPMENT":
            return
        carrier = pick(rng, CARRIERS)
        order.shipping_provider = carrier.name
        order.shipping_provider_id = carrier.shipping_provider_id
        order.tracking_number = self._ids.digits(carrier.tracking_digits, "4")
        rts = order.update_time + ship
        order.rts_time = order.update_time = rts
        package.ship(
            tracking_number=order.tracking_number,
            provider_id=carrier.shipping_provider_id,
            provider_name=carrier.name,
            at=rts,
        )
        if status != "AWAITING_COLLECTION":
            collected = rts + collect
            order.collection_time = order.update_time = collected
            if status != "IN_TRANSIT":
                delivered = collected + deliver
                order.delivery_time = order.update_time = delivered
                if status == "COMPLETED":
                    order.update_time = delivered + complete
        package.status = PACKAGE_STATUS_FOR[status]
        package.update_time = order.update_time

    def _cancelled_timeline(
        self,
        order: FakeOrder,
        now: datetime,
        window: timedelta,
        pay: timedelta,
        hold: timedelta,
    ) -> None:
        rng = self._rng
        unpaid_timeout = timedelta(hours=24)
        options = ["BUYER"]
        if window >= unpaid_timeout:
            options.append("SYSTEM")
        if window >= pay + hold + timedelta(hours=3):
            options.append("SELLER")
        initiator = pick(rng, options)
        if initiator == "BUYER":
            lasted = _minutes(rng, 1, 30)
        elif initiator == "SYSTEM":
            lasted = unpaid_timeout
        else:
            lasted = pay + hold + _minutes(rng, 60, 180)
        oldest = max(lasted, window)
        age = timedelta(seconds=round(rng.uniform(lasted.total_seconds(), oldest.total_seconds())))
        created = now - age
        order.create_time = created
        if initiator == "SELLER":
            order.paid_time = created + pay
        cancelled = created + lasted
        order.cancel_time = order.update_time = cancelled
        order.cancellation_initiator = initiator
        order.cancel_reason = CANCEL_REASONS[initiator]
        for item in order.line_items:
            item.cancel_user = initiator
            item.cancel_reason = order.cancel_reason

    @staticmethod
    def _apply_overrides(order: FakeOrder, overrides: dict[str, object]) -> None:
        allowed = {name for name, a in fields_dict(FakeOrder).items() if a.init} - {
            "status",
            "shop_id",
        }
        for name, value in overrides.items():
            if name not in allowed:
                raise TypeError(
                    f"create_orders() got an unknown order field {name!r}; "
                    "pass status= for the status, or one of FakeOrder's fields"
                )
            setattr(order, name, value)


_HISTORY_NEEDED: Final[dict[str, timedelta]] = {
    "UNPAID": timedelta(),
    "ON_HOLD": timedelta(minutes=15),
    "AWAITING_SHIPMENT": timedelta(minutes=75),
    "AWAITING_COLLECTION": timedelta(hours=26),
    "IN_TRANSIT": timedelta(hours=38),
    "DELIVERED": timedelta(hours=86),
    "CANCELLED": timedelta(),
}
_LONGEST_HISTORY: Final = timedelta(days=11)


def _history_needed(status: str) -> timedelta:
    """The longest history a status can need, so the default mix fits the window."""
    return _HISTORY_NEEDED.get(status, _LONGEST_HISTORY)
