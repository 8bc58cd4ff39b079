"""The models' fields against the reply fields TikTok documents for the endpoints that use them.

From each endpoint's ``response_param`` tree and the row's ``reply`` map (which model reads
which part of ``data``), every model reached gets the union of the fields documented where it
is used. :func:`problems` lists each documented field a model does not declare, each declared
field no endpoint documents, and each type that does not match what the documentation says
(times as aware datetimes, amounts as decimals, listed values as open enums, objects as
models), less the exceptions below, each with its reason.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

import attrs

from spec_oracle import Endpoint, Param
from tiktokshop_sync.types._base import OpenEnum, WireModel, WireView

from . import endpoint_for
from .calls import SDK_CALLS, SdkCall

# A wire model is a pydantic model or a lazy view; both describe their fields in model_fields.
_WIRE = (WireModel, WireView)

__all__ = [
    "Use",
    "data_coverage_problems",
    "documented_uses",
    "problems",
    "stale_exceptions",
    "walk",
]


@attrs.frozen(kw_only=True)
class Use:
    """One documented field of a model, where an endpoint documents it."""

    model: type[WireModel | WireView]
    name: str
    param: Param
    where: str


def _node(endpoint: Endpoint, dotted: str) -> Param:
    data = endpoint.data
    if data is None:
        raise KeyError(f"{endpoint.document_id} documents no data")
    return data if not dotted else endpoint.data_field(dotted)


def _unwrap(annotation: Any) -> Any:
    """The annotation without ``Annotated[...]`` and ``| None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _item(annotation: Any) -> tuple[bool, Any]:
    """(is a list, the element or value type)."""
    base = _unwrap(annotation)
    if get_origin(base) in (list, tuple):
        return True, _unwrap(get_args(base)[0])
    return False, base


def _model(annotation: Any) -> type[WireModel | WireView] | None:
    _, base = _item(annotation)
    return base if isinstance(base, type) and issubclass(base, _WIRE) else None


def walk(model: type[WireModel | WireView], node: Param, where: str) -> Iterator[Use]:
    """Each documented field under ``node`` with the model that reads it, nested models too."""
    for child in node.children:
        yield Use(model=model, name=child.name, param=child, where=f"{where}.{child.name}")
        field = model.model_fields.get(child.name)
        sub = None if field is None else _model(field.annotation)
        if sub is not None and child.children:
            yield from walk(sub, child, f"{where}.{child.name}")


def _uses_of(call: SdkCall) -> Iterator[Use]:
    endpoint = endpoint_for(call.fixture)
    for dotted, model in call.reply.items():
        node = _node(endpoint, dotted)
        yield from walk(model, node, f"{endpoint.document_id}:data{'.' if dotted else ''}{dotted}")


def documented_uses() -> list[Use]:
    """Every (model, documented field) pair the SDK's calls reach."""
    return [use for call in SDK_CALLS for use in _uses_of(call)]


def data_coverage_problems() -> list[str]:
    """Documented ``data`` fields that no model and no listed reason reads."""
    found = []
    for call in SDK_CALLS:
        data = endpoint_for(call.fixture).data
        documented = {c.name for c in data.children} if data is not None else set()
        if "" in call.reply:
            read = documented
        else:
            read = {path.split(".")[0] for path in call.reply} | set(call.data_fields)
        for name in sorted(documented - read):
            found.append(f"{call.name}: data.{name} is documented but nothing reads it")
        for name in sorted(set(call.data_fields) - documented):
            found.append(f"{call.name}: data.{name} is listed as read but not documented")
    return found


# --- exceptions, each with its reason -----------------------------------------------------

# TikTok's OpenAPI description as published with its tooling (@tts-open-toolkit/cli, order API
# 202309): it documents Get Order Detail 202309, the version the SDK calls, where the snapshot
# has only 202507.
_OAS_202309 = (
    "documented for Get Order Detail 202309 in TikTok's OpenAPI description (tts-open-toolkit)"
)
_SEEN = "not in the snapshot, but seen in real replies by other clients; kept (public API)"
_FLAT = (
    "Inventory Search nests SKUs under products; the client flattens them into one record per SKU"
)

#: Declared fields no endpoint the SDK calls documents: (model, field) -> reason.
UNDOCUMENTED: dict[tuple[str, str], str] = {
    ("Payment", "payment_platform_discount"): _OAS_202309,
    ("Payment", "payment_discount_service_fee"): _OAS_202309,
    ("DistrictInfo", "iso_code"): _OAS_202309,
    ("Cancellation", "should_replenish_stock"): _SEEN,
    ("PackageDetail", "package_sub_status"): _SEEN,
    ("PackageDetail", "warehouse_id"): "listed by the project's API digest; kept (public API)",
    ("TrackingEvent", "action_code"): "listed by the project's API digest; kept (public API)",
    ("ProductAudit", "pre_approved_reason"): (
        "the PRODUCT_AUDIT_STATUS_CHANGE webhook's singular spelling "
        "(guides/webhooks/product/37-product-audit-status-change.md); kept (public API)"
    ),
    ("SkuPrice", "amount"): (
        "the price field Create Product and Update Price write; replies document sale_price "
        "and tax_exclusive_price; kept (public API)"
    ),
    ("InventoryRecord", "product_id"): f"{_FLAT}: the SKU's product",
    ("InventoryRecord", "sku_id"): f"{_FLAT}: the SKU's id",
}

