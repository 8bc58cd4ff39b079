"""Checks of a statement against its lines, and of a payout against its statements and deposit."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from tiktokshop_sync.domain._language import Language, money, pick
from tiktokshop_sync.domain.settlement import (
    BankDeposit,
    LineDiscrepancy,
    Payout,
    SettlementStatement,
)

__all__ = ["PayoutCheck", "PayoutFinding", "PayoutIssue", "StatementCheck"]


@attrs.frozen(kw_only=True)
class StatementCheck:
    """Whether a statement's lines add up to its totals, and TikTok's own line discrepancies."""

    statement: SettlementStatement
    lines_settlement: Decimal
    lines_reserve: Decimal
    line_discrepancies: tuple[LineDiscrepancy, ...]

    @property
    def difference(self) -> Decimal:
        """The statement's settlement minus the sum of its lines' settlements."""
        return self.statement.settlement - self.lines_settlement

    @property
    def reserve_difference(self) -> Decimal:
        """The statement's reserve minus the sum of its lines' reserves."""
        return self.statement.reserve - self.lines_reserve

    @property
    def ok(self) -> bool:
        """The lines add up and none of them disagrees with itself."""
        return not self.difference and not self.reserve_difference and not self.line_discrepancies

    def describe(self, language: Language = "en") -> str:
        """Whether the statement adds up, and by how much it does not."""
        s, cur = self.statement, self.statement.currency
        if self.ok:
            return pick(
                language,
                f"statement {s.statement_id}: {len(s.lines)} lines add up to "
                f"{money(s.settlement, cur)}",
                f"明細書 {s.statement_id}: {len(s.lines)}行の合計が "
                f"{money(s.settlement, cur)} と一致",
            )
        problems_en, problems_ja = [], []
        if self.difference:
            problems_en.append(
                f"lines sum to {money(self.lines_settlement, cur)}, the statement says "
                f"{money(s.settlement, cur)}"
            )
            problems_ja.append(
                f"行の合計 {money(self.lines_settlement, cur)} ≠ 明細書 {money(s.settlement, cur)}"
            )
        if self.reserve_difference:
            problems_en.append(
                f"reserves sum to {money(self.lines_reserve, cur)}, the statement says "
                f"{money(s.reserve, cur)}"
            )
            problems_ja.append(
                f"留保金の合計 {money(self.lines_reserve, cur)} ≠ 明細書 {money(s.reserve, cur)}"
            )
        for d in self.line_discrepancies:
            problems_en.append(
                f"transaction {d.transaction_id}: {d.measure} {money(d.stated, cur)} but its "
                f"parts sum to {money(d.parts, cur)}"
            )
            problems_ja.append(
                f"取引 {d.transaction_id}: {d.measure} {money(d.stated, cur)}、内訳の合計 "
                f"{money(d.parts, cur)}"
            )
        return pick(
            language,
            f"statement {s.statement_id}: " + "; ".join(problems_en),
            f"明細書 {s.statement_id}: " + "、".join(problems_ja),
        )


class PayoutIssue(enum.Enum):
    """Something a payout check found."""

    NO_STATEMENTS = "no_statements"
    """None of the statements given names this payout."""
    CURRENCY_MISMATCH = "currency_mismatch"
    """The statements or the deposit are in another currency; those amounts were not compared."""
    STATEMENTS_DIFFER = "statements_differ"
    """The statements' settlements do not add up to the payout's settlement amount."""
    RESERVE_DIFFERS = "reserve_differs"
    """The statements' reserves do not add up to the payout's reserve amount."""
    NOT_PAID = "not_paid"
    """TikTok has not transferred it (PROCESSING or FAILED); no deposit is expected yet."""
    DEPOSIT_MISSING = "deposit_missing"
    """TikTok says it paid, but the host reports no deposit for it."""
    DEPOSIT_DIFFERS = "deposit_differs"
    """The bank deposit differs from the amount TikTok paid (a bank fee, a wrong match...)."""

    @property
    def is_problem(self) -> bool:
        """Whether the finding means the payout does not reconcile (NOT_PAID is only news)."""
        return self is not PayoutIssue.NOT_PAID


@attrs.frozen(kw_only=True)
class PayoutFinding:
    """One issue with a payout, with the difference when it is an amount."""

    issue: PayoutIssue
    difference: Decimal | None = None
    detail: str = ""


@attrs.frozen(kw_only=True)
class PayoutCheck:
    """A payout against the statements it pays and the bank deposit the host reports."""

    payout: Payout
    statement_ids: tuple[str, ...]
    statements_settlement: Decimal | None
    """The statements' settlements summed (None when their currencies differ)."""
    statements_reserve: Decimal | None
    deposit: BankDeposit | None
    findings: tuple[PayoutFinding, ...]

    @property
    def ok(self) -> bool:
        """The payout equals its statements and, once paid, the deposit."""
        return not any(f.issue.is_problem for f in self.findings)

    def describe(self, language: Language = "en") -> str:
        """Whether the payout reconciles, and what does not."""
        p = self.payout
        head_en = (
            f"payout {p.payment_id} ({p.status}, {money(p.amount, p.amount_currency)}) pays "
            f"{len(self.statement_ids)} statement{'' if len(self.statement_ids) == 1 else 's'}"
        )
        head_ja = (
            f"入金 {p.payment_id}（{p.status}、{money(p.amount, p.amount_currency)}）: "
            f"明細書 {len(self.statement_ids)}件"
        )
        if not self.findings:
            return pick(
                language,
                f"{head_en}; they add up and the bank deposit matches",
                f"{head_ja}、合計一致・銀行入金と一致",
            )
        parts = [_finding_text(f, p, language) for f in self.findings]
        return pick(language, f"{head_en}; " + "; ".join(parts), f"{head_ja}、" + "、".join(parts))


def _finding_text(finding: PayoutFinding, payout: Payout, language: Language) -> str:
    amount = "" if finding.difference is None else money(finding.difference, payout.currency)
    texts = {
        PayoutIssue.NO_STATEMENTS: ("no statement given names it", "該当する明細書がありません"),
        PayoutIssue.CURRENCY_MISMATCH: (
            f"currencies differ ({finding.detail}), not compared",
            f"通貨が異なるため比較していません（{finding.detail}）",
        ),
        PayoutIssue.STATEMENTS_DIFFER: (
            # Signed: "exceeds by -800" read wrong for a short payout.
            f"its settlement minus its statements' total is {amount}",
            f"入金の精算額 − 明細書の合計 = {amount}",
        ),
        PayoutIssue.RESERVE_DIFFERS: (
            f"its reserve minus its statements' reserves is {amount}",
            f"入金の留保金 − 明細書の留保金 = {amount}",
        ),
        PayoutIssue.NOT_PAID: ("not transferred yet", "振込未完了"),
        PayoutIssue.DEPOSIT_MISSING: (
            "no bank deposit reported for it",
            "銀行入金が見つかりません",
        ),
        PayoutIssue.DEPOSIT_DIFFERS: (
            f"the bank deposit differs by {finding.detail}",
            f"銀行入金との差 {finding.detail}",
        ),
    }
    en, ja = texts[finding.issue]
    return pick(language, en, ja)
