"""Shared pieces of the benchmarks: figures with targets, median timing, memory and profiles.

Every benchmark module has ``run(*, full: bool = False) -> dict[str, Any]`` returning
``{"figures": [Figure, ...], "notes": [str, ...]}``; ``run.py`` prints and records them.
"""

from __future__ import annotations

import cProfile
import gc
import os
import pstats
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "REPO",
    "Figure",
    "Result",
    "Timing",
    "bench_ns",
    "fmt",
    "paired_ratios",
    "peak_rss_kib",
    "profile",
    "profile_phases",
    "profile_top",
    "ratio_note",
    "reset_peak_rss",
    "rss_kib",
    "sdk_client",
]

REPO = Path(__file__).resolve().parent.parent
#: The seller grant every benchmark client holds a token for.
OPEN_ID = "7494049642642441621"
Result = dict[str, Any]
Op = Literal["<=", "<", ">=", ">"]
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda v, b: v <= b,
    "<": lambda v, b: v < b,
    ">=": lambda v, b: v >= b,
    ">": lambda v, b: v > b,
}
_SHOWN = {"<=": "≤", "<": "<", ">=": "≥", ">": ">"}


@dataclass(frozen=True)
class Figure:
    """One measured number, its unit and, when the issue sets one, its target."""

    name: str
    value: float
    unit: str
    op: Op | None = None
    bound: float | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None when the figure has no target)."""
        if self.op is None or self.bound is None:
            return None
        return _OPS[self.op](self.value, self.bound)

    @property
    def target(self) -> str:
        """The target as text, e.g. ``≤ 1.10×`` (empty when there is none)."""
        if self.op is None or self.bound is None:
            return ""
        return f"{_SHOWN[self.op]} {fmt(self.bound, self.unit)}"

    @property
    def status(self) -> str:
        """``met``, ``MISSED`` or empty."""
        met = self.met
        return "" if met is None else ("met" if met else "MISSED")

    @property
    def shown(self) -> str:
        """The value with its unit."""
        return fmt(self.value, self.unit)


def fmt(value: float, unit: str) -> str:
    """A number with its unit, rounded for reading."""
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "%":
        return f"{value:.1f} %"
    if float(value).is_integer() and abs(value) < 1000:
        text = f"{value:.0f}"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".rstrip()


@dataclass(frozen=True)
class Timing:
    """Median nanoseconds per call: wall clock (the figure) and this process's CPU time.

    ``walls`` and ``cpus`` keep every round's figure, in round order, so two variants timed in
    the same :func:`bench_ns` call can be compared round by round (:func:`paired_ratios`).
    """

    wall: float
    cpu: float
    walls: tuple[float, ...] = ()
    cpus: tuple[float, ...] = ()


def paired_ratios(num: Timing, den: Timing, *, cpu: bool = False) -> list[float]:
    """Round-by-round ratios of two variants timed together: the spread behind a median ratio."""
    a, b = (num.cpus, den.cpus) if cpu else (num.walls, den.walls)
    return sorted(x / y for x, y in zip(a, b, strict=True) if y)


def ratio_note(num: Timing, den: Timing) -> str:
    """``rounds 1.9-2.8×, CPU 2.1×``: the paired rounds' range and the ratio by CPU time."""
    ratios = paired_ratios(num, den)
    spread = f"rounds {ratios[0]:.2f}-{ratios[-1]:.2f}×, " if ratios else ""
    return f"{spread}by CPU time {num.cpu / den.cpu:.2f}×"


def bench_ns(
    variants: dict[str, Callable[[], object]], *, calls: int, rounds: int, warmup: int
) -> dict[str, Timing]:
    """Median time per call of each variant; rounds interleave variants to cancel drift.

    Each round times ``calls`` back-to-back calls of one variant with the GC paused. The wall
    time (``perf_counter_ns``) is the figure; the CPU time (``process_time_ns``) shows how much
    of it other processes took when the machine is busy.
    """
    for fn in variants.values():
        for _ in range(warmup):
            fn()
    walls: dict[str, list[float]] = {name: [] for name in variants}
    cpus: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            gc.collect()
            gc.disable()
            try:
                cpu_start = time.process_time_ns()
                start = time.perf_counter_ns()
                for _ in range(calls):
                    fn()
                elapsed = time.perf_counter_ns() - start
                cpu = time.process_time_ns() - cpu_start
            finally:
                gc.enable()
            walls[name].append(elapsed / calls)
            cpus[name].append(cpu / calls)
    return {
        name: Timing(
            statistics.median(walls[name]),
            statistics.median(cpus[name]),
            tuple(walls[name]),
            tuple(cpus[name]),
        )
        for name in variants
    }


