"""The config file (TOML) and how it merges: flags, then ``TIKTOKSHOP_*`` variables, then file.

Top-level keys are the client's settings (the same names as :class:`~tiktokshop_sync.ClientConfig`)
plus ``store``, ``seller`` and ``shop``; one table per command holds that command's policy. An
unknown key is refused with the list of known ones, so a typo never silently does nothing.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from tiktokshop_sync import ClientConfig, ConfigurationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["CLIENT_KEYS", "ENV_NAMES", "SECTIONS", "FileSettings", "default_config_path", "load"]

#: Client settings a config file may hold, and the variable that wins over each.
ENV_NAMES: Mapping[str, str] = ClientConfig.ENV_NAMES
#: Client settings a config file may hold: those with a variable and those without one.
CLIENT_KEYS = (*ENV_NAMES, "connect_timeout")
_TOP_LEVEL = (*CLIENT_KEYS, "store", "seller", "shop")

#: The tables a config file may have, and the keys each takes.
SECTIONS: Mapping[str, tuple[str, ...]] = {
    "import": (
        "out",
        "statuses",
        "lookback_days",
        "since_midnight_jst",
        "overlap_minutes",
        "batch_limit",
        "max_batches",
        "page_size",
        "carrier",
        "carrier_mode",
    ),
    "shipments": ("file", "carrier", "handover", "provider_overrides", "tracking_out"),
    "inventory": ("file", "locations", "buffer_percent", "max_quantity", "out_of_stock_threshold"),
    "publish": ("file", "tag", "warehouse_id", "currency", "category_version", "mappings"),
    "returns": (
        "out",
        "auto_approve_refunds_under",
        "partial_refund_percent",
        "partial_refund_under",
        "batch_limit",
        "max_batches",
        "language",
    ),
    "settlement": (
        "out",
        "lookback_days",
        "revisit_days",
        "batch_limit",
        "max_batches",
        "deposits",
        "overdue_days",
    ),
    "deadlines": ("days", "within_hours", "business_days", "cutoff_hour", "language"),
    "tokens": ("days",),
}


def default_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/tiktokshop-sync/config.toml`` (``~/.config/…`` when unset)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "tiktokshop-sync" / "config.toml"


@attrs.frozen(kw_only=True)
class FileSettings:
    """What the config file says (empty when there is none)."""

    path: Path | None = None
    values: Mapping[str, Any] = attrs.field(factory=dict)
    sections: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)

    def section(self, name: str) -> Mapping[str, Any]:
        """The table ``[name]`` (empty when absent)."""
        return self.sections.get(name, {})

    def where(self, section: str | None = None) -> str:
        """Where a value came from, for messages: ``config.toml [import]``."""
        if self.path is None:
            return "the command line"
        return f"{self.path}" + (f" [{section}]" if section else "")

    def client_overrides(self, environ: Mapping[str, str]) -> dict[str, Any]:
        """File values for the client that no ``TIKTOKSHOP_*`` variable overrides."""
        return {
            key: value
            for key, value in self.values.items()
            if key in CLIENT_KEYS and not environ.get(ENV_NAMES.get(key, ""), "")
        }


def load(path: Path | None, *, explicit: bool) -> FileSettings:
    """Read the config file at ``path``; a missing default file is no config, a missing
    ``--config`` file is an error."""
    if path is None:
        return FileSettings()
    path = path.expanduser()
    if not path.is_file():
        if explicit:
            raise ConfigurationError(
                f"config file {path} does not exist; create it (see docs/guides/cli.md) or drop "
                "--config / TIKTOKSHOP_CONFIG."
            )
        return FileSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigurationError(f"config file {path} is not valid TOML: {error}.") from None
    values: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if isinstance(value, dict) and key in SECTIONS:
            unknown = sorted(set(value) - set(SECTIONS[key]))
            if unknown:
                raise ConfigurationError(
                    f"config file {path} [{key}] has unknown key(s) {', '.join(unknown)}; "
                    f"[{key}] takes {', '.join(SECTIONS[key])}."
                )
            sections[key] = dict(value)
        elif key in _TOP_LEVEL:
            values[key] = value
        else:
            raise ConfigurationError(
                f"config file {path} has an unknown key or table {key!r}; top-level keys are "
                f"{', '.join(_TOP_LEVEL)} and the tables are {', '.join(SECTIONS)}."
            )
    if "app_secret" in values and _readable_by_others(path):
        raise ConfigurationError(
            f"config file {path} holds app_secret and others can read it: run chmod 600 {path} "
            "(or keep the secret in TIKTOKSHOP_APP_SECRET instead)."
        )
    return FileSettings(path=path, values=values, sections=sections)


def _readable_by_others(path: Path) -> bool:
    if os.name != "posix":  # pragma: no cover - permission bits mean little elsewhere
        return False
    return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))
