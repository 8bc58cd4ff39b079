"""The fake's orders filed for fast reads: per shop sorted by ``(create_time, id)`` and by
``(update_time, id)``, and ON_HOLD orders queued by payment time.

Searching a time range of a shop then costs O(log N + page) instead of a sort of every order
per page, and releasing due holds on every request costs O(due) instead of a scan.

Every FakeOrder write to ``shop_id``, ``status``, ``create_time``, ``update_time`` or
``paid_time`` touches the index (an attrs ``on_setattr`` hook, see ``FakeOrder.watcher``);
touched orders are re-filed on the next read, so a burst of writes (``create_orders(100_000)``)
is filed with one sort.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from tiktokshop_sync.testing._orders.records import FakeOrder

__all__ = ["OrderIndex", "SortField", "SortKey", "sort_key"]

SortField = Literal["create_time", "update_time"]
#: ``(whole seconds, order id)``: the search's sort key (ids break ties on the second).
SortKey = tuple[int, str]

_FIELDS: tuple[SortField, SortField] = ("create_time", "update_time")
# Above this many moves in one list, re-sorting it beats inserting one by one.
_RESORT_AT = 64


def sort_key(order: FakeOrder, field: SortField) -> SortKey:
    """Where ``order`` sorts by ``field``: its whole-second timestamp, then its id."""
    return int(getattr(order, field).timestamp()), order.id


class OrderIndex:
    """Orders filed by shop and sort key; callers hold the fake's state lock."""

    def __init__(self) -> None:
        self._orders: dict[str, FakeOrder] = {}
        self._sequence: dict[str, int] = {}  # insertion order, for deterministic hold release
        # order id -> (shop id, key) per field of _FIELDS, as currently filed
        self._filed: dict[str, tuple[tuple[str, SortKey], ...]] = {}
        self._sorted: dict[tuple[str, SortField], list[SortKey]] = {}
        self._touched: dict[str, FakeOrder] = {}
        self._holds: list[tuple[datetime, int, str]] = []  # heap of (paid_time, sequence, id)

    def __len__(self) -> int:
        return len(self._orders)

    def add(self, order: FakeOrder) -> None:
        """File a newly stored order and watch its writes from now on."""
        if order.id in self._orders:
            raise ValueError(f"order {order.id!r} is already indexed")
        self._orders[order.id] = order
        self._sequence[order.id] = len(self._sequence)
        order.watcher = self
        self._touched[order.id] = order

    def touch(self, order: FakeOrder) -> None:
        """``order`` is changing a field it is filed by: re-file it before the next read."""
        if self._orders.get(order.id) is order:
            self._touched[order.id] = order

    def get(self, order_id: str) -> FakeOrder:
        """The indexed order with this id (KeyError if unknown)."""
        return self._orders[order_id]

    def sorted_keys(self, shop_id: str, field: SortField) -> Sequence[SortKey]:
        """The shop's orders as :func:`sort_key` values, ascending (do not keep across writes)."""
        self._settle()
        return self._sorted.get((shop_id, field), [])

    def due_holds(self, paid_by: datetime) -> list[tuple[FakeOrder, datetime]]:
        """ON_HOLD orders paid at or before ``paid_by`` with their ``paid_time``, in the order
        they were stored.

        Each is returned once: the caller moves it on (a later ON_HOLD queues it again).
        """
        self._settle()
        due: dict[str, tuple[int, FakeOrder, datetime]] = {}
        while self._holds and self._holds[0][0] <= paid_by:
            paid, sequence, order_id = heapq.heappop(self._holds)
            order = self._orders[order_id]
            # Entries are not removed when an order moves on; stale ones are skipped here.
            if order.status == "ON_HOLD" and order.paid_time == paid:
                due[order_id] = (sequence, order, paid)
        return [(order, paid) for _, order, paid in sorted(due.values(), key=lambda e: e[0])]

    def _settle(self) -> None:
        if not self._touched:
            return
        touched, self._touched = self._touched, {}
        removed: dict[tuple[str, SortField], list[SortKey]] = {}
        added: dict[tuple[str, SortField], list[SortKey]] = {}
        for order_id, order in touched.items():
            if order.status == "ON_HOLD" and order.paid_time is not None:
                entry = (order.paid_time, self._sequence[order_id], order_id)
                heapq.heappush(self._holds, entry)
            new = tuple((order.shop_id, sort_key(order, field)) for field in _FIELDS)
            old = self._filed.get(order_id)
            if old == new:
                continue
            self._filed[order_id] = new
            for position, field in enumerate(_FIELDS):
                (shop_id, key), was = new[position], None if old is None else old[position]
                if was == (shop_id, key):
                    continue
                if was is not None:
                    removed.setdefault((was[0], field), []).append(was[1])
                added.setdefault((shop_id, field), []).append(key)
        for where in removed.keys() | added.keys():
            self._move(where, removed.get(where, []), added.get(where, []))

    def _move(self, where: tuple[str, SortField], gone: list[SortKey], new: list[SortKey]) -> None:
        keys = self._sorted.setdefault(where, [])
        if len(gone) + len(new) > _RESORT_AT:
            if gone:
                drop = set(gone)
                keys[:] = [key for key in keys if key not in drop]
            keys.extend(new)
            keys.sort()  # Timsort: linear on the sorted run plus the new keys' sort
            return
        for key in gone:
            del keys[bisect_left(keys, key)]
        for key in new:
            insort(keys, key)
