"""docs/reference/compatibility.md is generated from the endpoint table and TikTok's snapshot."""

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
    retired = [(r.row.name, r.status) for r in rows() if r.status.startswith("retired")]
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


def test_the_page_has_a_line_for_every_row_of_the_endpoint_table() -> None:
    require_spec()
    page = PAGE.read_text(encoding="utf-8")
    missing = [r.row.name for r in rows() if f"`{r.method} {r.path}`" not in page]
    assert missing == []


def test_every_line_names_the_public_method_that_calls_it() -> None:
    require_spec()
    assert [r.row.name for r in rows() if not r.calls] == []
