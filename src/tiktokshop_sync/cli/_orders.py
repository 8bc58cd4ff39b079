"""``shops``, ``orders search`` and ``orders get``: what TikTok has, times in JST, buyers masked."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

import typer

from tiktokshop_sync import InvalidArgumentError
from tiktokshop_sync.domain import JST
from tiktokshop_sync.types.order import Order

from ._common import DebugOpt, JsonOpt, PersonalOpt, begin, command
from ._exit import ExitCode
from ._output import Output, jst
from ._personal import MASK, safe_dump
from ._progress import Bars

__all__ = ["order_row", "orders_app", "parse_since", "parse_time", "shops"]

orders_app = typer.Typer(
    name="orders", help="Search and read orders (times in JST).", no_args_is_help=True
)

_SINCE = re.compile(r"^\s*(\d+)\s*(d|h|m|min)\s*$")


def parse_since(value: str) -> timedelta:
    """``7d``, ``24h`` or ``30m`` as a timedelta."""
    match = _SINCE.match(value)
    if match is None:
        raise InvalidArgumentError(
            f"--since takes a number and a unit (d, h or m), e.g. 7d or 24h, got {value!r}."
        )
    amount, unit = int(match.group(1)), match.group(2)
    if unit == "d":
        return timedelta(days=amount)
    return timedelta(hours=amount) if unit == "h" else timedelta(minutes=amount)


def parse_time(option: str, value: str | None) -> datetime | None:
    """An ISO date or time; without an offset it is JST (a date is 00:00 JST that day)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(0), tzinfo=JST)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidArgumentError(
            f"{option} takes a date or time such as 2025-06-01 or 2025-06-01T10:00 (JST unless "
            f"an offset is given), got {value!r}."
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=JST)


def _amount(order: Order) -> str:
    payment = order.payment
    if payment is None or payment.total_amount is None:
        return ""
    return f"{payment.total_amount:,} {payment.currency}".strip()


def _recipient(order: Order) -> dict[str, str]:
    address = order.recipient_address
    if address is None:
        return {"name": "", "phone": "", "postal_code": "", "address": ""}
    return {
        "name": address.name,
        "phone": address.phone_number,
        "postal_code": address.postal_code,
        "address": address.full_address,
    }


def order_row(order: Order, *, show_personal_data: bool) -> dict[str, Any]:
    """The summary of an order ``orders search`` prints (JSON line and table row alike)."""
    row: dict[str, Any] = {
        "order_id": order.id,
        "status": str(order.status),
        "created_at": order.create_time,
        "paid_at": order.paid_time,
        "updated_at": order.update_time,
        "total": None if order.payment is None else order.payment.total_amount,
        "currency": "" if order.payment is None else order.payment.currency,
        "units": len(order.line_items),
        "shipping_type": "" if order.shipping_type is None else str(order.shipping_type),
        "tracking_number": order.tracking_number,
        "rts_sla_time": order.rts_sla_time,
    }
    recipient = _recipient(order)
    if not show_personal_data:
        recipient = {k: MASK if v else v for k, v in recipient.items()}
    row["recipient"] = recipient
    return row


_SEARCH_COLUMNS = ["order id", "status", "created", "total", "units", "shipping", "tracking"]


def _table_row(order: Order, show_personal_data: bool) -> list[Any]:
    row = [
        order.id,
        str(order.status),
        order.create_time,
        _amount(order),
        len(order.line_items),
        "" if order.shipping_type is None else str(order.shipping_type),
        order.tracking_number,
    ]
    if show_personal_data:
        recipient = _recipient(order)
        row += [recipient["name"], f"〒{recipient['postal_code']} {recipient['address']}"]
    return row


