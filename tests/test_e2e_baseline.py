"""The end-to-end benchmark's paired comparison with the SDK issue 19 measured.

On a machine whose speed moves 2-3x between days, the issue's "80 µs per order" is checked as
a ratio against the baseline SDK run next to it; these tests hold the pieces that compute it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def e2e() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import e2e_import

        return e2e_import
    finally:
        sys.path.remove(str(BENCHMARKS))


def _run(cpu_s: float, size: int = 1000) -> dict[str, object]:
    return {"cpu_s": cpu_s, "size": size}


def test_the_target_is_eighty_of_the_163_microseconds_the_issue_measured(
    e2e: ModuleType,
) -> None:
    assert pytest.approx(80 / 163) == e2e.BASELINE_RATIO_TARGET


def test_the_ratio_is_the_median_of_each_run_over_the_baseline_run_beside_it(
    e2e: ModuleType,
) -> None:
    notes: list[str] = []
    [figure] = e2e._against_baseline(
        [_run(0.09), _run(0.05), _run(0.07)], [_run(0.10), _run(0.10), _run(0.07)], notes
    )
    assert figure.value == pytest.approx(0.9)
    assert figure.bound == e2e.BASELINE_RATIO_TARGET
    assert "70, 100, 100 µs CPU/order" in notes[0]


def test_without_baseline_runs_no_ratio_is_reported_and_a_note_says_why(
    e2e: ModuleType,
) -> None:
    notes: list[str] = []
    assert e2e._against_baseline([_run(0.09)], [], notes, missing="it failed: boom") == []
    assert notes == ["the baseline SDK (631cb4d) was not measured: it failed: boom"]


def test_the_baseline_sdk_is_unpacked_from_the_git_history(e2e: ModuleType, tmp_path: Path) -> None:
    known = subprocess.run(
        ["git", "-C", str(BENCHMARKS), "cat-file", "-e", f"{e2e.BASELINE_COMMIT}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if known.returncode != 0:
        pytest.skip("this checkout has no git history with the baseline commit")
    sdk = e2e._baseline_sdk(tmp_path)
    assert sdk == tmp_path / "src"
    assert (sdk / "tiktokshop_sync" / "__init__.py").is_file()
    assert (sdk / "tiktokshop_sync" / "workflows").is_dir()
