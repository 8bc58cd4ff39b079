"""Client configuration: explicit keywords, validated once, immutable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from typing import ClassVar, Literal
from urllib.parse import urlsplit

import attrs

from ._core import settings
from ._core.settings import Validator
from ._exceptions import ConfigurationError

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["ClientConfig"]

DEFAULT_API_BASE_URL = "https://open-api.tiktokglobalshop.com"
DEFAULT_AUTH_BASE_URL = "https://auth.tiktok-shops.com"

Region = Literal["row", "us"]

#: Seller authorization link hosts. Japan is "row" (rest of world).
AUTHORIZE_HOSTS: Mapping[str, str] = {
    "row": "https://services.tiktokshop.com",
    "us": "https://services.tiktokshops.us",
}


def _check_url(setting: str, value: str) -> str:
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"{setting} must be an absolute http(s) URL such as "
            f"'https://open-api.tiktokglobalshop.com', got {value!r}."
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"{setting} must not carry a query or fragment, got {value!r}.")
    return value.rstrip("/")


def _base_url(value: str) -> str:
    return _check_url("base_url", value)


def _auth_base_url(value: str) -> str:
    return _check_url("auth_base_url", value)


def _not_blank(setting: str, env: str) -> Validator:
    def check(_inst: object, _attr: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ConfigurationError(
                f"{setting} is required: pass {setting}=... or set {env} "
                "(find it in Partner Center > App > Basic information)."
            )
        if value != value.strip():
            raise ConfigurationError(f"{setting} has leading or trailing whitespace; remove it.")

    return check


#: The longest timeout accepted: a longer one is almost surely a unit mistake (ms for s).
MAX_TIMEOUT_SECONDS = 3600.0


def _timeout(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    settings.seconds(attribute.name, value, high=MAX_TIMEOUT_SECONDS)


def _retries(_inst: object, _attr: attrs.Attribute[int], value: int) -> None:
    settings.whole_number("max_retries", value, low=0, high=10, unit="retries")


def _margin(_inst: object, _attr: attrs.Attribute[timedelta], value: timedelta) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0) or value > timedelta(days=6):
        raise ConfigurationError(
            "refresh_margin must be a timedelta between 0 and 6 days (access tokens last 7 "
            f"days), got {value!r}."
        )


def _region(_inst: object, _attr: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or value not in AUTHORIZE_HOSTS:
        raise ConfigurationError(
            f"region must be 'row' (rest of world, including Japan) or 'us', got {value!r}."
        )


def _service_id(_inst: object, _attr: attrs.Attribute[str | None], value: str | None) -> None:
    settings.text("service_id", value, optional=True, example="'7234567890123456789'")


@attrs.frozen(kw_only=True)
class ClientConfig:
    """Everything a client needs to know about the app, validated at construction."""

    #: Each setting ``from_env()`` reads, and its variable (the CLI reads the same table).
    ENV_NAMES: ClassVar[Mapping[str, str]] = {
        "app_key": "TIKTOKSHOP_APP_KEY",
        "app_secret": "TIKTOKSHOP_APP_SECRET",
        "base_url": "TIKTOKSHOP_BASE_URL",
        "auth_base_url": "TIKTOKSHOP_AUTH_BASE_URL",
        "region": "TIKTOKSHOP_REGION",
        "service_id": "TIKTOKSHOP_SERVICE_ID",
        "timeout": "TIKTOKSHOP_TIMEOUT",
        "max_retries": "TIKTOKSHOP_MAX_RETRIES",
    }

    app_key: str = attrs.field(validator=_not_blank("app_key", "TIKTOKSHOP_APP_KEY"))
    app_secret: str = attrs.field(
        validator=_not_blank("app_secret", "TIKTOKSHOP_APP_SECRET"), repr=False
    )
    base_url: str = attrs.field(default=DEFAULT_API_BASE_URL, converter=_base_url)
    auth_base_url: str = attrs.field(default=DEFAULT_AUTH_BASE_URL, converter=_auth_base_url)
    region: Region = attrs.field(default="row", validator=_region)
    service_id: str | None = attrs.field(default=None, validator=_service_id)
    timeout: float = attrs.field(default=30.0, validator=_timeout)
    connect_timeout: float = attrs.field(default=10.0, validator=_timeout)
    max_retries: int = attrs.field(default=2, validator=_retries)
    refresh_margin: timedelta = attrs.field(default=timedelta(minutes=30), validator=_margin)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> ClientConfig:
        """Read ``TIKTOKSHOP_*`` variables now (never at import); keywords override them."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field, var in cls.ENV_NAMES.items():
            raw = env.get(var)
            if not raw:
                continue
            if field == "timeout":
                values[field] = _env_seconds(var, raw)
            elif field == "max_retries":
                text = raw.strip()
                # isdigit() is true for "¹" and "٣", which int() refuses or reads: ASCII only.
                retries: object = int(text) if text.isascii() and text.isdigit() else text
                values[field] = settings.whole_number(var, retries, low=0, high=10, unit="retries")
            else:
                values[field] = raw
        values.setdefault("app_key", "")
        values.setdefault("app_secret", "")
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


def _env_seconds(var: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(
            f"{var} must be a number of seconds such as 30 or 2.5, got {raw!r}."
        ) from None
    return settings.seconds(var, value, high=MAX_TIMEOUT_SECONDS)