@orders_app.command("search")
@command
def orders_search(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="One order status, e.g. AWAITING_SHIPMENT (TikTok's names).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Created within this long before now: 7d, 24h, 30m.")
    ] = None,
    created_from: Annotated[
        str | None, typer.Option(help="Created at or after (2025-06-01 or ISO time; JST).")
    ] = None,
    created_to: Annotated[str | None, typer.Option(help="Created before (JST).")] = None,
    updated_from: Annotated[str | None, typer.Option(help="Updated at or after (JST).")] = None,
    updated_to: Annotated[str | None, typer.Option(help="Updated before (JST).")] = None,
    shipping_type: Annotated[
        str | None, typer.Option(help="TIKTOK (TikTok ships) or SELLER (your carrier).")
    ] = None,
    cancel_requested: Annotated[
        bool, typer.Option("--cancel-requested", help="Only orders the buyer asked to cancel.")
    ] = False,
    warehouse_id: Annotated[
        list[str] | None, typer.Option(help="Only orders from this warehouse (repeatable).")
    ] = None,
    sort: Annotated[
        str, typer.Option(help="create_time or update_time, then :asc or :desc.")
    ] = "create_time:desc",
    limit: Annotated[
        int, typer.Option(min=0, help="Stop after this many orders (0: every match).")
    ] = 50,
    page_size: Annotated[int, typer.Option(min=1, max=100, help="Orders per call.")] = 50,
    page_token: Annotated[
        str | None, typer.Option(help="Resume from a page token a previous search printed.")
    ] = None,
    show_personal_data: PersonalOpt = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Search the shop's orders: a table, or one JSON line per order with --json.

    Filters map to TikTok's order search; times print in JST, buyers' data as *** unless
    --show-personal-data. A search stopped by --limit prints the page token to resume from.
    """
    current, output = begin(ctx, json_output, debug)
    field, _, order = sort.partition(":")
    filters: dict[str, Any] = {
        "sort_field": field,
        "sort_order": (order or "desc").upper(),
        "page_size": min(page_size, limit) if limit else page_size,
    }
    now = current.clock.now()
    times = {
        "create_time_ge": parse_time("--created-from", created_from)
        or (now - parse_since(since) if since else None),
        "create_time_lt": parse_time("--created-to", created_to),
        "update_time_ge": parse_time("--updated-from", updated_from),
        "update_time_lt": parse_time("--updated-to", updated_to),
    }
    filters.update({k: v for k, v in times.items() if v is not None})
    if status:
        filters["status"] = status.upper()
    if shipping_type:
        filters["shipping_type"] = shipping_type.upper()
    if cancel_requested:
        filters["is_buyer_request_cancel"] = True
    if warehouse_id:
        filters["warehouse_ids"] = list(warehouse_id)
    shop = current.shop()
    pager = shop.view.orders.search(page_token=page_token, **filters)
    found: list[Order] = []
    resume: str | None = None
    partial = False
    with Bars(output, enabled=current.progress_enabled()) as bars, bars.phase("orders"):
        for page in pager.iter_pages():
            bars.page(len(page.items), page.total_count)
            room = len(page.items) if not limit else limit - len(found)
            for item in page.items[:room]:
                found.append(item)
                if output.json_lines:
                    output.record(order_row(item, show_personal_data=show_personal_data))
            if limit and len(found) >= limit:
                # Stopped inside a page: resuming from it repeats its first orders, never
                # skips any; stopped at its end: the next page follows on.
                partial = room < len(page.items)
                resume = page.page_token if partial else page.next_page_token
                break
    if not output.json_lines:
        columns = _SEARCH_COLUMNS + (["recipient", "address"] if show_personal_data else [])
        output.table(
            columns,
            (_table_row(o, show_personal_data) for o in found),
            title=f"orders of {shop.label}",
            wide=("recipient", "address"),
        )
        output.note(f"{len(found)} order(s), times in JST")
    if resume:
        again = " (its first orders repeat)" if partial else ""
        output.note(f"more orders match: resume with --page-token {resume}{again}")
    return 0


def _detail(output: Output, order: Order, show_personal_data: bool) -> None:
    recipient = _recipient(order)
    if not show_personal_data:
        recipient = {k: MASK if v else v for k, v in recipient.items()}
    rows = [
        ("status", str(order.status)),
        ("created", jst(order.create_time)),
        ("paid", jst(order.paid_time)),
        ("updated", jst(order.update_time)),
        ("ship by (rts_sla_time)", jst(order.rts_sla_time)),
        ("total", _amount(order)),
        ("payment method", order.payment_method_name),
        ("shipping type", "" if order.shipping_type is None else str(order.shipping_type)),
        ("tracking", order.tracking_number),
        ("recipient", recipient["name"]),
        ("phone", recipient["phone"]),
        ("address", f"〒{recipient['postal_code']} {recipient['address']}".strip("〒 ")),
        ("buyer message", MASK if order.buyer_message and not show_personal_data else ""),
    ]
    if show_personal_data:
        rows[-1] = ("buyer message", order.buyer_message)
    output.table(["field", "value"], rows, title=f"order {order.id}", wide=("value",))
    output.table(
        ["line item", "seller sku", "product", "sku", "price", "status"],
        (
            [
                line.id,
                line.seller_sku,
                line.product_name,
                line.sku_name,
                "" if line.sale_price is None else f"{line.sale_price:,}",
                "" if line.display_status is None else str(line.display_status),
            ]
            for line in order.line_items
        ),
        wide=("product", "sku"),
    )


@orders_app.command("get")
@command
def orders_get(
    ctx: typer.Context,
    order_ids: Annotated[list[str], typer.Argument(help="One or more order ids.")],
    show_personal_data: PersonalOpt = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Read orders in full: a table per order, or one JSON line per order with --json.

    JSON lines hold every field TikTok sent, buyers' data as *** unless --show-personal-data.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    orders = shop.view.orders.get(order_ids)
    missing = sorted(set(order_ids) - {o.id for o in orders})
    for order in orders:
        if output.json_lines:
            output.record(safe_dump(order, show_personal_data=show_personal_data))
        else:
            _detail(output, order, show_personal_data)
    if missing:
        output.note(f"not found in {shop.label}: {', '.join(missing)}")
        return int(ExitCode.API)
    return 0


def shops(
    ctx: typer.Context,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """List the shops each authorized seller granted this app, with their ids and ciphers.

    Use a shop's id (or name) with --shop when a seller has more than one.
    """
    current, output = begin(ctx, json_output, debug)
    chosen = current.options.seller or current.file.values.get("seller")
    grants = [current.grant()] if chosen else current.grants()
    if not grants:
        current.grant()
    found = [(grant, shop) for grant in grants for shop in current.shops(grant)]
    if output.json_lines:
        for grant, shop in found:
            output.record(
                {
                    "type": "shop",
                    "seller": grant,
                    "id": shop.id,
                    "name": shop.name,
                    "region": shop.region,
                    "cipher": shop.cipher,
                }
            )
    else:
        output.table(
            ["seller (open_id)", "shop id", "name", "region", "cipher"],
            ([g, s.id, s.name, s.region, s.cipher] for g, s in found),
            title="authorized shops",
            wide=("name",),
        )
    return 0
