"""TikTok-looking identifiers, drawn from a seeded random stream (never the global one)."""

from __future__ import annotations

import base64
import random
import string
from datetime import datetime

__all__ = ["IdFactory", "seeded_random"]

_UPPER_ALNUM = string.ascii_uppercase + string.digits


def seeded_random(seed: int, stream: str) -> random.Random:
    """An independent, reproducible stream per purpose, so one kind of draw never shifts another."""
    # str seeds are hashed with SHA-512 by random.Random, so this is stable across processes.
    return random.Random(f"tiktokshop-sync/fakeshop/{seed}/{stream}")


class IdFactory:
    """Makes decimal ids, tokens, ciphers and request ids in TikTok's shapes (reference §8)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._order_ids: set[str] = set()

    def digits(self, length: int, prefix: str = "") -> str:
        """A decimal string of exactly ``length`` digits that starts with ``prefix``."""
        rest = length - len(prefix)
        return prefix + "".join(self._rng.choice(string.digits) for _ in range(rest))

    def order_id(self) -> str:
        """18 drawn digits starting ``57`` (doc example ``576461413038785752``): the draw that
        :meth:`timed_order_id` turns into an order's id once its creation time is known."""
        return self.digits(18, "57")

    def timed_order_id(self, created: datetime, drawn: str) -> str:
        """An 18-digit order id that grows with ``created``: ``57``, the Unix seconds (10
        digits), then the last 6 digits of ``drawn`` (drawn again only if this factory already
        made that id, so the seeded stream stays as it was).

        TikTok's ids look time-ordered: ids minted together sit next to each other (the
        calculate-refund example's order ``576469648086175911`` and its line item
        ``576469648086306986``; a sanitized VN return reply's order ``579238058323577347`` and
        line item ``579238050604288515``), and later examples carry larger ids (an order
        updated in 2022-02 ``576486…``, 2022-09 ``576684…``, 2024-08 ``579238…``). Stores keyed
        by order id then see new orders near each other, as with the real platform.
        """
        seconds = f"{int(created.timestamp()) % 10**10:010d}"
        candidate = f"57{seconds}{drawn[-6:]}"
        while candidate in self._order_ids:
            candidate = f"57{seconds}{self._rng.randrange(10**6):06d}"
        self._order_ids.add(candidate)
        return candidate

    def line_item_id(self) -> str:
        """An 18-digit line item id starting ``577`` (doc example ``577086512123755123``)."""
        return self.digits(18, "577")

    def long_id(self, prefix: str = "7") -> str:
        """A 19-digit id: shops, users, SKUs, products, packages, warehouses and the like."""
        return self.digits(19, prefix)

    def base64ish(self, length: int) -> str:
        """URL-safe base64 characters, the look of TikTok tokens and ciphers."""
        raw = bytes(self._rng.getrandbits(8) for _ in range(length))
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")[:length]

    def token(self, prefix: str = "ROW_") -> str:
        """An opaque credential such as an access token, refresh token or auth code."""
        return prefix + self.base64ish(44)

    def cipher(self) -> str:
        """A shop cipher (doc example ``GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3``)."""
        return "ROW_" + self.base64ish(28)

    def shop_code(self, region: str) -> str:
        """The shop code shown in Seller Center (doc example ``CNGBCBA4LLU8``)."""
        return region.upper()[:2] + "".join(self._rng.choice(_UPPER_ALNUM) for _ in range(10))

    def hex_upper(self, length: int) -> str:
        """Uppercase hexadecimal characters."""
        return "".join(self._rng.choice("0123456789ABCDEF") for _ in range(length))

    def request_id(self, now: datetime) -> str:
        """``YYYYMMDDhhmmss`` in UTC followed by 20 uppercase hex characters (34 in all)."""
        return now.strftime("%Y%m%d%H%M%S") + self.hex_upper(20)

    def email_local_part(self) -> str:
        """The random local part of an anonymised buyer relay address."""
        alphabet = string.ascii_letters + string.digits
        return "".join(self._rng.choice(alphabet) for _ in range(10))
