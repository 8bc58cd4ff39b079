"""Progress reporting: one callback and the package logger, never buyer personal data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import attrs

# Reporter is the workflows' own helper; the package publishes the callback and its event.
__all__ = ["ProgressCallback", "ProgressEvent"]

logger = logging.getLogger("tiktokshop_sync.workflows")


@attrs.frozen(kw_only=True)
class ProgressEvent:
    """Something a workflow did or decided, and why (ids only: no names, phones or addresses)."""

    job: str
    shop: str
    kind: str
    subject: str
    message: str
    at: datetime


#: What a workflow calls with each ``ProgressEvent``: something it did or decided, and why.
ProgressCallback = Callable[[ProgressEvent], None]


@attrs.define
class Reporter:
    """Sends events to the host's callback and the ``tiktokshop_sync.workflows`` logger."""

    job: str
    shop: str
    callback: ProgressCallback | None = None

    @property
    def listening(self) -> bool:
        """Whether an event would reach anyone (the callback, or the logger at INFO): a loop
        reporting every order of a batch is skipped when none would."""
        return self.callback is not None or logger.isEnabledFor(logging.INFO)

    def page(self, number: int, count: int, total: int, what: str, at: datetime) -> None:
        """Report one fetched page (kind ``page``), so a long search shows progress as it goes."""
        self("page", f"page {number}", f"fetched {count} {what}, {total} so far", at)

    def __call__(self, kind: str, subject: str, message: str, at: datetime) -> None:
        """Report one event."""
        logger.info("%s %s %s: %s", self.job, kind, subject, message)
        if self.callback is not None:
            self.callback(
                ProgressEvent(
                    job=self.job, shop=self.shop, kind=kind, subject=subject, message=message, at=at
                )
            )
