"""examples/notebook.ipynb runs top to bottom on a fresh kernel and shows tables, never buyer data.

The notebook is stored without outputs; this test executes it with nbclient on the venv's own
interpreter (ipykernel's built-in ``python3`` kernel), from an empty working directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebook.ipynb"
MESSAGE = "山下さん"  # part of the buyer message the notebook's fake orders carry


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
    )
    client.execute()
    return notebook


def _outputs(cell: Any) -> list[dict[str, Any]]:
    return [dict(output) for output in cell.get("outputs", [])]


def _html(cell: Any) -> str:
    return "".join(
        output.get("data", {}).get("text/html", "")
        for output in _outputs(cell)
        if output["output_type"] == "execute_result"
    )


def _code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _cell_showing(notebook: Any, source_end: str) -> Any:
    return next(c for c in _code_cells(notebook) if c.source.rstrip().endswith(source_end))


def test_the_notebook_is_stored_without_outputs() -> None:
    stored = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in stored["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_every_cell_runs_without_an_error(executed: Any) -> None:
    errors = [o for c in _code_cells(executed) for o in _outputs(c) if o["output_type"] == "error"]
    assert errors == []
    assert all(cell.execution_count for cell in _code_cells(executed))


def test_the_page_of_orders_shows_as_a_table_with_one_row_per_order(executed: Any) -> None:
    table = _html(_cell_showing(executed, "page"))
    assert "<caption>items: 5 Order</caption>" in table
    assert table.count("<tr><td>") == 5


def test_the_search_frame_and_the_plan_show_as_html_tables(executed: Any) -> None:
    frame = _html(_cell_showing(executed, ".head()"))
    plan = _html(_cell_showing(executed, "plan"))
    assert "<table" in frame and "payment_total_amount" in frame
    assert "<caption>OrderImportPlan</caption>" in plan and "JST" in plan


def test_the_counts_by_status_add_up_to_every_order(executed: Any) -> None:
    [result] = [o for o in _outputs(_cell_showing(executed, "by_status")) if "data" in o]
    rows = [line.split() for line in result["data"]["text/plain"].splitlines()[2:]]
    assert {row[0] for row in rows} >= {"AWAITING_SHIPMENT", "CANCELLED", "UNPAID"}
    assert sum(int(row[1]) for row in rows) == 42  # the notebook creates 40 + 2 orders


def test_no_output_shows_the_buyers_message(executed: Any) -> None:
    shown = json.dumps([_outputs(cell) for cell in _code_cells(executed)], ensure_ascii=False)
    assert MESSAGE not in shown
