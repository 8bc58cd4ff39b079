"""vcrpy settings for recording TikTok Shop traffic with every secret filtered out.

Use them to record your integration once (against a development shop, or FakeShop on a
loopback port) and replay it in CI with no network and no credentials. Requests are matched
ignoring ``timestamp`` and ``sign``, which change on every call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["REDACTED", "SECRET_QUERY_PARAMS", "make_vcr", "tiktok_query_matcher", "vcr_config"]

#: What a cassette holds in place of each secret (query parameter, header or token field).
REDACTED = "REDACTED"

#: Query parameters that carry secrets and are replaced before anything is written.
SECRET_QUERY_PARAMS = ("app_secret", "access_token", "refresh_token", "auth_code", "sign")
_VOLATILE = frozenset({"timestamp", "sign"})
_TOKEN_FIELDS = re.compile(rb'("(?:access_token|refresh_token)"\s*:\s*")[^"]*(")')


def _query(uri: str) -> list[tuple[str, str]]:
    pairs = parse_qsl(urlsplit(uri).query, keep_blank_values=True)
    return sorted((k, v) for k, v in pairs if k not in _VOLATILE)


def tiktok_query_matcher(r1: Any, r2: Any) -> None:
    """vcrpy matcher: same query apart from ``timestamp`` and ``sign`` (raises AssertionError)."""
    if _query(r1.uri) != _query(r2.uri):
        raise AssertionError(f"query differs: {_query(r1.uri)} != {_query(r2.uri)}")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response.get("body", {}).get("string")
    replacement = rb"\1" + REDACTED.encode() + rb"\2"
    if isinstance(body, bytes | bytearray):
        response["body"]["string"] = _TOKEN_FIELDS.sub(replacement, bytes(body))
    elif isinstance(body, str):
        response["body"]["string"] = _TOKEN_FIELDS.sub(replacement, body.encode()).decode()
    return response


def vcr_config(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for ``vcr.VCR`` (or pytest-recording's ``vcr_config`` fixture)."""
    config: dict[str, Any] = {
        "filter_headers": [("x-tts-access-token", REDACTED), ("authorization", REDACTED)],
        "filter_query_parameters": [(name, REDACTED) for name in SECRET_QUERY_PARAMS],
        "before_record_response": _scrub_response,
        "match_on": ["method", "scheme", "host", "port", "path", "tiktok_query", "body"],
        "decode_compressed_response": True,
        "record_mode": "none",
    }
    config.update(overrides)
    return config


def make_vcr(cassette_dir: str | Path, **overrides: Any) -> Any:
    """A ``vcr.VCR`` with :func:`vcr_config` and the TikTok query matcher registered.

    vcrpy is not a dependency of this package: ``pip install vcrpy`` to use this.
    """
    try:
        import vcr
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("make_vcr needs vcrpy: pip install vcrpy") from exc
    recorder = vcr.VCR(cassette_library_dir=str(cassette_dir), **vcr_config(**overrides))
    matcher: Callable[[Any, Any], None] = tiktok_query_matcher
    recorder.register_matcher("tiktok_query", matcher)
    return recorder


def cassette_has_secret(path: str | Path, secrets: list[str]) -> list[str]:
    """Which of ``secrets`` appear anywhere in a cassette file (for leak tests)."""
    text = Path(path).read_text(encoding="utf-8")
    decoded = json.dumps(text)
    return [s for s in secrets if s and (s in text or s in decoded)]
