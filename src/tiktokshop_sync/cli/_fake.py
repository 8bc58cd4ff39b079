"""``fake serve``: the FakeShop on a loopback port, so a host can develop against it.

It follows the wall clock (a client signs with real time) and prints what a host needs: the
base URL, the app key and secret, and an authorization code for ``auth exchange``.
"""

from __future__ import annotations

import signal
import threading
from datetime import datetime, timezone
from types import FrameType
from typing import Annotated

import typer

from tiktokshop_sync.testing import FakeClock, FakeShop

from ._common import DebugOpt, JsonOpt, begin, command

__all__ = ["WallClock", "fake_app"]

fake_app = typer.Typer(
    name="fake", help="Run the FakeShop (TikTok Shop's fake) for development.", no_args_is_help=True
)


class WallClock(FakeClock):
    """A FakeClock that follows real time, plus whatever ``advance`` (or a sleep) added.

    FakeClock keeps its own time, which only ``advance`` moves: how far it has moved since the
    start is the offset added to the wall clock.
    """

    def __init__(self) -> None:
        self._start = datetime.now(timezone.utc)
        super().__init__(self._start)

    def now(self) -> datetime:
        """The wall clock's time plus what ``advance`` added."""
        return datetime.now(timezone.utc) + (super().now() - self._start)


class _StopSignals:
    """SIGINT/SIGTERM set an event instead of raising, from before anything is printed.

    Installed before the details go out: a client that reads them and sends Ctrl-C at once
    must not hit the default handler (KeyboardInterrupt, exit 130) in between.
    """

    def __init__(self) -> None:
        self.stop = threading.Event()
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._on_signal)
        return self

    def __exit__(self, *_exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _on_signal(self, _number: int, _frame: FrameType | None) -> None:
        self.stop.set()

    def wait(self, _url: str) -> None:
        """Block until Ctrl-C (SIGINT) or SIGTERM."""
        while not self.stop.wait(0.5):
            pass


@fake_app.command("serve")
@command
def fake_serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8765,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same data.")] = 7,
    orders: Annotated[int, typer.Option(min=0, help="Orders to create (last 7 days).")] = 20,
    app_key: Annotated[str, typer.Option(help="The app key clients must use.")] = "fake_app_key",
    app_secret: Annotated[
        str, typer.Option(help="The app secret clients sign with.")
    ] = "fake_app_secret",
    webhook_url: Annotated[
        str | None,
        typer.Option(help="POST signed webhooks for the fake's state changes to this URL."),
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Serve a FakeShop (one seller, one Japanese shop, realistic orders) until Ctrl-C.

    Prints the base URL, app key and secret and a 30-minute authorization code; point another
    shell at it with the printed export lines, then `tiktokshop-sync auth exchange CODE`.
    """
    current, output = begin(ctx, json_output, debug)
    fake = FakeShop(app_key=app_key, app_secret=app_secret, seed=seed, clock=WallClock())
    if orders:
        fake.create_orders(orders)
    if webhook_url:
        fake.deliver_webhooks_to(webhook_url)
    signals = _StopSignals()
    wait = current.hooks.wait or signals.wait
    with signals, fake.serve(host, port) as url:
        code = fake.authorize()
        shop = fake.shops[0]
        if output.json_lines:
            output.record(
                {
                    "type": "fake",
                    "base_url": url,
                    "auth_base_url": url,
                    "app_key": fake.app_key,
                    "app_secret": fake.app_secret,
                    "auth_code": code,
                    "seller": fake.seller.open_id,
                    "shops": [{"id": s.id, "name": s.name, "cipher": s.cipher} for s in fake.shops],
                    "orders": orders,
                }
            )
        else:
            output.text(f"FakeShop serving at {url} (seed {seed}, {orders} orders)")
            output.text(f"  shop: {shop.name} (id {shop.id})")
            output.text(f"  authorization code (30 min, single use): {code}")
            output.text("in another shell:")
            output.text(f"  export TIKTOKSHOP_BASE_URL={url} TIKTOKSHOP_AUTH_BASE_URL={url}")
            output.text(
                f"  export TIKTOKSHOP_APP_KEY={fake.app_key} "
                f"TIKTOKSHOP_APP_SECRET={fake.app_secret}"
            )
            output.text(f"  tiktokshop-sync auth exchange {code}")
            output.note("Ctrl-C stops it")
        wait(url)
    if not output.json_lines:
        output.note("stopped")
    return 0
