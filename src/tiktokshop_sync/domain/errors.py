"""Errors the domain rules raise: for bad configuration or arguments, or when a host asks to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "DomainConfigError",
    "DomainError",
    "DuplicateStockLevelError",
    "NaiveDatetimeError",
    "UnmappedPaymentError",
]


class DomainError(Exception):
    """Base class of every error raised by ``tiktokshop_sync.domain``."""


class DomainConfigError(DomainError, ValueError):
    """A setting is invalid; the message names the setting and says how to fix it."""


class NaiveDatetimeError(DomainError, ValueError):
    """A datetime without a timezone was passed where the rules need an aware one."""


class DuplicateStockLevelError(DomainError, ValueError):
    """The stock gives one (seller SKU, location) more than once, so its figure is unknown.

    ``duplicates`` maps each such pair to the figures given for it, in order. Equal figures are
    refused too: an export pasted twice is as likely stale as a harmless copy.
    """

    def __init__(self, duplicates: Mapping[tuple[str, str], Sequence[str]]) -> None:
        self.duplicates = {pair: tuple(figures) for pair, figures in duplicates.items()}
        shown = [
            f"{sku!r} at {location!r} ({', '.join(figures)})"
            for (sku, location), figures in self.duplicates.items()
        ]
        more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
        super().__init__(
            f"the stock gives a seller SKU at one location more than once: {'; '.join(shown[:3])}"
            f"{more}. Which figure is right is unknown, so nothing is pushed. Give each seller "
            "SKU once per location (an export pasted twice: export it again); different "
            "locations mapped to one warehouse are added up."
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.duplicates,))


class UnmappedPaymentError(DomainError, LookupError):
    """A payment label has no row in the payment table, and the host chose to raise on that."""

    def __init__(self, label: str, *, known_labels: Sequence[str]) -> None:
        self.label = label
        self.known_labels = tuple(known_labels)
        known = ", ".join(repr(known) for known in self.known_labels) or "none"
        super().__init__(
            f"payment method {label!r} is not in the payment table (known labels: {known}); "
            f"add a row with PaymentTable.extend({{{label!r}: PaymentMethod(...)}}) or choose "
            f"UnmappedPaymentPolicy.use_fallback(...) / .hold_for_review()"
        )
