"""Shop registrations: one host id per TikTok shop, checked before any job runs.

The same TikTok shop registered under two host ids imports every order twice, each under its own
key (Odoo's connector warns of exactly that). :func:`check_shops` refuses it, naming every host id
of each duplicated shop; :func:`registrations_of` reads the registrations off the jobs a host
schedules, and the pollers check them when they are built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .._exceptions import ConfigurationError
from ..domain import DuplicateShop, ShopRegistration, find_duplicate_shops

__all__ = ["DuplicateShopError", "check_shops", "registrations_of"]


class DuplicateShopError(ConfigurationError):
    """One TikTok shop is registered under several host ids; ``duplicates`` names them."""

    def __init__(self, duplicates: Sequence[DuplicateShop]) -> None:
        self.duplicates = tuple(duplicates)
        messages = "; ".join(d.message for d in self.duplicates)
        super().__init__(
            f"{messages}. Register each TikTok shop once (one host shop id per shop_cipher)."
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.duplicates,))


def check_shops(registrations: Iterable[ShopRegistration | tuple[str, str]]) -> None:
    """Raise :class:`DuplicateShopError` if a TikTok shop appears under two host ids.

    Takes ``(host shop id, TikTok shop id or cipher)`` pairs or ``ShopRegistration`` values;
    call it where the host registers its shops (the CLI's settings, a fleet's shop table).
    """
    duplicates = find_duplicate_shops(registrations)
    if duplicates:
        raise DuplicateShopError(duplicates)


def registrations_of(jobs: Iterable[Callable[..., Any] | object]) -> list[ShopRegistration]:
    """The (host id, shop cipher) of each workflow among ``jobs`` (or their bound ``run``).

    Jobs that are not workflows (plain functions) name no shop and are left out.
    """
    found: dict[tuple[str, str], ShopRegistration] = {}
    for job in jobs:
        owner = getattr(job, "__self__", job)
        key, shop = getattr(owner, "shop_key", None), getattr(owner, "shop", None)
        cipher = getattr(shop, "shop_cipher", None)
        if isinstance(key, str) and isinstance(cipher, str) and key.strip() and cipher.strip():
            found.setdefault((key, cipher), ShopRegistration(host_shop_id=key, cipher=cipher))
    return list(found.values())
