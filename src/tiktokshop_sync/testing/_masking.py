"""TikTok's recipient redaction, as pure string functions."""

from __future__ import annotations

__all__ = ["mask_name", "mask_phone", "mask_postal_code", "stars"]


def stars(text: str) -> str:
    """The same length of ``*``, keeping spaces (how TikTok masks free text)."""
    return "".join(" " if ch == " " else "*" for ch in text)


def mask_name(name: str) -> str:
    """Keep the first character, star the rest: ``山田 太郎`` → ``山* **``."""
    return name[:1] + stars(name[1:]) if name else ""


def mask_phone(carrier_prefix: str, last4: str) -> str:
    """A desensitised JP mobile number, ``(+81)90-****-5678`` (doc example ``(+1)213-***-1234``)."""
    return f"(+81){carrier_prefix}-****-{last4}"


def mask_postal_code(postal_code: str) -> str:
    """Keep the three-digit area, star the rest: ``150-0002`` → ``150-****``."""
    head, _, tail = postal_code.partition("-")
    return f"{head}-{stars(tail)}" if tail else stars(postal_code)
