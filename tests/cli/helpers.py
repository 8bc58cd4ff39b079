"""Helpers for the CLI tests: JSON lines and the personal strings a FakeShop generated."""

from __future__ import annotations

import json
from typing import Any

from tiktokshop_sync.testing import FakeShop


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line of ``text`` parsed as a JSON object (fails on any other line)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def personal_strings(fake: FakeShop) -> list[str]:
    """Names, phones, postal codes, addresses, e-mails and messages of the fake's orders."""
    found: list[str] = []
    for order in fake.orders_of():
        recipient = order.recipient
        found += [
            recipient.name,
            recipient.phone_number,
            recipient.postal_code,
            recipient.address_detail,
            order.buyer_email,
            order.buyer_message,
        ]
    return [s for s in found if s and len(s) >= 4]
