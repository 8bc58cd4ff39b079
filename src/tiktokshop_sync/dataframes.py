"""DataFrames of orders, pages, plans and reports (the ``dataframe`` extra: pandas, polars).

``shop.orders.search(...).to_pandas()`` (or ``to_polars()``) reads the search page by page into
one frame; a page, a plan (``OrderImportPlan``…), a result or a report (``DeadlineReport``,
``ReconciliationReport``) has the same two methods, and :func:`to_pandas` / :func:`to_polars`
take any of them or a plain list of orders. Install with
``pip install 'tiktokshop-sync[dataframe]'``; without the library, the call raises
:class:`DataFrameNotInstalledError`, which names the extra.

The columns, chosen per class so every page has the same ones:

- ids, statuses and types (text), numbers, flags;
- times as aware ``datetime64`` in ``Asia/Tokyo`` (JST), the zone a Japanese OMS works in;
- amounts as exact ``decimal.Decimal`` (a pandas ``object`` column, a polars ``Decimal``): never
  float, since a yen lost to rounding is a reconciliation error, and TikTok sends decimals for
  other currencies and for rates; ``frame["payment_total_amount"].astype("int64")`` gives whole
  yen when you want them;
- a nested object's fields with its name as prefix (``payment_total_amount``), and a list's
  length (``line_items_count``: one line item per unit, as TikTok sends them);
- a plan's or report's items one per row, with ``part`` naming the collection.

Buyer names, phones, addresses, e-mails and messages are never columns (the repr's rules): a
frame is for analysis and may end up in a shared notebook; ``model_dump()`` stays complete.
"""

from __future__ import annotations

from ._core.tabular import DataFrameNotInstalledError, Tabular, to_pandas, to_polars

__all__ = ["DataFrameNotInstalledError", "Tabular", "to_pandas", "to_polars"]
