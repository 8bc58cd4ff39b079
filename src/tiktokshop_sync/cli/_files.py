"""The OMS side of the workflows for an operator: input files in, JSON lines out.

Inputs are CSV (UTF-8, with or without BOM; ``--encoding cp932`` for Shift_JIS exports) or JSON
lines (``.jsonl``/``.ndjson``), one record per row, with the columns ``docs/guides/cli.md``
lists. Outputs are JSON lines appended and fsynced before the workflow moves on, so a cursor or
ledger never gets ahead of what the file holds; they are created 0600 (they hold personal data).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from tiktokshop_sync.domain import (
    DEFAULT_SHIPPING_CATALOG,
    AttributeMapping,
    AttributeSource,
    CarrierCompany,
    CategoryMapping,
    CategoryTarget,
    CategoryVersion,
    DomainConfigError,
    ListingMappings,
    PackageDimensions,
    ReturnEvent,
    ShippingMethod,
)
from tiktokshop_sync.workflows import (
    CatalogProduct,
    CatalogSku,
    HoldReleased,
    ImportedOrder,
    OmsShipment,
    OrderCancelled,
    StockLevel,
    TikTokTracking,
)

from ._errors import InputError
from ._output import jsonable

__all__ = [
    "CATALOG_COLUMNS",
    "SHIPMENT_COLUMNS",
    "STOCK_COLUMNS",
    "CatalogFile",
    "JsonLinesOrderSink",
    "JsonLinesReturnSink",
    "JsonLinesTrackingSink",
    "ShipmentFile",
    "StockFile",
    "amount",
    "listing_mappings",
    "read_rows",
]

T = TypeVar("T")

#: Columns per input (required ones first); a ``shop`` column limits a row to one shop.
SHIPMENT_COLUMNS = ("order_id", "tracking_number", "ship_date", "carrier", "line_item_ids", "shop")
STOCK_COLUMNS = ("seller_sku", "location", "available", "shop")
CATALOG_COLUMNS = (
    "catalog_id",
    "title",
    "description",
    "category_id",
    "image_uris",
    "seller_sku",
    "price",
    "quantity",
    "attributes",
    "jan",
    "tags",
    "published",
    "package_weight_grams",
    "package_dimensions",
    "fields",
    "brand",
    "size_chart_image",
    "shop",
)
_JSON_LINES = (".jsonl", ".ndjson", ".json")


def read_rows(path: Path, *, encoding: str = "utf-8-sig") -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) for every record of a CSV or JSON-lines file."""
    try:
        text = path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.") from None
    except UnicodeDecodeError:
        raise InputError(
            f"{path} is not {encoding} text; for a Shift_JIS export from a Japanese OMS pass "
            "--encoding cp932."
        ) from None
    if path.suffix.lower() in _JSON_LINES:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path} line {number}: not JSON ({error.msg}).") from None
            if not isinstance(value, dict):
                raise InputError(f"{path} line {number}: each line must be a JSON object.")
            yield number, value
        return
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        # line_num counts physical lines, so a blank line does not shift later line numbers.
        yield reader.line_num, _cells(path, reader.line_num, len(reader.fieldnames or ()), row)


def _cells(path: Path, number: int, columns: int, row: dict[Any, Any]) -> dict[str, Any]:
    """A CSV row with exactly one cell per header column, keys and cells stripped.

    A row with more cells (an unquoted comma, a trailing comma) or fewer (a lost comma) would
    put a value under the wrong column or none: it is refused, never read as blank.
    """
    extra = row.pop(None, None)  # DictReader's restkey: the cells past the header
    if extra is not None:
        raise InputError(
            f"{path} line {number}: {columns + len(extra)} cells but the header has {columns} "
            'columns; quote a cell that holds a comma ("a,b") or remove the extra comma.'
        )
    missing = [k.strip() for k, v in row.items() if v is None]  # DictReader's restval
    if missing:
        raise InputError(
            f"{path} line {number}: {columns - len(missing)} cells but the header has {columns} "
            f"columns (no cell for {', '.join(missing)}); give every column a cell, an empty "
            "one is fine (,,), so a lost comma cannot shift a value into another column."
        )
    return {k.strip(): v.strip() for k, v in row.items()}


