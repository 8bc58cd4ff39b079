"""``returns plan | run``: the return import from the shell, with the seller's deadlines."""

from __future__ import annotations

import stat
from pathlib import Path

from tiktokshop_sync.testing import FakeReturn, FakeShop
from tiktokshop_sync.workflows import SQLiteStateStore

from .conftest import Invoke
from .helpers import json_lines


def _store(tmp_path: Path) -> SQLiteStateStore:
    return SQLiteStateStore(tmp_path / "state" / "tiktokshop-sync" / "state.db")


def _ask(fake: FakeShop, return_type: str = "REFUND", sku: str = "FD-MATCHA-100") -> FakeReturn:
    order = fake.create_orders(1, status="DELIVERED", items=[(sku, 1)])[0]
    return fake.request_return(order.id, return_type=return_type)


def test_returns_plan_lists_steps_answers_and_decisions_and_sends_nothing(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    small = _ask(fake)
    parcel = _ask(fake, "RETURN_AND_REFUND", "TS-TEE-BLK-M")
    result = cli("returns", "plan", "--auto-approve-under", "3000", "--json")
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    steps = [r for r in records if r["type"] == "step"]
    assert {(r["return_id"], r["step"]) for r in steps} == {
        (small.return_id, "requested"),
        (parcel.return_id, "requested"),
    }
    pending = [r for r in records if r["type"] == "pending"]
    assert [r["urgency"] for r in pending] == ["later", "later"]
    assert all(r["deadline"].endswith("+09:00") for r in pending)
    decisions = {r["return_id"]: r for r in records if r["type"] == "decision"}
    assert decisions[small.return_id]["applied_by_run"] is True
    assert decisions[parcel.return_id]["applied_by_run"] is False
    [summary] = [r for r in records if r["type"] == "plan"]
    assert (summary["steps"], summary["pending"], summary["to_apply"]) == (2, 2, 1)
    assert small.status == "RETURN_OR_REFUND_REQUEST_PENDING"
    assert _store(tmp_path).get_cursor(fake.shops[0].cipher, "returns") is None


def test_returns_plan_speaks_japanese_by_default_and_english_on_request(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    _ask(fake)
    ja = cli("returns", "plan")
    assert ja.exit_code == 0, ja.output
    assert "対応待ち" in ja.stdout and "返金の承認・却下" in ja.stdout
    en = cli("returns", "plan", "--lang", "en")
    assert "answer(s) TikTok waits for" in en.stdout


def test_returns_plan_exits_10_when_an_answer_is_due_within_a_day(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    _ask(fake)
    fake.clock.advance(hours=30)
    result = cli("returns", "plan", "--json")
    assert result.exit_code == 10, result.output
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "plan"]
    assert summary["due_soon"] == 1


def test_returns_run_appends_each_step_once_to_a_private_file_and_approves_by_policy(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    small = _ask(fake)
    out = tmp_path / "oms" / "returns.jsonl"
    first = cli("returns", "run", "--out", str(out), "--auto-approve-under", "3000", "--json")
    assert first.exit_code == 0, first.output
    [result] = [r for r in json_lines(first.stdout) if r["type"] == "result"]
    assert (result["delivered"], result["approved"]) == (1, 1)
    fake.clock.advance(hours=2)  # TikTok refunds the approved request
    again = cli("returns", "run", "--out", str(out), "--json")
    assert again.exit_code == 0, again.output
    lines = json_lines(out.read_text(encoding="utf-8"))
    assert [(r["return_id"], r["step"]) for r in lines] == [
        (small.return_id, "requested"),
        (small.return_id, "approved"),
        (small.return_id, "refunded"),
    ]
    assert lines[-1]["refund_total"] == "1620" and lines[-1]["currency"] == "JPY"
    assert lines[0]["lines"][0]["seller_sku"] == "FD-MATCHA-100"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    third = cli("returns", "run", "--out", str(out), "--json")
    [result] = [r for r in json_lines(third.stdout) if r["type"] == "result"]
    assert result["delivered"] == 0


def test_returns_run_keeps_the_buyers_reason_in_the_file_and_off_the_screen(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    out = tmp_path / "returns.jsonl"
    result = cli("returns", "run", "--out", str(out))
    assert result.exit_code == 0, result.output
    [line] = json_lines(out.read_text(encoding="utf-8"))
    assert line["reason"] == record.reason and line["reason_text"]
    assert line["reason_text"] not in result.output


def test_returns_run_needs_an_output_file(cli: Invoke, fake: FakeShop, authorized: str) -> None:
    result = cli("returns", "run")
    assert result.exit_code == 3
    assert "--out" in result.output


def test_a_policy_value_the_seller_mistyped_is_a_config_error_naming_the_table(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[returns]\nauto_approve_refunds_under = 2999.5\n", encoding="utf-8")
    result = cli("--config", str(config), "returns", "plan")
    assert result.exit_code == 3
    assert "[returns]" in result.output
