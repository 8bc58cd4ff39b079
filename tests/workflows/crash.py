"""A state store that "crashes" (raises) at a chosen call, to test resume after a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiktokshop_sync.workflows.state import SQLiteStateStore


class Crash(Exception):
    """The process died here."""


class CrashingState:
    """Delegates to a SQLiteStateStore, but raises Crash on the ``at``-th call of ``method``."""

    def __init__(self, path: Path, *, method: str, at: int = 1) -> None:
        self.store = SQLiteStateStore(path)
        self.tokens = self.store.tokens
        self.method = method
        self.at = at
        self.calls = 0
        self.crashed = False

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.store, name)
        if name != self.method or self.crashed:
            return target

        def maybe_crash(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.at:
                self.crashed = True
                raise Crash(f"the process died before {name}")
            return target(*args, **kwargs)

        return maybe_crash