def _require_columns(path: Path, row: Mapping[str, Any], needed: Sequence[str]) -> None:
    missing = [c for c in needed if c not in row]
    if missing:
        raise InputError(
            f"{path} has no {', '.join(missing)} column(s); it needs {', '.join(needed)} "
            "(see docs/guides/cli.md)."
        )


def _for_shop(row: Mapping[str, Any], shop: Sequence[str]) -> bool:
    wanted = str(row.get("shop") or "").strip()
    return not wanted or wanted in shop


def _split(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return tuple(p for p in str(value).replace(";", " ").replace(",", " ").split() if p)


#: Half-width digits, plain or grouped in threes by commas (1200, 1,200); a sign is checked apart.
_WHOLE: Final = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")


_AMOUNT: Final = re.compile(rf"[+-]?(?:{_WHOLE.pattern})(?:\.[0-9]+)?")


def amount(value: Any) -> Decimal:
    """An amount cell as written: half-width digits, optionally grouped as ``1,280``, with
    decimals and a sign; a JSON number as read. ``InvalidOperation`` for anything else
    (``1,0,0``, ``1e3``, ``NaN``, full-width digits): a misplaced comma is never guessed."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise InvalidOperation(f"not a finite amount: {value!r}")
        return number
    text = str(value).strip()
    if not _AMOUNT.fullmatch(text):
        raise InvalidOperation(f"not an amount: {value!r}")
    return Decimal(text.replace(",", ""))


def _int(where: str, name: str, value: Any, *, signed: bool = False) -> int:
    """A whole number cell; ``signed`` allows a negative one (stock: oversold).

    Anything else (``--5``, ``²``, full-width ``１２``, ``1,0,0``) is refused, never guessed.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip()
        sign, digits = (text[:1], text[1:]) if text[:1] in ("+", "-") else ("", text)
        if not _WHOLE.fullmatch(digits):
            raise InputError(
                f"{where}: {name} must be a whole number in half-width digits, such as 1200 or "
                f"1,200, got {value!r}."
            )
        number = int(sign + digits.replace(",", ""))
    if number < 0 and not signed:
        raise InputError(f"{where}: {name} must be 0 or more, got {value!r}.")
    return number


def _carrier(where: str, value: Any) -> CarrierCompany | ShippingMethod | None:
    text = str(value or "").strip()
    if not text:
        return None
    for company in CarrierCompany:
        if text.lower() in (company.value, company.name_en.lower()) or text == company.name_ja:
            return company
    method = DEFAULT_SHIPPING_CATALOG.find(text)
    if method is None:
        companies = ", ".join(c.value for c in CarrierCompany)
        raise InputError(
            f"{where}: carrier {text!r} is neither a carrier company ({companies}) nor a "
            "shipping method of the catalog (e.g. ヤマト運輸B2v6)."
        )
    return method


def _date(where: str, value: Any) -> date | None:
    text = str(value or "").strip().replace("/", "-")
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            f"{where}: ship_date must be a date such as 2025-06-02, got {value!r}."
        ) from None


class _FileSource:
    """Reads its file on every call, so a plan and the run after it see the file as it is."""

    columns: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    def __init__(self, path: Path, *, shop_names: Sequence[str] = (), encoding: str) -> None:
        self.path = path
        self.shop_names = tuple(shop_names)
        self.encoding = encoding

    def _records(self, shop: str, build: Callable[[str, Mapping[str, Any]], T]) -> list[T]:
        names = (shop, *self.shop_names)
        found: list[T] = []
        for number, row in read_rows(self.path, encoding=self.encoding):
            _require_columns(self.path, row, self.required)
            if _for_shop(row, names):
                found.append(build(f"{self.path} line {number}", row))
        return found


