"""One command's session: the merged settings, the store, the client, the seller and the shop.

Everything is built on first use, so ``--help`` and ``fake serve`` never need credentials, and
closed when the command ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import httpx

from tiktokshop_sync import (
    ClientConfig,
    Clock,
    ConfigurationError,
    InvalidArgumentError,
    ShopClient,
    SystemClock,
    TikTokShop,
)
from tiktokshop_sync.domain import DomainError

from . import _settings
from ._errors import NoGrantError
from ._hooks import CliHooks
from ._output import Output
from ._stores import CliStore, open_store

__all__ = ["GlobalOptions", "Session", "ShopChoice"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class GlobalOptions:
    """The options every command shares (flags, or their ``TIKTOKSHOP_*`` variables)."""

    config: Path | None = None
    store: str | None = None
    seller: str | None = None
    shop: str | None = None
    base_url: str | None = None
    auth_base_url: str | None = None
    region: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    progress: str = "auto"


@attrs.frozen(kw_only=True)
class ShopChoice:
    """The shop a command acts on: its view and what the seller's shop list says about it."""

    view: ShopClient
    grant: str
    id: str
    name: str
    region: str
    cipher: str

    @property
    def label(self) -> str:
        """``name (id)`` for reports."""
        return f"{self.name} ({self.id})" if self.name else self.id


