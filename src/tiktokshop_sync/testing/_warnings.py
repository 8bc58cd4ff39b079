"""Warnings the FakeShop emits about itself."""

from __future__ import annotations

__all__ = ["UndocumentedErrorWarning"]


class UndocumentedErrorWarning(UserWarning):
    """The FakeShop answered a code that TikTok's reference does not list for the endpoint.

    It is a bug in the fake, never in your code; the suite of this package turns it into an
    error (``filterwarnings``) so that the fake's replies stay within TikTok's documented codes.
    """
