"""Shop identity: order keys that cannot collide across shops, and one host id per TikTok shop.

An order id is only unique within its shop as far as an OMS can rely on, and a TikTok shop
registered twice under two host ids imports every order twice (Odoo's connector warns of exactly
that). Both rules are pure: the host passes what it has registered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._text import plain
from tiktokshop_sync.domain._validate import require_text
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "DuplicateShop",
    "OrderKey",
    "ShopRegistration",
    "find_duplicate_shops",
    "order_key",
]

_SEPARATOR: Final = ":"
# Escaping the escape character first keeps the key injective whatever the parts contain.
_ESCAPES: Final = (("%", "%25"), (_SEPARATOR, "%3A"))


def _escape(text: str) -> str:
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _unescape(text: str) -> str:
    for raw, escaped in reversed(_ESCAPES):
        text = text.replace(escaped, raw)
    return text


def _stripped(value: Any) -> Any:
    """attrs converter: text trimmed (ids never carry spaces); anything else left to the check."""
    return plain(value).strip() if isinstance(value, str) else value


def _string(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise DomainConfigError(
            f"{type(instance).__name__}.{attribute.name} must be a string, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class OrderKey:
    """The key an OMS stores for a TikTok order: the TikTok shop and the order id, escaped.

    ``shop`` is the TikTok shop's identity: its shop id (``id`` from Get Authorized Shops, the
    ``shop_id`` webhooks carry) or its cipher. Never use the host's own shop name: it can change.
    """

    shop: str = attrs.field(converter=_stripped, validator=require_text)
    order_id: str = attrs.field(converter=_stripped, validator=require_text)

    @property
    def text(self) -> str:
        """``shop:order_id``, with ``%`` and ``:`` inside a part escaped so keys never collide."""
        return f"{_escape(self.shop)}{_SEPARATOR}{_escape(self.order_id)}"

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> OrderKey:
        """The key back from its stored text (the inverse of :attr:`text`)."""
        parts = plain(text).split(_SEPARATOR) if isinstance(text, str) else []
        if len(parts) != 2 or not all(parts):
            raise DomainConfigError(
                f"{text!r} is not an order key; keys look like '7000714532876273420:"
                f"576461413038785752' (made by order_key(shop=..., order_id=...))"
            )
        return cls(shop=_unescape(parts[0]), order_id=_unescape(parts[1]))


def order_key(*, shop: str, order_id: str) -> str:
    """The key to store for order ``order_id`` of TikTok shop ``shop`` (its id or cipher)."""
    return OrderKey(shop=shop, order_id=order_id).text


@attrs.frozen(kw_only=True)
class ShopRegistration:
    """One shop as the host registered it: its own id, and TikTok's shop id and/or cipher."""

    host_shop_id: str = attrs.field(converter=_stripped, validator=require_text)
    shop_id: str = attrs.field(default="", converter=_stripped, validator=_string)
    """TikTok's shop id (Get Authorized Shops ``id``)."""
    cipher: str = attrs.field(default="", converter=_stripped, validator=_string)
    """TikTok's ``shop_cipher`` for the shop."""

    def __attrs_post_init__(self) -> None:
        if not (self.shop_id or self.cipher):
            raise DomainConfigError(
                f"ShopRegistration {self.host_shop_id!r} needs TikTok's shop_id or cipher (or "
                f"both), from Get Authorized Shops"
            )

    @property
    def identities(self) -> tuple[str, ...]:
        """The TikTok identities this registration names (shop id, cipher), non-empty ones."""
        return tuple(value for value in (self.shop_id, self.cipher) if value)


@attrs.frozen(kw_only=True)
class DuplicateShop:
    """One TikTok shop registered under several host ids; ``message`` names them all."""

    host_shop_ids: tuple[str, ...]
    """The host ids, in registration order."""
    identities: tuple[str, ...]
    """The TikTok shop ids and ciphers that tie the registrations together."""
    message: str


def _registration(entry: ShopRegistration | tuple[str, str]) -> ShopRegistration:
    if isinstance(entry, ShopRegistration):
        return entry
    if isinstance(entry, tuple) and len(entry) == 2:
        host, tiktok = entry
        # A bare pair's TikTok side may be a shop id or a cipher: both are matched as text.
        return ShopRegistration(host_shop_id=host, shop_id=tiktok)
    raise TypeError(
        f"registrations must be ShopRegistration values or (host_shop_id, shop id or cipher) "
        f"pairs, got {entry!r}"
    )


def find_duplicate_shops(
    registrations: Iterable[ShopRegistration | tuple[str, str]],
) -> tuple[DuplicateShop, ...]:
    """Every TikTok shop registered under more than one host id; empty when all is well.

    Registrations sharing a shop id or a cipher (directly or through a third) are one shop.
    """
    entries = [_registration(entry) for entry in registrations]
    parent = list(range(len(entries)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        for identity in entry.identities:
            other = first_seen.setdefault(identity, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[int]] = {}
    for index in range(len(entries)):
        groups.setdefault(root(index), []).append(index)
    found: list[DuplicateShop] = []
    for members in sorted(groups.values()):
        hosts = tuple(dict.fromkeys(entries[i].host_shop_id for i in members))
        if len(hosts) < 2:
            continue
        identities = tuple(dict.fromkeys(x for i in members for x in entries[i].identities))
        found.append(
            DuplicateShop(
                host_shop_ids=hosts,
                identities=identities,
                message=f"TikTok shop {' / '.join(identities)} is registered under "
                f"{len(hosts)} host shop ids ({', '.join(repr(h) for h in hosts)}): its orders "
                f"would be imported once per registration; keep one",
            )
        )
    return tuple(found)
