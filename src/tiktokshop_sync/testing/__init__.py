"""Test doubles shipped to users: an in-process fake of TikTok Shop and a controllable clock.

>>> fake = FakeShop(seed=7)
>>> orders = fake.create_orders(3)
>>> client = httpx.Client(transport=fake.transport)  # doctest: +SKIP
"""

from __future__ import annotations

from tiktokshop_sync.testing._auth.backend import ALL_SCOPES, FakeGrant
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._events.backend import FakeWebhookDelivery
from tiktokshop_sync.testing._finance.records import (
    FakeAdjustment,
    FakePayout,
    FakeStatement,
    FinanceFault,
    FinanceTerms,
)
from tiktokshop_sync.testing._logistics.backend import (
    FakeCarrier,
    FakeDeliveryOption,
    FakeWarehouse,
)
from tiktokshop_sync.testing._orders.records import (
    FakeLineItem,
    FakeOrder,
    FakePackage,
    FakeRecipient,
)
from tiktokshop_sync.testing._products.records import FakeProduct, FakeProductSku, FakeSku
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._returns.backend import FakeCancellation, FakeReturn
from tiktokshop_sync.testing._returns.records import FakeReturnStep
from tiktokshop_sync.testing._shops.backend import FakeSeller, FakeShopAccount
from tiktokshop_sync.testing._transport import FakeTransport
from tiktokshop_sync.testing._warnings import UndocumentedErrorWarning
from tiktokshop_sync.testing.fakeshop import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms, OmsOrder, OmsReturn

__all__ = [
    "ALL_SCOPES",
    "FakeAdjustment",
    "FakeCancellation",
    "FakeCarrier",
    "FakeClock",
    "FakeDeliveryOption",
    "FakeGrant",
    "FakeLineItem",
    "FakeOrder",
    "FakePackage",
    "FakePayout",
    "FakeProduct",
    "FakeProductSku",
    "FakeRecipient",
    "FakeReturn",
    "FakeReturnStep",
    "FakeSeller",
    "FakeShop",
    "FakeShopAccount",
    "FakeSku",
    "FakeStatement",
    "FakeTransport",
    "FakeWarehouse",
    "FakeWebhookDelivery",
    "FinanceFault",
    "FinanceTerms",
    "InMemoryOms",
    "OmsOrder",
    "OmsReturn",
    "RecordedRequest",
    "UndocumentedErrorWarning",
]
