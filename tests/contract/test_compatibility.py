"""docs/reference/compatibility.md is generated from the code and TikTok's snapshot."""

from __future__ import annotations

import pytest

from conformance.compatibility import PAGE, render, retirement, rows
from spec_oracle import REPO, require_spec


def test_the_committed_page_is_what_the_code_and_the_snapshot_produce() -> None:
    require_spec()
    assert PAGE.read_text(encoding="utf-8") == render(), "run `make contract` to regenerate it"


def test_the_page_is_in_the_docs_navigation() -> None:
    assert "reference/compatibility.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_no_endpoint_the_sdk_calls_is_retired() -> None:
    retired = [(r.call.name, r.status) for r in rows() if r.status.startswith("retired")]
    assert retired == []


@pytest.mark.parametrize(
    ("method", "path", "retired"),
    [
        ("GET", "/order/202212/orders", True),
        ("GET", "/finance/202309/statements/{statement_id}/statement_transactions", True),
        ("GET", "/finance/202501/statements/{statement_id}/statement_transactions", False),
        ("POST", "/order/202309/orders/search", False),
    ],
)
def test_retirements_come_from_the_changelogs(method: str, path: str, retired: bool) -> None:
    assert (retirement(method, path) is not None) is retired


def test_each_call_uses_a_documented_scope_and_the_documented_cipher_rule() -> None:
    require_spec()
    wrong = []
    for row in rows():
        if row.endpoint.scopes and row.scope not in row.endpoint.scopes:
            wrong.append(f"{row.call.name}: scope {row.scope} not in {row.endpoint.scopes}")
        if (row.cipher == "required") != row.endpoint.takes_cipher:
            wrong.append(f"{row.call.name}: cipher {row.cipher}")
    assert wrong == []


def test_no_endpoint_is_called_at_a_version_newer_than_documented() -> None:
    assert [r.call.name for r in rows() if r.used.isdigit() and r.used > r.newest] == []