class Session:
    """Lazily built collaborators of one command run."""

    def __init__(self, hooks: CliHooks, options: GlobalOptions) -> None:
        self.hooks = hooks
        self.options = options
        self.json_lines = False
        self.debug = False
        self._stack = ExitStack()
        self._file: _settings.FileSettings | None = None
        self._store: CliStore | None = None
        self._client: TikTokShop | None = None
        self._output: Output | None = None

    # --- output --------------------------------------------------------------------------------

    def start(self, *, json_lines: bool, debug: bool) -> Output:
        """Begin a command: remember its ``--json`` / ``--debug`` and return its output."""
        self.json_lines = self.json_lines or json_lines
        self.debug = self.debug or debug
        if self.debug:
            from tiktokshop_sync import setup_logging

            setup_logging("debug")
        self._output = Output(json_lines=self.json_lines)
        return self._output

    @property
    def output(self) -> Output:
        """The command's output (``start`` must have run)."""
        if self._output is None:
            self._output = Output(json_lines=self.json_lines)
        return self._output

    def progress_enabled(self) -> bool:
        """Whether to draw progress bars: ``always``, ``never``, or on a terminal (``auto``)."""
        if self.options.progress == "always":
            return True
        if self.options.progress == "never":
            return False
        return self.output.err.is_terminal

    # --- settings ------------------------------------------------------------------------------

    @property
    def file(self) -> _settings.FileSettings:
        """The config file's settings (``--config``, ``TIKTOKSHOP_CONFIG`` or the default)."""
        if self._file is None:
            explicit = self.options.config is not None
            path = self.options.config or _settings.default_config_path()
            self._file = _settings.load(path, explicit=explicit)
        return self._file

    def pick(self, flag: T | None, section: str, key: str, default: T) -> T:
        """A command setting: the flag, else the config file's ``[section] key``, else default."""
        if flag is not None:
            return flag
        value = self.file.section(section).get(key)
        return default if value is None else value

    def whole(
        self,
        flag: int | None,
        section: str,
        key: str,
        default: int,
        *,
        low: int,
        high: int | None = None,
    ) -> int:
        """A whole-number setting: the flag (typer checked it), else ``[section] key`` held to
        the flag's range [low, high], else default."""
        if flag is not None:
            return flag
        value = self.file.section(section).get(key)
        if value is None:
            return default
        return self._from_file(lambda: _whole(f"[{section}] {key}", value, low=low, high=high))

    def language(self, flag: str | None, section: str) -> Literal["ja", "en"]:
        """``--lang`` or ``[section] language``: exactly ja or en, never a guess (default ja)."""
        if flag is not None:
            if flag not in ("ja", "en"):
                raise InvalidArgumentError(f"--lang takes ja or en, got {flag!r}.")
            return "en" if flag == "en" else "ja"
        value = self.file.section(section).get("language", "ja")
        if value not in ("ja", "en"):
            raise self._at_file(
                ConfigurationError(
                    f"[{section}] language must be one of 'ja', 'en', got {value!r}."
                )
            )
        return "en" if value == "en" else "ja"

    def _from_file(self, check: Callable[[], T]) -> T:
        try:
            return check()
        except ConfigurationError as error:
            raise self._at_file(error) from error

    def _at_file(self, error: ConfigurationError) -> ConfigurationError:
        return ConfigurationError(f"{error} (config file {self.file.path})")

    def policy(self, section: str, build: Callable[[], T]) -> T:
        """Build a policy, naming where its settings came from when one is refused."""
        try:
            return build()
        except (ConfigurationError, DomainError, TypeError, ValueError) as error:
            raise ConfigurationError(
                f"{error} (settings from flags or {self.file.where(section)})"
            ) from error

    @property
    def clock(self) -> Clock:
        """The clock: the hooks' (tests) or the system's."""
        return self.hooks.clock or SystemClock()

    # --- store and client ----------------------------------------------------------------------

    @property
    def store(self) -> CliStore:
        """The state store: ``--store``, ``TIKTOKSHOP_STORE``, the file's ``store``, or default."""
        if self._store is None:
            url = self.options.store or self.file.values.get("store")
            if url is not None and not isinstance(url, str):
                raise ConfigurationError(
                    f'store must be a string such as "~/.local/state/tiktokshop-sync/state.db" '
                    f"or a postgresql:// URL, got {url!r} (config file {self.file.path})."
                )
            self._store = open_store(url or None)
            close = getattr(self._store, "close", None)
            if callable(close):  # a PostgreSQL store's pool
                self._stack.callback(close)
        return self._store

    def client_config(self) -> ClientConfig:
        """The client's settings: flags, then ``TIKTOKSHOP_*`` variables, then the file."""
        overrides: dict[str, Any] = self.file.client_overrides(os.environ)
        flags = {
            "base_url": self.options.base_url,
            "auth_base_url": self.options.auth_base_url,
            "region": self.options.region,
            "timeout": self.options.timeout,
            "max_retries": self.options.max_retries,
        }
        overrides.update({k: v for k, v in flags.items() if v is not None})
        try:
            return ClientConfig.from_env(**overrides)
        except ConfigurationError as error:
            where = f" (config file {self.file.path})" if self.file.path else ""
            raise ConfigurationError(f"{error}{where}") from error

    @property
    def client(self) -> TikTokShop:
        """The client, with the store's tokens and the hooks' transport, clock and sleep."""
        if self._client is None:
            options: dict[str, Any] = {}
            if self.hooks.transport is not None:
                options["http_client"] = self._stack.enter_context(
                    httpx.Client(transport=self.hooks.transport)
                )
            if self.hooks.clock is not None:
                options["clock"] = self.hooks.clock
            if self.hooks.sleep is not None:
                options["sleep"] = self.hooks.sleep
            config = self.client_config()
            self._client = TikTokShop(config=config, token_store=self.store.tokens, **options)
            self._stack.callback(self._client.close)
        return self._client

    # --- seller and shop -----------------------------------------------------------------------

    def grants(self) -> list[str]:
        """Every seller with stored tokens."""
        return self.store.tokens.grants()

    def grant(self) -> str:
        """The seller to act for: ``--seller``, the file's ``seller``, or the only stored one."""
        chosen = self.options.seller or self.file.values.get("seller")
        known = self.grants()
        if chosen:
            if str(chosen) not in known:
                raise ConfigurationError(
                    f"no tokens are stored for seller {chosen!r} in {self._store_name()}; stored: "
                    f"{', '.join(known) or 'none'} (authorize with: tiktokshop-sync auth url)."
                )
            return str(chosen)
        if len(known) == 1:
            return known[0]
        if not known:
            raise NoGrantError(
                f"no seller has authorized this app yet (store {self._store_name()}): send the "
                "shop owner the link from `tiktokshop-sync auth url`, then run "
                "`tiktokshop-sync auth exchange CODE`."
            )
        raise ConfigurationError(
            f"{len(known)} sellers are authorized ({', '.join(known)}): choose one with "
            "--seller OPEN_ID (or TIKTOKSHOP_SELLER, or seller = ... in the config file)."
        )

    def shops(self, grant: str) -> list[ShopChoice]:
        """The seller's authorized shops (one call to TikTok)."""
        seller = self.client.seller(grant)
        return [
            ShopChoice(
                view=seller.shop(s.cipher),
                grant=grant,
                id=s.id,
                name=s.name,
                region=s.region,
                cipher=s.cipher,
            )
            for s in seller.shops.authorized()
        ]

    def shop(self) -> ShopChoice:
        """The shop to act on: ``--shop`` (id, cipher, code or name) or the seller's only one."""
        return self.pick_shops(single=True)[0]

    def pick_shops(self, *, single: bool) -> Sequence[ShopChoice]:
        """The chosen shop, or every shop of the seller when none is chosen and ``not single``."""
        grant = self.grant()
        shops = self.shops(grant)
        chosen = self.options.shop or self.file.values.get("shop")
        if chosen:
            found = [s for s in shops if str(chosen) in (s.id, s.cipher, s.name)]
            if not found:
                listed = ", ".join(f"{s.id} ({s.name})" for s in shops) or "none"
                raise ConfigurationError(
                    f"seller {grant} has no authorized shop {chosen!r}; authorized: {listed}."
                )
            return found[:1]
        if single and len(shops) != 1:
            listed = ", ".join(f"{s.id} ({s.name})" for s in shops) or "none"
            raise ConfigurationError(
                f"seller {grant} has {len(shops)} authorized shops ({listed}): choose one with "
                "--shop ID (or TIKTOKSHOP_SHOP, or shop = ... in the config file)."
            )
        return shops

    def _store_name(self) -> str:
        return str(getattr(self.store, "path", "the store"))

    def close(self) -> None:
        """Close the client and anything else this session opened."""
        self._stack.close()


def _whole(setting: str, value: object, *, low: int, high: int | None) -> int:
    """``value`` as an int within [low, high], as the flag takes it: a bool, a fraction or a
    quoted number is refused, never converted (the CLI reads only the public API)."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and low <= value
        and (high is None or value <= high)
    ):
        return value
    span = f"from {low:,} to {high:,}" if high is not None else f"of at least {low:,}"
    got = f"the string {value!r}" if isinstance(value, str) else repr(value)
    if isinstance(value, bool):
        got += " (a bool is not a number)"
    raise ConfigurationError(f"{setting} must be a whole number {span}, got {got}.")
