"""Payment mapping: the Next Engine table, width/case tolerance, host tables and unknown labels."""

from __future__ import annotations

import enum

import pytest

from tiktokshop_sync.domain import (
    DEFAULT_PAYMENT_TABLE,
    DomainConfigError,
    FallbackApplied,
    Mapped,
    PaymentKind,
    PaymentMethod,
    PaymentTable,
    ReviewRequired,
    Unmapped,
    UnmappedAction,
    UnmappedPaymentError,
    UnmappedPaymentPolicy,
    map_payment,
    resolve_payment,
)


@pytest.mark.parametrize(
    ("label", "kind", "code"),
    [
        ("Credit/debit card", PaymentKind.CREDIT_CARD, "クレジットカード"),
        ("クレジット/デビットカード", PaymentKind.CREDIT_CARD, "クレジットカード"),
        ("ConvenientStore", PaymentKind.CONVENIENCE_STORE, "コンビニ決済"),
        ("コンビニ", PaymentKind.CONVENIENCE_STORE, "コンビニ決済"),
        ("Apple Pay", PaymentKind.APPLE_PAY, "Apple Pay"),
        ("PayPay", PaymentKind.PAYPAY, "PayPay残高等"),
    ],
)
def test_next_engine_labels_map_to_next_engine_values(
    label: str, kind: PaymentKind, code: str
) -> None:
    result = map_payment(label)
    assert result == Mapped(label=label, method=PaymentMethod(kind=kind, code=code), row=label)


@pytest.mark.parametrize(
    ("label", "row"),
    [
        ("credit/debit card", "Credit/debit card"),
        ("CREDIT/DEBIT CARD", "Credit/debit card"),
        ("  Credit/debit card\t", "Credit/debit card"),
        ("Credit/debit   card", "Credit/debit card"),
        ("ｃｏｎｖｅｎｉｅｎｔｓｔｏｒｅ", "ConvenientStore"),
        ("\u3000コンビニ\u3000", "コンビニ"),
        ("ｺﾝﾋﾞﾆ", "コンビニ"),
        ("クレジット／デビットカード", "クレジット/デビットカード"),
        ("ＡＰＰＬＥ　ＰＡＹ", "Apple Pay"),
        ("paypay", "PayPay"),
    ],
)
def test_width_case_and_spacing_variants_match_the_same_row(label: str, row: str) -> None:
    result = map_payment(label)
    assert isinstance(result, Mapped)
    assert result.row == row
    assert result.label == label


@pytest.mark.parametrize("label", ["d払い", "auかんたん決済", "Cash on delivery", "CCDC", "Credit"])
def test_unknown_label_is_reported_unmapped_with_the_label(label: str) -> None:
    result = map_payment(label)
    assert isinstance(result, Unmapped)
    assert result.label == label
    assert "PaymentTable.extend" in result.reason


@pytest.mark.parametrize("label", [None, "", "   ", "\u3000"])
def test_missing_payment_name_is_unmapped_not_an_error(label: str | None) -> None:
    result = map_payment(label)
    assert isinstance(result, Unmapped)
    assert "no payment method name" in result.reason


def test_str_enum_labels_map_and_are_reported_as_plain_text() -> None:
    class WireLabel(str, enum.Enum):
        PAYPAY = "PayPay"

    result = map_payment(WireLabel.PAYPAY)
    assert isinstance(result, Mapped)
    assert type(result.label) is str
    assert result.label == "PayPay"


def test_host_can_name_its_own_target_codes() -> None:
    table = PaymentTable.default(codes={PaymentKind.CREDIT_CARD: "01", PaymentKind.PAYPAY: "09"})
    assert map_payment("クレジット/デビットカード", table) == Mapped(
        label="クレジット/デビットカード",
        method=PaymentMethod(kind=PaymentKind.CREDIT_CARD, code="01"),
        row="クレジット/デビットカード",
    )
    konbini = map_payment("コンビニ", table)
    assert isinstance(konbini, Mapped)
    assert konbini.method.code == "コンビニ決済"


def test_host_can_extend_the_table_with_a_new_label() -> None:
    d_barai = PaymentMethod(kind=PaymentKind.OTHER, code="d払い")
    table = DEFAULT_PAYMENT_TABLE.extend({"d払い": d_barai})
    assert map_payment("ｄ払い", table) == Mapped(label="ｄ払い", method=d_barai, row="d払い")
    assert isinstance(map_payment("PayPay", table), Mapped)


def test_extending_with_an_existing_label_replaces_that_row() -> None:
    card = PaymentMethod(kind=PaymentKind.CREDIT_CARD, code="カード")
    table = DEFAULT_PAYMENT_TABLE.extend({"credit/debit CARD": card})
    result = map_payment("Credit/debit card", table)
    assert isinstance(result, Mapped)
    assert result.method == card
    assert len(table.rows) == len(DEFAULT_PAYMENT_TABLE.rows)


