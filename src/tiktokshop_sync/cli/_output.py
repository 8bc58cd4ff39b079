"""What the commands print: rich tables for people, JSON lines for scripts, times in JST.

Tables and text go to stdout; notes, progress and errors to stderr, so ``--json`` output piped
into ``jq`` holds only JSON lines (one object per line, UTF-8, times ISO 8601 with offset).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiktokshop_sync.domain.business_days import jst_stamp

__all__ = ["Output", "jsonable", "jst", "until"]


def jst(value: dt.datetime | None) -> str:
    """``2025-06-02 10:00 JST``; an empty string for None."""
    return "" if value is None else jst_stamp(value)


def until(value: dt.datetime, now: dt.datetime) -> str:
    """How far ``value`` is from ``now``, in words: ``in 6 d 23 h`` or ``2 h ago``."""
    delta = value - now
    seconds = abs(int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        parts = [f"{days} d"] + ([f"{hours} h"] if hours else [])
    elif hours:
        parts = [f"{hours} h"] + ([f"{minutes} min"] if minutes else [])
    else:
        parts = [f"{minutes} min"]
    span = " ".join(parts)
    return f"in {span}" if delta.total_seconds() >= 0 else f"{span} ago"


def jsonable(value: Any) -> Any:
    """``value`` as JSON types: datetimes ISO 8601, Decimals as plain strings (exact yen), enums by
    value, attrs values as objects (a decision's type under ``kind``), tuples as lists."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # never 1E+3: the CLI's amount cells read it back as written
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if attrs.has(type(value)):
        fields = {a.name: jsonable(getattr(value, a.name)) for a in attrs.fields(type(value))}
        return {"kind": type(value).__name__, **fields}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


class Output:
    """One command's output: JSON lines with ``--json``, rich tables and text otherwise."""

    def __init__(self, *, json_lines: bool, width: int | None = None) -> None:
        self.json_lines = json_lines
        # soft_wrap: a page token or a URL is never broken over two lines (copy and paste).
        self.out = Console(highlight=False, soft_wrap=True, width=width)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True, width=width)

    def record(self, data: Mapping[str, Any]) -> None:
        """One JSON line on stdout."""
        line = json.dumps(jsonable(data), ensure_ascii=False, separators=(",", ":"))
        self.out.file.write(line + "\n")
        self.out.file.flush()

    def text(self, text: str) -> None:
        """Plain text on stdout, never read as markup (texts from TikTok print as they are)."""
        self.out.print(text, markup=False, highlight=False)

    def note(self, text: str) -> None:
        """A remark for the person at the terminal, on stderr (never mixed into JSON lines)."""
        self.err.print(text, markup=False, highlight=False, style="dim")

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        title: str | None = None,
        wide: Sequence[str] = (),
    ) -> None:
        """A table on stdout: only ``wide`` columns wrap (long ones fold when the terminal is
        narrow); times print in JST without the zone (the title says so)."""
        table = Table(title=title, title_justify="left", show_lines=False)
        for index, name in enumerate(columns):
            table.add_column(name, no_wrap=index == 0 or name not in wide, overflow="fold")
        count = 0
        for row in rows:
            table.add_row(*(_cell(value) for value in row))
            count += 1
        if count:
            self.out.print(table)
        else:
            self.note(f"{title or 'nothing'}: none")


def _cell(value: Any) -> Text:
    """A cell as literal text: a product name such as "[限定] …" is not rich markup."""
    if value is None:
        return Text("")
    if isinstance(value, dt.datetime):
        return Text(jst(value).removesuffix(" JST"))
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    if isinstance(value, enum.Enum):
        return Text(str(value.value))
    return Text(str(value))
