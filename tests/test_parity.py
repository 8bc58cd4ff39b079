"""Every public sync class and its async twin have the same shape."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import tiktokshop_sync

RENAMED = {
    "close": "aclose",
    "__enter__": "__aenter__",
    "__exit__": "__aexit__",
    "__iter__": "__aiter__",
}


def _pairs() -> list[tuple[type, type]]:
    pairs: dict[str, tuple[type, type]] = {}
    for info in pkgutil.walk_packages(tiktokshop_sync.__path__, "tiktokshop_sync."):
        if ".testing" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                not inspect.isclass(obj)
                or not name.startswith("Async")
                or obj.__module__ != module.__name__
            ):
                continue
            twin = getattr(module, name.removeprefix("Async"), None)
            if inspect.isclass(twin):
                pairs[f"{module.__name__}.{name}"] = (twin, obj)
    return sorted(pairs.values(), key=lambda p: p[0].__qualname__)


def _public(cls: type) -> dict[str, object]:
    names = {n for n in dir(cls) if not n.startswith("_") or n in RENAMED or n in RENAMED.values()}
    names -= (
        {"__aenter__", "__aexit__", "__aiter__"} if not cls.__name__.startswith("Async") else set()
    )
    return {n: getattr(cls, n) for n in names if callable(getattr(cls, n, None))}


PAIRS = _pairs()


def test_the_parity_check_found_the_client_pairs() -> None:
    names = {sync.__name__ for sync, _ in PAIRS}
    assert {"TikTokShop", "ShopClient", "SellerClient", "Orders", "Shops", "OAuth", "SyncPager"} - {
        "SyncPager"
    } <= names


@pytest.mark.parametrize(("sync", "async_"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_async_twin_has_the_same_methods_and_signatures(sync: type, async_: type) -> None:
    sync_methods = _public(sync)
    async_methods = _public(async_)
    expected = {RENAMED.get(n, n) for n in sync_methods}
    assert expected == set(async_methods)
    for name, method in sync_methods.items():
        twin = async_methods[RENAMED.get(name, name)]
        sync_sig = inspect.signature(method)
        async_sig = inspect.signature(twin)  # type: ignore[arg-type]
        assert list(sync_sig.parameters) == list(async_sig.parameters), name
        for param in sync_sig.parameters.values():
            other = async_sig.parameters[param.name]
            assert (param.kind, param.default) == (other.kind, other.default), (
                f"{name}({param.name})"
            )


def test_pagers_have_the_same_shape() -> None:
    sync_names = {n for n in dir(tiktokshop_sync.SyncPager) if not n.startswith("_")}
    async_names = {n for n in dir(tiktokshop_sync.AsyncPager) if not n.startswith("_")}
    assert sync_names == async_names
