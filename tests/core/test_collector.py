"""The collector pause (``_core.collector``) and the reply reader that runs inside one."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tiktokshop_sync._core.collector import collector_paused
from tiktokshop_sync._core.replies import view_reply

pytestmark = pytest.mark.usefixtures("collector_restored")


def test_the_collector_is_paused_inside_and_enabled_again_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_enabled_again_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("the plan failed")
    assert gc.isenabled()


def test_a_collector_the_host_disabled_stays_disabled() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_enable_the_collector_only_when_the_last_ends() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(5)
    assert gc.isenabled()
    with collector_paused(), collector_paused():  # nested in one thread
        pass
    assert gc.isenabled()


@contextlib.contextmanager
def _collections(threshold: tuple[int, ...] = (10, 10, 10)) -> Iterator[list[int]]:
    """The generations of the collections that start inside the block, with ``threshold``."""
    started: list[int] = []

    def on_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    before = gc.get_threshold()
    gc.set_threshold(*threshold)
    gc.callbacks.append(on_collection)
    try:
        yield started
    finally:
        gc.callbacks.remove(on_collection)
        gc.set_threshold(*before)


class _Young:
    """A tracked object that no free list recycles, so each one counts as an allocation."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n


def _young_objects(count: int = 50) -> list[_Young]:
    """``count`` new tracked objects: the young generation's count past a small threshold."""
    return [_Young(n) for n in range(count)]


def test_a_young_pause_ends_with_a_collection_of_the_youngest_generation_only() -> None:
    gc.enable()
    with _collections(threshold=(100, 0, 0)) as started:
        with collector_paused(young=True):
            gc.collect(0)  # the middle generation's count past its threshold (0)
            started.clear()
            kept = _young_objects(200)
        first = started[0]
    assert first == 0
    assert gc.isenabled() and kept


def test_a_pause_that_is_not_young_leaves_the_next_collection_to_the_collector() -> None:
    gc.enable()
    with _collections(threshold=(100, 0, 0)) as started:
        with collector_paused():
            gc.collect(0)
            started.clear()
            kept = _young_objects(200)
        first = started[0]  # the collector's own, at the first allocation after the pause
    assert first != 0
    assert kept


def test_a_young_pause_collects_nothing_below_the_threshold() -> None:
    gc.enable()
    with _collections(threshold=(100_000, 10, 10)) as started:
        with collector_paused(young=True):
            started.clear()
            kept = _young_objects()
        collected = len(started)
    assert collected == 0
    assert kept


def test_a_young_pause_collects_nothing_when_the_host_disabled_the_collector() -> None:
    gc.disable()
    with _collections() as started:
        with collector_paused(young=True):
            kept = _young_objects()
        collected = len(started)
    assert collected == 0
    assert not gc.isenabled() and kept


def test_a_young_pause_collects_nothing_when_the_host_turned_the_threshold_off() -> None:
    gc.enable()
    with _collections(threshold=(0,)) as started:
        with collector_paused(young=True):
            started.clear()
            kept = _young_objects()
        collected = len(started)
    assert collected == 0
    assert kept


def test_a_young_pause_inside_another_collects_when_the_outer_one_ends() -> None:
    gc.enable()
    with _collections(threshold=(100, 0, 0)) as started:
        with collector_paused():
            with collector_paused(young=True):
                gc.collect(0)
                started.clear()
                kept = _young_objects(200)
            inner = len(started)
        first = started[0]
    assert inner == 0
    assert first == 0
    assert gc.isenabled() and kept


class _PausesWhenCollected:
    """Cyclic garbage whose finalizer pauses the collector, as a host's might."""

    def __init__(self) -> None:
        self.cycle = self

    def __del__(self) -> None:
        with collector_paused():
            _finalized.append(True)


_finalized: list[bool] = []


def test_a_finalizer_that_pauses_during_the_young_collection_does_not_deadlock() -> None:
    gc.enable()
    _finalized.clear()

    def pause() -> None:
        with _collections(), collector_paused(young=True):
            _PausesWhenCollected()  # garbage at once: only a collection frees it
            kept = _young_objects()
        assert kept

    thread = threading.Thread(target=pause, daemon=True)  # a deadlock fails, not hangs
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    assert _finalized == [True]
    assert gc.isenabled()


class _Recorder:
    """A stand-in view model whose maker records whether the collector ran."""

    seen: list[bool]

    @classmethod
    def reader(cls) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def make(raw: dict[str, Any]) -> dict[str, Any]:
            cls.seen.append(gc.isenabled())
            return raw

        return make


def _items(items: list[Any], data: Any) -> list[Any]:
    return items


def test_a_view_reply_is_read_with_the_collector_paused_and_leaves_it_on() -> None:
    _Recorder.seen = []
    parse = view_reply(_Recorder, _items, "orders")
    gc.enable()
    read = parse(b'{"code": 0, "data": {"orders": [{"id": "1"}, {"id": "2"}]}, "request_id": "r"}')
    assert read == ([{"id": "1"}, {"id": "2"}], "r")
    assert _Recorder.seen == [False, False]
    assert gc.isenabled()


def test_a_reply_that_is_not_json_leaves_the_collector_on() -> None:
    parse = view_reply(_Recorder, _items, "orders")
    gc.enable()
    assert parse(b"<html>busy</html>") is None
    assert gc.isenabled()