class ShipmentFile(_FileSource):
    """A :class:`~tiktokshop_sync.workflows.ShipmentSource` over a shipments file."""

    required = ("order_id", "tracking_number", "ship_date")

    def shipments(self, shop: str) -> list[OmsShipment]:
        """The file's shipments for ``shop`` (rows without a shop column are for any shop)."""
        return self._records(shop, _shipment)


def _shipment(where: str, row: Mapping[str, Any]) -> OmsShipment:
    order_id = str(row.get("order_id") or "").strip()
    if not order_id:
        raise InputError(f"{where}: order_id is empty.")
    return OmsShipment(
        order_id=order_id,
        tracking_number=str(row.get("tracking_number") or "").strip() or None,
        ship_date=_date(where, row.get("ship_date")),
        carrier=_carrier(where, row.get("carrier")),
        line_item_ids=_split(row.get("line_item_ids")),
    )


class StockFile(_FileSource):
    """A :class:`~tiktokshop_sync.workflows.StockSource` over a stock file."""

    required = ("seller_sku", "location", "available")

    def stock_levels(self, shop: str) -> list[StockLevel]:
        """The file's stock levels for ``shop``."""
        return self._records(shop, _stock)


def _stock(where: str, row: Mapping[str, Any]) -> StockLevel:
    sku = str(row.get("seller_sku") or "").strip()
    if not sku:
        raise InputError(f"{where}: seller_sku is empty.")
    return StockLevel(
        seller_sku=sku,
        location=str(row.get("location") or "").strip(),
        available=_int(where, "available", row.get("available"), signed=True),
    )


class CatalogFile(_FileSource):
    """A :class:`~tiktokshop_sync.workflows.CatalogSource` over a catalog file.

    CSV has one row per SKU (product columns repeated or left empty after the first row of a
    catalog_id); JSON lines have one product per line with a ``skus`` list.
    """

    required = ("catalog_id",)

    def products(self, shop: str) -> list[CatalogProduct]:
        """The file's products for ``shop``, SKUs grouped by catalog_id."""
        rows = self._records(shop, lambda where, row: (where, row))
        grouped: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        for where, row in rows:
            grouped.setdefault(str(row["catalog_id"]).strip(), []).append((where, row))
        return [_product(catalog_id, entries) for catalog_id, entries in grouped.items()]


def _product(catalog_id: str, entries: list[tuple[str, Mapping[str, Any]]]) -> CatalogProduct:
    where = entries[0][0]

    def field(name: str) -> Any:
        for _where, row in entries:
            if row.get(name) not in (None, ""):
                return row[name]
        return None

    skus: list[CatalogSku] = []
    for sku_where, row in entries:
        listed = row.get("skus")
        for sku in listed if isinstance(listed, list) else [row]:
            if not isinstance(sku, Mapping):
                raise InputError(f"{sku_where}: each entry of skus must be an object.")
            skus.append(_sku(sku_where, sku))
    published = field("published")
    weight = field("package_weight_grams")
    return CatalogProduct(
        catalog_id=catalog_id,
        title=str(field("title") or ""),
        description=str(field("description") or ""),
        category_id=str(field("category_id") or ""),
        image_uris=_split(field("image_uris")),
        skus=tuple(skus),
        tags=frozenset(_tags(field("tags"))),
        published=_flag(where, published),
        package_weight_grams=(
            None if weight in (None, "") else _int(where, "package_weight_grams", weight)
        ),
        fields=_pairs(where, "fields", field("fields")),
        brand=str(field("brand") or "").strip(),
        package_dimensions=_dimensions(where, field("package_dimensions")),
        size_chart_image=str(field("size_chart_image") or "").strip(),
    )