def sdk_client(transport: Any) -> Any:
    """A ``TikTokShop`` over an httpx ``transport``, with a week-long token for :data:`OPEN_ID`."""
    from datetime import datetime, timedelta, timezone

    import httpx

    from tiktokshop_sync import InMemoryTokenStore, TikTokShop, TokenSet

    now = datetime.now(timezone.utc)
    tokens = TokenSet(
        access_token="bench-access-token",
        access_token_expires_at=now + timedelta(days=7),
        refresh_token="bench-refresh-token",
        refresh_token_expires_at=now + timedelta(days=365),
        open_id=OPEN_ID,
        seller_name="さくら商店",
    )
    return TikTokShop(
        app_key="bench_app_key",
        app_secret="bench_app_secret",
        http_client=httpx.Client(transport=transport),
        token_store=InMemoryTokenStore({OPEN_ID: tokens}),
    )


def profile(fn: Callable[[], object], *, calls: int) -> pstats.Stats:
    """cProfile statistics for ``calls`` calls of ``fn``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    return pstats.Stats(profiler)


def profile_top(stats: pstats.Stats, *, calls: int, limit: int = 8) -> list[str]:
    """The functions with the most own time, and each package's share of own time.

    cProfile inflates Python-level call costs, so the shares are indicative, not exact.
    """
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values()) or 1e-12
    by_package: dict[str, float] = {}
    rows: list[tuple[float, int, str]] = []
    for (filename, line, func), (_cc, ncalls, tottime, _ct, _callers) in raw.items():
        package = _package(filename)
        by_package[package] = by_package.get(package, 0.0) + tottime
        rows.append((tottime, ncalls, f"{_short(filename)}:{line}({func})"))
    rows.sort(reverse=True)
    shares = sorted(by_package.items(), key=lambda kv: -kv[1])
    lines = [
        "own time by package: "
        + ", ".join(f"{name} {t / total:.0%}" for name, t in shares if t / total >= 0.02)
    ]
    for tottime, ncalls, where in rows[:limit]:
        lines.append(f"{tottime / total:5.1%} own, {ncalls / calls:6.1f} calls/op  {where}")
    return lines


def profile_phases(
    stats: pstats.Stats, phases: dict[str, tuple[str, str]], *, calls: int
) -> list[str]:
    """Cumulative time of named functions (``(path suffix, function)``) as a share of the op."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values()) or 1e-12
    lines = []
    for label, (suffix, func) in phases.items():
        cumulative = sum(
            entry[3]
            for (filename, _line, name), entry in raw.items()
            if name == func and filename.endswith(suffix)
        )
        lines.append(
            f"{cumulative / total:5.1%} of the op in {label} ({suffix}:{func}, "
            f"{cumulative / calls * 1e6:.0f} µs/op profiled)"
        )
    return lines


_SITE = re.compile(r".*/(?:site-packages|dist-packages)/")
_STDLIB = re.compile(r".*/lib/python3\.\d+/")


def _package(filename: str) -> str:
    if filename.startswith(("~", "<")):
        return "builtins/C"
    if "/src/tiktokshop_sync/" in filename:
        rest = filename.split("/src/tiktokshop_sync/", 1)[1]
        head = rest.split("/", 1)[0]
        return f"tiktokshop_sync.{head.removesuffix('.py')}"
    if _SITE.match(filename):
        return _SITE.sub("", filename).split("/", 1)[0].removesuffix(".py")
    if _STDLIB.match(filename):
        return "stdlib"
    return "other"


def _short(filename: str) -> str:
    if filename.startswith("~"):
        return "<C>"
    for marker in ("/src/", "/site-packages/", "/lib/python3."):
        if marker in filename:
            tail = filename.split(marker, 1)[1]
            return tail if marker != "/lib/python3." else tail.split("/", 1)[-1]
    return filename


def _status_kib(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def rss_kib() -> int:
    """Current resident set size in KiB (Linux), else the peak so far."""
    current = _status_kib("VmRSS")
    return current if current is not None else peak_rss_kib()


def peak_rss_kib() -> int:
    """Peak resident set size in KiB since start (or since :func:`reset_peak_rss`)."""
    peak = _status_kib("VmHWM")
    if peak is not None:
        return peak
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(maxrss / 1024) if sys.platform == "darwin" else int(maxrss)


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux only); False if unsupported."""
    try:
        with open(f"/proc/{os.getpid()}/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True
