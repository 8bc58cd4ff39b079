"""Test doubles shipped to users: an in-process fake of TikTok Shop and a controllable clock.

>>> fake = FakeShop(seed=7)
>>> orders = fake.create_orders(3)
>>> client = httpx.Client(transport=fake.transport)  # doctest: +SKIP
"""

from __future__ import annotations

from tiktokshop_sync.testing._auth import ALL_SCOPES
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._order import FakeLineItem, FakeOrder, FakeRecipient
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeGrant, FakeSeller, FakeShopAccount, FakeSku
from tiktokshop_sync.testing._transport import FakeTransport
from tiktokshop_sync.testing.fakeshop import FakeShop

__all__ = [
    "ALL_SCOPES",
    "FakeClock",
    "FakeGrant",
    "FakeLineItem",
    "FakeOrder",
    "FakeRecipient",
    "FakeSeller",
    "FakeShop",
    "FakeShopAccount",
    "FakeSku",
    "FakeTransport",
    "RecordedRequest",
]
