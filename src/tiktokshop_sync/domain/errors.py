"""Errors the domain rules raise: for bad configuration or arguments, or when a host asks to."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DomainConfigError", "DomainError", "NaiveDatetimeError", "UnmappedPaymentError"]


class DomainError(Exception):
    """Base class of every error raised by ``tiktokshop_sync.domain``."""


class DomainConfigError(DomainError, ValueError):
    """A setting is invalid; the message names the setting and says how to fix it."""


class NaiveDatetimeError(DomainError, ValueError):
    """A datetime without a timezone was passed where the rules need an aware one."""


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