def _pairs(where: str, name: str, value: Any) -> dict[str, str]:
    """A JSON object, or CSV's ``素材=綿;原産国=日本``."""
    if value is None or value == "":
        return {}
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    if not isinstance(value, str):
        raise InputError(f"{where}: {name} must be an object or name=value;..., got {value!r}.")
    pairs = [p.split("=", 1) for p in value.split(";") if p.strip()]
    if any(len(p) != 2 for p in pairs):
        raise InputError(f"{where}: {name} must be name=value pairs separated by ';'.")
    return {k.strip(): v.strip() for k, v in pairs}


def _dimensions(where: str, value: Any) -> PackageDimensions | None:
    """``30x20x3`` (cm) or ``{"length": 30, "width": 20, "height": 3}``."""
    if value is None or value == "":
        return None
    sides = (
        [value.get(k) for k in ("length", "width", "height")]
        if isinstance(value, Mapping)
        else str(value).lower().replace("×", "x").removesuffix("cm").split("x")
    )
    try:
        length, width, height = (Decimal(str(side).strip()) for side in sides)
    except (InvalidOperation, ValueError):
        raise InputError(
            f"{where}: package_dimensions must be length x width x height in cm such as "
            f"30x20x3, got {value!r}."
        ) from None
    return PackageDimensions(length=length, width=width, height=height)


def listing_mappings(path: Path) -> ListingMappings:
    """The host's listing mappings from a JSON file: ``categories`` (host category -> TikTok
    leaf id), ``attributes`` (per TikTok category: ``sources`` and ``brand_required``),
    ``brands`` (host brand name -> TikTok brand id) and ``category_version`` (v2)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the mappings as JSON ({error}).") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: the mappings file holds one JSON object.")
    try:
        version = CategoryVersion(str(raw.get("category_version") or "v2"))
        return ListingMappings(
            categories=CategoryMapping(
                rows={
                    str(host): CategoryTarget(category_id=str(leaf), version=version)
                    for host, leaf in dict(raw.get("categories") or {}).items()
                }
            ),
            attributes=[
                AttributeMapping(
                    category_id=str(entry["category_id"]),
                    brand_required=bool(entry.get("brand_required", False)),
                    sources=[AttributeSource(**source) for source in entry.get("sources", [])],
                )
                for entry in raw.get("attributes") or []
            ],
            brands={str(k): str(v) for k, v in dict(raw.get("brands") or {}).items()},
        )
    except (DomainConfigError, KeyError, TypeError, ValueError) as error:
        raise InputError(f"{path}: {error}") from None


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    # Tags may hold spaces (TikTok Shop接続): CSV separates them with ';' or '|'.
    return tuple(t.strip() for t in str(value or "").replace("|", ";").split(";") if t.strip())


def _flag(where: str, value: Any) -> bool:
    if value is None or value == "" or value is True:
        return True
    if value is False:
        return False
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y"):
        return True
    if text in ("0", "false", "no", "n"):
        return False
    raise InputError(f"{where}: published must be true or false, got {value!r}.")


def _sku(where: str, row: Mapping[str, Any]) -> CatalogSku:
    seller_sku = str(row.get("seller_sku") or "").strip()
    if not seller_sku:
        raise InputError(f"{where}: seller_sku is empty.")
    try:
        price = amount(row.get("price") or "")
    except InvalidOperation:
        raise InputError(
            f"{where}: price must be an amount such as 1280 or 1,280, got {row.get('price')!r}."
        ) from None
    attributes = row.get("attributes") or {}
    if isinstance(attributes, str):
        pairs = [p.split("=", 1) for p in attributes.split(";") if "=" in p]
        attributes = {k.strip(): v.strip() for k, v in pairs}
    return CatalogSku(
        seller_sku=seller_sku,
        price=price,
        quantity=_int(where, "quantity", row.get("quantity") or 0),
        attributes=dict(attributes),
        jan=_jan(where, row.get("jan")),
    )


def _jan(where: str, value: Any) -> str:
    """A JAN code as written: text only, since a number would have lost its leading zeros."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(
            f'{where}: jan must be text such as "4901234567894" (quoted in JSON, so leading '
            f"zeros are kept), got {value!r}."
        )
    return value.strip()


