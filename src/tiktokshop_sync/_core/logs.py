"""The package logger and a redaction filter that keeps secrets out of log records.

Nothing is configured at import. The SDK's own records never carry secrets; the filter is for
loggers that print whole URLs and headers, such as httpx's, where ``app_secret``, tokens, auth
codes and ``sign`` would otherwise appear. ``TIKTOKSHOP_LOG=debug`` (or ``info``) turns the
SDK's logging on to stderr when a client is built, as ``OPENAI_LOG`` does for openai-python.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping
from typing import TextIO

from .._exceptions import ConfigurationError

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["RedactingFilter", "install_redaction", "redact", "setup_logging"]

logger = logging.getLogger("tiktokshop_sync")

#: The environment variable that turns the SDK's logging on (``debug``, ``info`` or ``off``).
LOG_ENV = "TIKTOKSHOP_LOG"
_LEVELS: Mapping[str, int] = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "off": logging.CRITICAL + 1,
}
#: openai-python's format: time, logger and line, level, message.
LOG_FORMAT = "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"

REDACTED = "***"

_SECRET_PARAMS = ("app_secret", "access_token", "refresh_token", "auth_code", "code", "sign")
# Patterns as text: ``re`` compiles (and caches) them on the first redaction, not at import.
_QUERY = r"(?P<key>(?<![A-Za-z0-9_])(?:" + "|".join(_SECRET_PARAMS) + r"))=(?P<value>[^&\s'\"]+)"
_HEADER = (
    r"(?i)(?P<key>x-tts-access-token|authorization)"
    r"(?P<sep>['\"]?\s*[:=,]\s*['\"]?)(?P<value>[^\s'\",}]+)"
)
_JSON = (
    r"(?P<key>\"(?:access_token|refresh_token|app_secret|auth_code)\"\s*:\s*\")(?P<value>[^\"]+)"
)


def redact(text: str) -> str:
    """``text`` with secret query parameters, token headers and token JSON fields masked."""
    text = re.sub(_QUERY, lambda m: f"{m.group('key')}={REDACTED}", text)
    text = re.sub(_HEADER, lambda m: f"{m.group('key')}{m.group('sep')}{REDACTED}", text)
    return re.sub(_JSON, lambda m: f"{m.group('key')}{REDACTED}", text)


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


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of the record (test runners swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def setup_logging(
    level: str | None = None, *, environ: Mapping[str, str] | None = None
) -> int | None:
    """Send the SDK's (and httpx's) log records to stderr at ``level``, secrets redacted.

    Without ``level`` it reads ``TIKTOKSHOP_LOG`` (``debug``, ``info``, ``warning`` or ``off``)
    now; unset or empty leaves logging alone. Clients call this when they are built; calling it
    again changes the level and never adds a second handler. When the application has configured
    logging already (the root logger has a handler), only the levels are set and its handlers
    print the records, so nothing appears twice. Returns the level set, or None.
    """
    if level is None:
        env = os.environ if environ is None else environ
        level = env.get(LOG_ENV, "").strip()
        setting = LOG_ENV
    else:
        setting = "setup_logging(level=...)"
    if not level:
        return None
    number = _LEVELS.get(level.lower())
    if number is None:
        raise ConfigurationError(
            f"{setting} must be one of {', '.join(_LEVELS)}, got {level!r}; "
            f"e.g. {LOG_ENV}=debug prints every call (secrets redacted)."
        )
    own_output = not logging.getLogger().handlers
    for name in (logger.name, "httpx"):
        target = logging.getLogger(name)
        target.setLevel(number)
        if own_output and _HANDLER not in target.handlers:
            target.addHandler(_HANDLER)
    install_redaction()
    return number


# The handler carries the filter itself: a logger's filter never sees its children's records
# (tiktokshop_sync.workflows), a handler's sees every record it prints.
_HANDLER = _StderrHandler()
_HANDLER.addFilter(_FILTER)
_HANDLER.setFormatter(logging.Formatter(LOG_FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
