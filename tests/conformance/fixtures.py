"""TikTok's official request and response examples, kept in the project as JSON fixtures.

One file per endpoint the SDK calls, ``tests/contract/fixtures/<group>/<document_id>.json``,
with where it came from (the snapshot's repository and commit, the spec file, the day it was
copied). The fixtures let the contract tests run where the snapshot is absent; where it is
present, a test rebuilds each fixture from it, so a refreshed snapshot shows up as a diff.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from spec_oracle import REPO, SPEC_ROOT, Endpoint

__all__ = [
    "FIXTURES",
    "Fixture",
    "build_fixture",
    "fixture_path",
    "load_fixture",
    "snapshot_source",
    "write_fixture",
]

FIXTURES = REPO / "tests" / "contract" / "fixtures"


def snapshot_source() -> str:
    """``owner/repo@commit`` of the snapshot, as its README states it."""
    readme = (SPEC_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"repository `([^`]+)` at commit `([0-9a-f]+)`", readme)
    if match is None:
        raise ValueError(f"{SPEC_ROOT / 'README.md'} no longer names its source and commit")
    return f"{match.group(1)}@{match.group(2)}"


@attrs.frozen(kw_only=True)
class Fixture:
    """One endpoint's official examples, as stored in the project."""

    key: str
    title: str
    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, str]
    body: Any
    response: Any
    provenance: dict[str, str]

    @property
    def response_bytes(self) -> bytes:
        """The response example as TikTok would send it."""
        return json.dumps(self.response, ensure_ascii=False).encode("utf-8")


def fixture_key(endpoint: Endpoint) -> str:
    """``<group>/<document_id>``: where an endpoint's fixture lives."""
    return f"{endpoint.group}/{endpoint.document_id}"


def fixture_path(key: str) -> Path:
    """The file of the fixture ``key``."""
    return FIXTURES / f"{key}.json"


def build_fixture(endpoint: Endpoint) -> dict[str, Any]:
    """The fixture's content from the snapshot, without the day it was copied."""
    return {
        "provenance": {
            "snapshot": snapshot_source(),
            "file": endpoint.file.relative_to(SPEC_ROOT).as_posix(),
        },
        "endpoint": {"title": endpoint.title, "method": endpoint.method, "path": endpoint.path},
        "request": {
            "path": dict(endpoint.path_example),
            "query": dict(endpoint.query_example),
            "body": endpoint.request_example,
        },
        "response": endpoint.response_example,
    }


def _without_date(content: dict[str, Any]) -> dict[str, Any]:
    provenance = {k: v for k, v in content["provenance"].items() if k != "copied"}
    return {**content, "provenance": provenance}


def stored_without_date(key: str) -> dict[str, Any]:
    """A stored fixture's content, leaving out the day it was copied."""
    return _without_date(json.loads(fixture_path(key).read_text(encoding="utf-8")))


def write_fixture(endpoint: Endpoint, today: date) -> bool:
    """Store ``endpoint``'s fixture; the copy date moves only when the content changed."""
    fresh = build_fixture(endpoint)
    path = fixture_path(fixture_key(endpoint))
    if path.exists() and stored_without_date(fixture_key(endpoint)) == fresh:
        return False
    fresh["provenance"]["copied"] = today.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fresh, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return True


def load_fixture(key: str) -> Fixture:
    """The stored fixture ``key`` (``orders/get-order-list-202309``)."""
    raw = json.loads(fixture_path(key).read_text(encoding="utf-8"))
    return Fixture(
        key=key,
        title=raw["endpoint"]["title"],
        method=raw["endpoint"]["method"],
        path=raw["endpoint"]["path"],
        path_params=raw["request"]["path"],
        query=raw["request"]["query"],
        body=raw["request"]["body"],
        response=raw["response"],
        provenance=raw["provenance"],
    )


def stored_keys() -> list[str]:
    """Every fixture in the project."""
    return sorted(
        p.relative_to(FIXTURES).with_suffix("").as_posix() for p in FIXTURES.rglob("*.json")
    )
