"""The package logger and a redaction filter that keeps secrets out of log records.

Nothing is configured at import. The SDK's own records never carry secrets; the filter is for
loggers that print whole URLs and headers, such as httpx's, where ``app_secret``, tokens, auth
codes and ``sign`` would otherwise appear.
"""

from __future__ import annotations

import logging
import re

__all__ = ["REDACTED", "RedactingFilter", "install_redaction", "logger", "redact"]

logger = logging.getLogger("tiktokshop_sync")

REDACTED = "***"

_SECRET_PARAMS = ("app_secret", "access_token", "refresh_token", "auth_code", "code", "sign")
_QUERY = re.compile(
    r"(?P<key>(?<![A-Za-z0-9_])(?:" + "|".join(_SECRET_PARAMS) + r"))=(?P<value>[^&\s'\"]+)"
)
_HEADER = re.compile(
    r"(?i)(?P<key>x-tts-access-token|authorization)(?P<sep>['\"]?\s*[:=,]\s*['\"]?)(?P<value>[^\s'\",}]+)"
)
_JSON = re.compile(
    r"(?P<key>\"(?:access_token|refresh_token|app_secret|auth_code)\"\s*:\s*\")(?P<value>[^\"]+)"
)


def redact(text: str) -> str:
    """``text`` with secret query parameters, token headers and token JSON fields masked."""
    text = _QUERY.sub(lambda m: f"{m.group('key')}={REDACTED}", text)
    text = _HEADER.sub(lambda m: f"{m.group('key')}{m.group('sep')}{REDACTED}", text)
    return _JSON.sub(lambda m: f"{m.group('key')}{REDACTED}", text)


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's message with :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the formatted message in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the emitter's problem, not ours
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_redaction(*names: str) -> RedactingFilter:
    """Attach one shared :class:`RedactingFilter` to the named loggers (httpx's by default)."""
    targets = names or ("httpx", "httpcore", logger.name)
    for name in targets:
        target = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in target.filters):
            target.addFilter(_FILTER)
    return _FILTER


_FILTER = RedactingFilter()
