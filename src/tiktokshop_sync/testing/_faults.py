"""Fault injection: a deterministic queue (``fail_next``) and seeded random faults.

A fault replaces the normal reply, so a faulted write is NOT applied, with one exception:
``timeout`` processes the request normally and then loses the reply (the write DID happen),
which is what makes idempotency testing meaningful. ``lost_request`` looks the same to the
client (sent, then no reply) but nothing was applied: together they test that a lost reply is
read back before anything is written again. ``applied_server_error`` is the same with a reply:
the request is processed (a write is applied), then answered 504/36009003 as a gateway that
gave up on TikTok's backend would, so a server error is not taken as "nothing happened".
``applied_malformed`` likewise processes the request, then answers HTTP 200 with an unreadable
body (the ``malformed`` variants, the HTML page served with 200): an accepted write whose reply
cannot be read.
``connect_error`` means the request never arrived: nothing is applied.
"""

from __future__ import annotations

import fnmatch
import random
from collections.abc import Iterable
from typing import Final, Literal, get_args

from attrs import define, frozen

from tiktokshop_sync.testing._envelope import error_response
from tiktokshop_sync.testing._errors import INTERNAL_ERROR, RATE_LIMITED, TOKEN_EXPIRED, ApiError
from tiktokshop_sync.testing._http import RawResponse

__all__ = ["MALFORMED_VARIANTS", "Fault", "FaultKind", "FaultPlan", "fault_response"]

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "applied_server_error",
    "timeout",
    "lost_request",
    "malformed",
    "applied_malformed",
    "connect_error",
    "expired_token",
]
MalformedVariant = Literal["truncated_json", "html", "non_utf8"]

FAULT_KINDS: Final[tuple[str, ...]] = get_args(FaultKind)
MALFORMED_VARIANTS: Final[tuple[str, ...]] = get_args(MalformedVariant)


@frozen(kw_only=True)
class Fault:
    """One fault to apply to one request."""

    kind: FaultKind
    status: int | None = None
    retry_after: float | None = None
    variant: MalformedVariant = "truncated_json"


@define(kw_only=True)
class _Queued:
    fault: Fault
    remaining: int
    path: str | None


def _matches(pattern: str | None, path: str) -> bool:
    return pattern is None or pattern == path or fnmatch.fnmatchcase(path, pattern)


class FaultPlan:
    """Decides, per request, whether a fault replaces the normal reply."""

    def __init__(self) -> None:
        self._queue: list[_Queued] = []
        self._rng = random.Random(0)
        self._rates: tuple[tuple[FaultKind, float], ...] = ()
        self._paths: tuple[str, ...] | None = None
        self._retry_after: float | None = None

    def fail_next(
        self,
        kind: FaultKind,
        *,
        times: int,
        path: str | None,
        status: int | None,
        retry_after: float | None,
        variant: MalformedVariant,
    ) -> None:
        """Queue ``kind`` for the next ``times`` matching requests (FIFO, before random faults)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose one of {', '.join(FAULT_KINDS)}")
        if variant not in MALFORMED_VARIANTS:
            raise ValueError(
                f"unknown malformed variant {variant!r}; choose one of {MALFORMED_VARIANTS}"
            )
        if times < 1:
            raise ValueError(f"fail_next(times=...) must be at least 1, got {times}")
        fault = Fault(kind=kind, status=status, retry_after=retry_after, variant=variant)
        self._queue.append(_Queued(fault=fault, remaining=times, path=path))

    def inject(
        self,
        rates: dict[FaultKind, float],
        *,
        seed: int,
        paths: Iterable[str] | None,
        retry_after: float | None,
    ) -> None:
        """Replace the random faults: each request draws once; ``rates`` are probabilities."""
        for kind, rate in rates.items():
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"inject_faults({kind}={rate!r}): a rate must be in [0, 1]")
        if sum(rates.values()) > 1.0 + 1e-9:
            raise ValueError(f"inject_faults rates add up to {sum(rates.values())}, more than 1")
        self._rates = tuple((kind, rate) for kind, rate in rates.items() if rate > 0)
        self._rng = random.Random(seed)
        self._paths = tuple(paths) if paths is not None else None
        self._retry_after = retry_after

    def clear(self) -> None:
        """No more faults: empty the queue and switch random faults off."""
        self._queue.clear()
        self._rates = ()

    def draw(self, path: str, *, carries_token: bool) -> Fault | None:
        """The fault for this request, if any; ``expired_token`` only hits token-bearing routes."""
        for entry in self._queue:
            if not _matches(entry.path, path):
                continue
            if entry.fault.kind == "expired_token" and not carries_token:
                continue
            entry.remaining -= 1
            if entry.remaining == 0:
                self._queue.remove(entry)
            return entry.fault
        if not self._rates or (
            self._paths is not None and not any(_matches(p, path) for p in self._paths)
        ):
            return None
        roll = self._rng.random()
        for kind, rate in self._rates:
            if roll < rate:
                if kind == "expired_token" and not carries_token:
                    return None
                return Fault(
                    kind=kind,
                    status=self._rng.choice((500, 503)) if kind == "server_error" else None,
                    retry_after=self._retry_after,
                    variant=self._rng.choice(("truncated_json", "html", "non_utf8")),
                )
            roll -= rate
        return None


_HTML_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


def fault_response(fault: Fault, request_id: str) -> RawResponse:
    """The reply a fault produces (only for kinds that produce one)."""
    if fault.kind == "rate_limit":
        error = RATE_LIMITED.error()
        if fault.retry_after is not None:
            error.headers = (("retry-after", _seconds(fault.retry_after)),)
        return error_response(error, request_id)
    if fault.kind in ("server_error", "applied_server_error"):
        spec = INTERNAL_ERROR
        default = 503 if fault.kind == "server_error" else 504
        return error_response(
            ApiError(spec.code, spec.message, fault.status or default), request_id
        )
    if fault.kind == "expired_token":
        return error_response(TOKEN_EXPIRED.error(), request_id)
    if fault.kind in ("malformed", "applied_malformed"):
        if fault.variant == "html":
            return RawResponse(
                status=502 if fault.kind == "malformed" else 200,
                body=_HTML_PAGE,
                headers=(("content-type", "text/html"),),
            )
        if fault.variant == "non_utf8":
            body = b'{"code":0,"data":{},"message":"\xff\xfe\x83\x5c","request_id":"' + (
                request_id.encode() + b'"}'
            )
            return RawResponse(status=200, body=body)
        # A reply cut off mid-stream: valid UTF-8, invalid JSON.
        return RawResponse(status=200, body=b'{"code":0,"data":{"orders":[{"id":"57","status":"AW')
    raise ValueError(f"fault {fault.kind!r} has no reply")


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