class _JsonLinesFile:
    """Appends JSON lines to a 0600 file and syncs them to disk before returning."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.written = 0

    def _append(self, records: Iterable[Mapping[str, Any]]) -> None:
        lines = [
            json.dumps(jsonable(r), ensure_ascii=False, separators=(",", ":")) + "\n"
            for r in records
        ]
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as file:
            file.writelines(lines)
            file.flush()
            os.fsync(file.fileno())
        self.written += len(lines)


class JsonLinesOrderSink(_JsonLinesFile):
    """An :class:`~tiktokshop_sync.workflows.OrderSink` writing one JSON line per event.

    ``event`` is ``order`` (import or upsert by ``key``), ``release`` (a held order is now paid:
    入金済み) or ``cancel``. Orders carry the recipient: the file is data export for the OMS.
    """

    def accept(self, orders: Sequence[ImportedOrder]) -> None:
        """Append the imported orders (``key`` repeats on a re-run: treat it as an upsert)."""
        self._append(_order_record(order) for order in orders)

    def release(self, releases: Sequence[HoldReleased]) -> None:
        """Append releases of held orders."""
        self._append({"event": "release", **_fields(r)} for r in releases)

    def cancel(self, cancellations: Sequence[OrderCancelled]) -> None:
        """Append cancellations (``line_item_ids`` empty: the whole order)."""
        self._append({"event": "cancel", **_fields(c)} for c in cancellations)


class JsonLinesReturnSink(_JsonLinesFile):
    """A :class:`~tiktokshop_sync.workflows.ReturnSink` writing one JSON line per step.

    ``event`` is ``return_step``; ``key`` repeats only when a run was interrupted between the
    file and the ledger (treat it as an upsert). Lines carry the buyer's reason (personal
    data): the file is a data export for the OMS.
    """

    def return_events(self, shop: str, events: Sequence[ReturnEvent]) -> None:
        """Append the steps of ``shop``'s returns, refunds and replacements."""
        self._append(_return_record(shop, event) for event in events)


def _return_record(shop: str, event: ReturnEvent) -> dict[str, Any]:
    facts = event.facts
    total, currency = facts.buyer_refund
    return {
        "event": "return_step",
        "key": event.key,
        "shop": shop,
        "step": event.kind,
        "return_id": event.return_id,
        "order_id": event.order_id,
        "return_type": facts.return_type,
        "status": event.status,
        "at": event.at,
        "refund_total": total,
        "currency": currency or None,
        "partial_refund": facts.partial_refund_accepted,
        "buyer_keeps_item": facts.buyer_keeps_item,
        "return_tracking_number": facts.return_tracking_number,
        "return_carrier": facts.return_carrier,
        "reason": facts.reason,
        "reason_text": facts.reason_text,
        "lines": [
            {
                "order_line_item_id": line.order_line_item_id,
                "sku_id": line.sku_id,
                "seller_sku": line.seller_sku,
                "refund_total": None if line.refund is None else line.refund.total,
            }
            for line in facts.lines
        ],
    }


class JsonLinesTrackingSink(_JsonLinesFile):
    """A :class:`~tiktokshop_sync.workflows.TrackingSink` writing TikTok's tracking numbers."""

    def tiktok_tracking(self, numbers: Sequence[TikTokTracking]) -> None:
        """Append the numbers TikTok assigned (store them in the OMS: the buyer sees them)."""
        self._append({"event": "tiktok_tracking", **_fields(n)} for n in numbers)


def _fields(value: Any) -> dict[str, Any]:
    data = jsonable(value)
    data.pop("kind", None)
    return dict(data)


def _order_record(order: ImportedOrder) -> dict[str, Any]:
    # Every field but ``source`` (the wire order, for hosts that want more in Python).
    data = {
        a.name: getattr(order, a.name) for a in attrs.fields(ImportedOrder) if a.name != "source"
    }
    return {"event": "order", "key": order.key, "held": order.held, **jsonable(data)}