def test_each_table_answers_a_label_it_was_asked_before_by_its_own_rows() -> None:
    card = PaymentMethod(kind=PaymentKind.CREDIT_CARD, code="カード")
    before = map_payment("Credit/debit card", DEFAULT_PAYMENT_TABLE)
    extended = DEFAULT_PAYMENT_TABLE.extend({"credit/debit CARD": card})
    unknown = PaymentTable(rows={"PayPay": PaymentMethod(kind=PaymentKind.PAYPAY, code="P")})
    for _ in range(2):  # asked again: the remembered answer is the same table's
        assert isinstance(before, Mapped) and before.method.code == "クレジットカード"
        assert map_payment("Credit/debit card", DEFAULT_PAYMENT_TABLE) == before
        assert map_payment("Credit/debit card", extended).method == card  # type: ignore[union-attr]
        assert isinstance(map_payment("Credit/debit card", unknown), Unmapped)


def test_host_can_replace_the_table_entirely() -> None:
    table = PaymentTable(rows={"カード決済": PaymentMethod.next_engine(PaymentKind.CREDIT_CARD)})
    assert isinstance(map_payment("カード決済", table), Mapped)
    assert isinstance(map_payment("Credit/debit card", table), Unmapped)


def test_two_rows_that_fold_to_the_same_label_but_differ_are_refused() -> None:
    with pytest.raises(DomainConfigError, match=r"'PayPay'.*'ＰＡＹＰＡＹ'.*keep one row"):
        PaymentTable(
            rows=[
                ("PayPay", PaymentMethod.next_engine(PaymentKind.PAYPAY)),
                ("ＰＡＹＰＡＹ", PaymentMethod.next_engine(PaymentKind.OTHER)),
            ]
        )


@pytest.mark.parametrize("label", ["", "  ", "\u3000"])
def test_a_blank_table_label_is_refused(label: str) -> None:
    with pytest.raises(DomainConfigError, match="empty label"):
        PaymentTable(rows={label: PaymentMethod.next_engine(PaymentKind.OTHER)})


def test_a_table_row_that_is_not_a_payment_method_is_refused() -> None:
    with pytest.raises(DomainConfigError, match=r"rows\['PayPay'\] must be a PaymentMethod"):
        PaymentTable(rows={"PayPay": "PayPay残高等"})  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["", "   "])
def test_a_payment_method_needs_a_code(code: str) -> None:
    with pytest.raises(DomainConfigError, match=r"PaymentMethod\.code must be a non-empty string"):
        PaymentMethod(kind=PaymentKind.OTHER, code=code)


def test_default_policy_holds_an_unknown_label_for_review() -> None:
    result = resolve_payment("d払い")
    assert isinstance(result, ReviewRequired)
    assert result.label == "d払い"


def test_fallback_policy_gives_the_fallback_method_and_says_so() -> None:
    other = PaymentMethod(kind=PaymentKind.OTHER, code="その他")
    result = resolve_payment("d払い", policy=UnmappedPaymentPolicy.use_fallback(other))
    assert isinstance(result, FallbackApplied)
    assert result.method == other
    assert "fallback 'その他'" in result.reason


def test_raise_policy_raises_a_typed_error_naming_the_label() -> None:
    with pytest.raises(UnmappedPaymentError, match="'d払い' is not in the payment table") as info:
        resolve_payment("d払い", policy=UnmappedPaymentPolicy.raise_error())
    assert info.value.label == "d払い"
    assert "ConvenientStore" in info.value.known_labels


@pytest.mark.parametrize(
    "policy",
    [
        UnmappedPaymentPolicy.hold_for_review(),
        UnmappedPaymentPolicy.raise_error(),
        UnmappedPaymentPolicy.use_fallback(PaymentMethod.next_engine(PaymentKind.OTHER)),
    ],
)
def test_a_known_label_maps_whatever_the_policy(policy: UnmappedPaymentPolicy) -> None:
    result = resolve_payment("ＣｏｎｖｅｎｉｅｎｔＳｔｏｒｅ", policy=policy)
    assert isinstance(result, Mapped)
    assert result.method.kind is PaymentKind.CONVENIENCE_STORE


def test_fallback_action_without_a_fallback_method_is_refused() -> None:
    with pytest.raises(DomainConfigError, match=r"fallback must be a PaymentMethod.*use_fallback"):
        UnmappedPaymentPolicy(action=UnmappedAction.FALLBACK)


def test_a_fallback_method_with_another_action_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="only used when action is FALLBACK"):
        UnmappedPaymentPolicy(
            action=UnmappedAction.RAISE, fallback=PaymentMethod.next_engine(PaymentKind.OTHER)
        )


def test_only_konbini_is_paid_after_ordering() -> None:
    later = [kind for kind in PaymentKind if kind.paid_after_ordering]
    assert later == [PaymentKind.CONVENIENCE_STORE]
