"""The collector pause (``_core.collector``) and the reply reader that runs inside one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
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
