"""Stock that may be untracked (在庫管理をしない), and the quantity an inventory push sends.

Some OMS items are not stock-managed (made to order, digital, unlimited). Connectors send a large
sentinel for them: CoreLink's futureshop connector sends 99,999, AfterShip 99,999, EcomSend
999,999. Here such an item is :class:`Untracked`; the push sends a configured quantity inside
TikTok's documented Update Inventory range and never applies the buffer percentage to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Final, TypeAlias

import attrs

from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "TIKTOK_MAX_QUANTITY",
    "TIKTOK_MIN_QUANTITY",
    "PushQuantity",
    "StockPushRule",
    "StockQuantity",
    "Tracked",
    "Untracked",
    "UntrackedSentinel",
    "decide_push_quantity",
    "total_stock",
]

# Update Inventory, skus[].inventory[].quantity: "Valid range: [1, 99,999]"
# (api/products/update-inventory.spec.json).
TIKTOK_MIN_QUANTITY: Final = 1
"""The smallest quantity TikTok's Update Inventory documents."""
TIKTOK_MAX_QUANTITY: Final = 99_999
"""The largest quantity TikTok's Update Inventory documents."""


def _whole(owner: str, attribute: attrs.Attribute[Any], value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainConfigError(f"{owner}.{attribute.name} must be a whole number, got {value!r}")
    return value


def _check_tracked(instance: Tracked, attribute: attrs.Attribute[int], value: int) -> None:
    _whole("Tracked", attribute, value)


@attrs.frozen(kw_only=True)
class Tracked:
    """Stock-managed: ``quantity`` units available (a negative count is oversold, pushed as 0)."""

    quantity: int = attrs.field(validator=_check_tracked)


@attrs.frozen(kw_only=True)
class Untracked:
    """Not stock-managed (在庫管理をしない): the OMS keeps no count, so any quantity may sell."""

    reason: str = "not stock-managed in the OMS (在庫管理をしない)"


StockQuantity: TypeAlias = Tracked | Untracked
"""An OMS stock figure: a count, or "untracked"."""


def total_stock(quantities: Iterable[StockQuantity]) -> StockQuantity:
    """Several locations' stock for one warehouse: the sum, or untracked if any is untracked."""
    total = 0
    for quantity in quantities:
        if isinstance(quantity, Untracked):
            return quantity
        if not isinstance(quantity, Tracked):
            raise TypeError(
                f"total_stock takes Tracked or Untracked values, got {type(quantity).__name__}"
            )
        total += max(0, quantity.quantity)
    return Tracked(quantity=total)


def _check_at_least(
    instance: UntrackedSentinel, attribute: attrs.Attribute[Any], value: int | None
) -> None:
    if value is None:
        return
    if _whole("UntrackedSentinel", attribute, value) < 1:
        raise DomainConfigError(
            f"UntrackedSentinel.at_least must be 1 or more (e.g. 99_999, CoreLink's sentinel) "
            f"or None to read every number as a count, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class UntrackedSentinel:
    """How an OMS that sends a number spells "untracked": any count of ``at_least`` or more.

    The default 99,999 catches CoreLink's 99,999 and EcomSend's 999,999; ``at_least=None`` reads
    every number as a count (for an OMS that really stocks that many).
    """

    at_least: int | None = attrs.field(default=TIKTOK_MAX_QUANTITY, validator=_check_at_least)

    def read(self, value: int) -> StockQuantity:
        """The OMS's number as :class:`Tracked`, or :class:`Untracked` when it is the sentinel."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"a stock count must be an int, got {type(value).__name__}: {value!r}")
        if self.at_least is not None and value >= self.at_least:
            return Untracked(
                reason=f"the OMS sent {value:,}, at or above the untracked sentinel "
                f"{self.at_least:,} (在庫管理をしない)"
            )
        return Tracked(quantity=value)


def _check_percent(instance: StockPushRule, attribute: attrs.Attribute[Any], value: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 <= value <= 100
    ):
        raise DomainConfigError(
            f"StockPushRule.buffer_percent must be from 0 to 100 (e.g. 80 publishes 80 % of "
            f"stock), got {value!r}"
        )


def _check_limit(instance: StockPushRule, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "max_quantity":
        return
    if not 0 <= _whole("StockPushRule", attribute, value) <= TIKTOK_MAX_QUANTITY:
        raise DomainConfigError(
            f"StockPushRule.{attribute.name} must be from 0 to {TIKTOK_MAX_QUANTITY:,}, got "
            f"{value!r}"
        )


def _check_untracked_quantity(
    instance: StockPushRule, attribute: attrs.Attribute[int], value: int
) -> None:
    if not TIKTOK_MIN_QUANTITY <= _whole("StockPushRule", attribute, value) <= TIKTOK_MAX_QUANTITY:
        raise DomainConfigError(
            f"StockPushRule.untracked_quantity must be within TikTok's Update Inventory range "
            f"[{TIKTOK_MIN_QUANTITY}, {TIKTOK_MAX_QUANTITY:,}], got {value!r}; the default is "
            f"{TIKTOK_MAX_QUANTITY:,}"
        )


@attrs.frozen(kw_only=True)
class StockPushRule:
    """What to list on TikTok: buffer % of tracked stock, a cap, an out-of-stock threshold, and
    the quantity for untracked items (TikTok's maximum by default)."""

    buffer_percent: float = attrs.field(default=100, validator=_check_percent)
    max_quantity: int | None = attrs.field(default=None, validator=_check_limit)
    out_of_stock_threshold: int = attrs.field(default=0, validator=_check_limit)
    untracked_quantity: int = attrs.field(
        default=TIKTOK_MAX_QUANTITY, validator=_check_untracked_quantity
    )


@attrs.frozen(kw_only=True)
class PushQuantity:
    """The quantity to send for one SKU and warehouse, whether it is untracked, and why."""

    quantity: int
    untracked: bool
    """True for an item the OMS does not count: a plan shows it as untracked, not as stock."""
    reason: str
    capped_from: int | None = None
    """The figure TikTok's maximum cut down (``quantity`` is then 99,999); None when not cut."""


_DEFAULT_RULE: Final = StockPushRule()


def decide_push_quantity(stock: StockQuantity, rule: StockPushRule | None = None) -> PushQuantity:
    """The quantity to list for ``stock``: the rule's untracked quantity, or buffered stock."""
    chosen = rule if rule is not None else _DEFAULT_RULE
    if isinstance(stock, Untracked):
        return PushQuantity(
            quantity=chosen.untracked_quantity,
            untracked=True,
            reason=f"untracked ({stock.reason}): sent as the configured "
            f"{chosen.untracked_quantity:,}; the buffer, cap and threshold do not apply",
        )
    if not isinstance(stock, Tracked):
        raise TypeError(f"stock must be Tracked or Untracked, got {type(stock).__name__}")
    available = stock.quantity
    if available <= chosen.out_of_stock_threshold:
        return PushQuantity(
            quantity=0,
            untracked=False,
            reason=f"{available:,} available, at or below the out-of-stock threshold "
            f"{chosen.out_of_stock_threshold:,}: listed as 0",
        )
    percent = chosen.buffer_percent
    # Whole percentages stay in integer arithmetic, so 80 % of 7 is exactly 5, as before.
    if isinstance(percent, int):
        quantity = available * percent // 100
    else:
        quantity = math.floor(available * percent / 100)
    reason = f"{percent:g} % of {available:,} available"
    if chosen.max_quantity is not None and quantity > chosen.max_quantity:
        quantity = chosen.max_quantity
        reason += f", capped at {chosen.max_quantity:,}"
    capped_from = None
    if quantity > TIKTOK_MAX_QUANTITY:
        capped_from, quantity = quantity, TIKTOK_MAX_QUANTITY
        reason += f", capped at TikTok's maximum {TIKTOK_MAX_QUANTITY:,}"
    return PushQuantity(
        quantity=max(0, quantity), untracked=False, reason=reason, capped_from=capped_from
    )