#: Documented fields a model deliberately does not declare: (model, field) -> reason.
NOT_DECLARED: dict[tuple[str, str], str] = {
    ("InventoryRecord", "id"): f"{_FLAT}: read into sku_id",
}

#: Documented fields whose type deliberately differs from the documented one.
TYPE_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("ItemError", "detail"): (
        "a dict: its fields differ per endpoint (product_id, sku_id or package_id, "
        "extra_errors); properties read the ids (public API)"
    ),
    ("Product", "sales_regions"): "region codes are kept as str, like every region field",
    ("ShopBrand", "authorized_status"): (
        "the field list's UNAUTHORIEZD reads as UNAUTHORIZED, the spelling Get Brands' own "
        "selection rules use (BrandAuthorization._missing_)"
    ),
    ("SkuPrice", "currency"): "currency codes are kept as str, like every currency field",
    ("SkuInventory", "handling_time"): "a number of working days, not a time",
    ("SkuTransaction", "quantity"): 'a count sent as a digit string ("1"): read as an int',
    ("StatementTransaction", "estimated_release_time"): (
        'a Unix timestamp sent as a string ("1685548800", empty once released): read as an '
        "aware datetime like every time"
    ),
    ("TrackingEvent", "update_time_millis"): (
        "milliseconds, as the name says; the update_time property gives the datetime"
    ),
}

_MONEY_NAMES = ("amount", "price", "fee", "discount", "tax", "total", "subtotal")
_TIME_WORDS = ("unix timestamp", "timestamp")


def _is_money(use: Use) -> bool:
    name = use.name
    if use.param.type != "string" or name in ("currency", "tax_type", "tax_rate"):
        return False
    return any(name == m or name.endswith(f"_{m}") for m in _MONEY_NAMES)


def _is_time(use: Use) -> bool:
    if use.param.type != "int":
        return False
    desc = use.param.desc.lower()
    return use.name.endswith(("_time", "_date", "deadline")) or any(w in desc for w in _TIME_WORDS)


def _type_problem(use: Use, annotation: Any) -> str | None:
    listed, base = _item(annotation)
    doc = use.param.type
    wants_list = doc.startswith("[]")
    element = doc[2:] if wants_list else doc
    if listed != wants_list:
        return f"is {'a list' if listed else 'not a list'} but documented as {doc}"
    if element == "object":
        if not (isinstance(base, type) and issubclass(base, _WIRE)):
            return f"is {base!r}, not a model, but documented as {doc}"
        return None
    if element == "bool":
        return None if base is bool else f"is {base!r} but documented as bool"
    if element == "int":
        if _is_time(use):
            return None if base is datetime else f"is {base!r}; a documented time is a datetime"
        return None if base is int else f"is {base!r} but documented as int"
    if element == "string":
        if _is_money(use):
            return None if base is Decimal else f"is {base!r}; a documented amount is a Decimal"
        values = use.param.enum
        if values:
            if not (isinstance(base, type) and issubclass(base, OpenEnum)):
                return f"is {base!r}; documented values {', '.join(values)} want an OpenEnum"
            missing = [v for v in values if v not in base._value2member_map_]
            if missing:
                return f"{base.__name__} lacks documented value(s) {', '.join(missing)}"
            return None
        # A numeric string (a rate, a coordinate) may be read as a Decimal too.
        if base is Decimal or (isinstance(base, type) and issubclass(base, str)):
            return None
        return f"is {base!r} but documented as string"
    return f"has an undocumented type {doc!r}"


def problems(uses: list[Use] | None = None) -> list[str]:
    """Every mismatch between the models and the documentation, less the listed exceptions."""
    uses = documented_uses() if uses is None else uses
    documented: dict[type[WireModel | WireView], set[str]] = {}
    found: list[str] = []
    for use in uses:
        documented.setdefault(use.model, set()).add(use.name)
        key = (use.model.__name__, use.name)
        field = use.model.model_fields.get(use.name)
        if field is None:
            if key not in NOT_DECLARED:
                found.append(
                    f"{use.model.__name__}.{use.name} is documented ({use.where}) but not declared"
                )
            continue
        if key in TYPE_EXCEPTIONS:
            continue
        problem = _type_problem(use, field.annotation)
        if problem is not None:
            found.append(f"{use.model.__name__}.{use.name} {problem} ({use.where})")
    for model, names in documented.items():
        for name in sorted(set(model.model_fields) - names):
            if (model.__name__, name) not in UNDOCUMENTED:
                found.append(f"{model.__name__}.{name} is declared but no endpoint documents it")
    return sorted(set(found))


def stale_exceptions() -> list[str]:
    """Listed exceptions that no longer apply (the model or the documentation changed)."""
    uses = documented_uses()
    documented = {(u.model.__name__, u.name) for u in uses}
    declared = {(u.model.__name__, name) for u in uses for name in u.model.model_fields}
    stale = [f"UNDOCUMENTED {k}" for k in UNDOCUMENTED if k in documented or k not in declared]
    stale += [f"NOT_DECLARED {k}" for k in NOT_DECLARED if k not in documented or k in declared]
    stale += [f"TYPE_EXCEPTIONS {k}" for k in TYPE_EXCEPTIONS if k not in documented]
    return stale
