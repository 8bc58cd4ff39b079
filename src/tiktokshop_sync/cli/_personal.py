"""Personal data in what the CLI prints: masked unless ``--show-personal-data`` asks for it.

The rule is the one the SDK's reprs follow (the logging guide): a text field is printed when its
kind cannot carry a person's data (an id, a status, a type, a code, an amount's currency) or it
names a product or a shipping service; any other text (names, phones, addresses, e-mails,
messages, notes, and fields TikTok adds later) prints as ``***``. Numbers, flags, times and
amounts print as they are. Files written for the OMS (``import run --out``) are data export and
keep everything.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol


class WireModel(Protocol):
    """A wire model: a pydantic model or a lazy view (the orders), which share this surface."""

    def model_dump(self, *, mode: str) -> dict[str, Any]:
        """The model as plain data."""
        ...


__all__ = ["MASK", "safe_dump", "shows_text"]

MASK = "***"
# Not "_code": postal_code is personal. Codes that are safe are listed by name.
_TEXT_SUFFIXES = ("_id", "_ids", "_status", "_type", "_sku")
_TEXT_NAMES = frozenset(
    {
        "id",
        "status",
        "type",
        "currency",
        "region_code",
        "iso_code",
        "payment_method_code",
        "seller_sku",
        "tracking_number",
        "product_name",
        "sku_name",
        "sku_image",
        "image_url",
        "payment_method_name",
        "shipping_provider",
        "shipping_provider_name",
        "delivery_option_name",
        "amount",
        "days",
        "fast_delivery_program",
    }
)


def shows_text(name: str) -> bool:
    """Whether a text field of this name prints as is when personal data is masked."""
    return name in _TEXT_NAMES or name.endswith(_TEXT_SUFFIXES)


def safe_dump(model: WireModel, *, show_personal_data: bool) -> dict[str, Any]:
    """A wire model as JSON types; personal text masked unless ``show_personal_data``.

    Fields TikTok sent that the model does not declare are kept only with
    ``show_personal_data``: nobody has decided yet whether they are personal.
    """
    if show_personal_data:
        dumped: dict[str, Any] = model.model_dump(mode="json")
        return dumped
    return _masked(model)


def _masked(model: Any) -> dict[str, Any]:
    masked: frozenset[str] = getattr(type(model), "masked_fields", frozenset())
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name, None)
        if name in masked:
            out[name] = MASK if value else value
        else:
            out[name] = _value(name, value)
    return out


def _value(name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value if not value or shows_text(name) else MASK
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if _is_model(value):
        return _masked(value)
    if isinstance(value, Mapping):
        return {str(k): _value(name, v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_value(name, v) for v in value]
    return MASK


def _is_model(value: object) -> bool:
    return hasattr(type(value), "model_fields") and hasattr(value, "model_dump")
