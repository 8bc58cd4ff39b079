"""Test doubles shipped to users: an in-process fake of TikTok Shop and a controllable clock.

>>> fake = FakeShop(seed=7)
>>> orders = fake.create_orders(3)
>>> client = httpx.Client(transport=fake.transport)  # doctest: +SKIP
"""

from __future__ import annotations

from tiktokshop_sync.testing._aftersales import FakeCancellation, FakeReturn
from tiktokshop_sync.testing._auth import ALL_SCOPES
from tiktokshop_sync.testing._catalog import FakeProduct, FakeProductSku
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._data import FakeCarrier
from tiktokshop_sync.testing._logistics import FakeDeliveryOption, FakeWarehouse
from tiktokshop_sync.testing._order import FakeLineItem, FakeOrder, FakeRecipient
from tiktokshop_sync.testing._package import FakePackage
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeGrant, FakeSeller, FakeShopAccount, FakeSku
from tiktokshop_sync.testing._transport import FakeTransport
from tiktokshop_sync.testing._warnings import UndocumentedErrorWarning
from tiktokshop_sync.testing._webhooks import FakeWebhookDelivery
from tiktokshop_sync.testing.fakeshop import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms, OmsOrder

__all__ = [
    "ALL_SCOPES",
    "FakeCancellation",
    "FakeCarrier",
    "FakeClock",
    "FakeDeliveryOption",
    "FakeGrant",
    "FakeLineItem",
    "FakeOrder",
    "FakePackage",
    "FakeProduct",
    "FakeProductSku",
    "FakeRecipient",
    "FakeReturn",
    "FakeSeller",
    "FakeShop",
    "FakeShopAccount",
    "FakeSku",
    "FakeTransport",
    "FakeWarehouse",
    "FakeWebhookDelivery",
    "InMemoryOms",
    "OmsOrder",
    "RecordedRequest",
    "UndocumentedErrorWarning",
]
