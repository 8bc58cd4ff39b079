"""Small shapes several endpoints share: per-item errors of batch calls, warnings."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from ._base import WireModel

__all__ = ["ItemError", "Warning_"]


class ItemError(WireModel):
    """One failed item of a batch call that succeeded overall (TikTok's ``data.errors[]``).

    ``detail`` stays a dict: its fields differ per endpoint (``product_id``, ``sku_id`` or
    ``package_id``, and ``extra_errors`` per warehouse); the properties read the ids.
    """

    repr_fields: ClassVar[tuple[str, ...] | None] = ("code", "message")

    code: int | None = None
    message: str = ""
    detail: dict[str, Any] = Field(default_factory=dict)

    @property
    def sku_id(self) -> str | None:
        """The SKU the failure is about, when TikTok says."""
        value = self.detail.get("sku_id")
        return None if value is None else str(value)

    @property
    def product_id(self) -> str | None:
        """The product the failure is about, when TikTok says."""
        value = self.detail.get("product_id")
        return None if value is None else str(value)

    @property
    def package_id(self) -> str | None:
        """The package the failure is about (Batch Ship Packages), when TikTok says."""
        value = self.detail.get("package_id")
        return None if value is None else str(value)


class Warning_(WireModel):
    """A non-fatal remark on a successful call (e.g. a brand that was cleared)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("message",)

    message: str = ""
