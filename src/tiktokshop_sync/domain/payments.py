"""Payment mapping (支払方法変換): TikTok's raw payment label to the OMS's payment method.

TikTok sends the label in English or Japanese ("Credit/debit card", "コンビニ"); the Next Engine
manual's 支払発送変換 table maps each to one OMS value. Unknown labels are reported, never dropped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final, TypeAlias

import attrs

from tiktokshop_sync.domain._text import fold, plain
from tiktokshop_sync.domain._validate import require_instance, require_pairs, require_text
from tiktokshop_sync.domain.errors import DomainConfigError, UnmappedPaymentError

__all__ = [
    "DEFAULT_PAYMENT_TABLE",
    "FallbackApplied",
    "Mapped",
    "PaymentKind",
    "PaymentMethod",
    "PaymentResolution",
    "PaymentTable",
    "ReviewRequired",
    "Unmapped",
    "UnmappedAction",
    "UnmappedPaymentPolicy",
    "map_payment",
    "resolve_payment",
]


class PaymentKind(enum.Enum):
    """What kind of payment a method is, whatever code the host's OMS gives it."""

    CREDIT_CARD = "credit_card"
    CONVENIENCE_STORE = "convenience_store"
    APPLE_PAY = "apple_pay"
    PAYPAY = "paypay"
    OTHER = "other"

    @property
    def label_ja(self) -> str:
        """The Japanese name sellers see in Next Engine (e.g. コンビニ決済)."""
        return _KIND_LABELS_JA[self]

    @property
    def paid_after_ordering(self) -> bool:
        """True for konbini payment: the buyer pays at the store later; until then it is unpaid."""
        return self is PaymentKind.CONVENIENCE_STORE


_KIND_LABELS_JA: Final = {
    PaymentKind.CREDIT_CARD: "クレジットカード",
    PaymentKind.CONVENIENCE_STORE: "コンビニ決済",
    PaymentKind.APPLE_PAY: "Apple Pay",
    PaymentKind.PAYPAY: "PayPay残高等",
    PaymentKind.OTHER: "その他",
}


@attrs.frozen(kw_only=True)
class PaymentMethod:
    """An OMS payment method: its kind, and the code the host writes into the OMS."""

    kind: PaymentKind = attrs.field(
        validator=require_instance(PaymentKind, example="PaymentKind.CREDIT_CARD")
    )
    code: str = attrs.field(validator=require_text)

    @classmethod
    def next_engine(cls, kind: PaymentKind) -> PaymentMethod:
        """The method with Next Engine's value for the kind (クレジットカード, コンビニ決済, …)."""
        return cls(kind=kind, code=kind.label_ja)


# Next Engine manual §2 (支払発送変換): left = label in the order data, right = NE value.
_NEXT_ENGINE_ROWS: Final = (
    ("Credit/debit card", PaymentKind.CREDIT_CARD),
    ("クレジット/デビットカード", PaymentKind.CREDIT_CARD),
    ("ConvenientStore", PaymentKind.CONVENIENCE_STORE),
    ("コンビニ", PaymentKind.CONVENIENCE_STORE),
    ("Apple Pay", PaymentKind.APPLE_PAY),
    ("PayPay", PaymentKind.PAYPAY),
)

_Rows: TypeAlias = "Mapping[str, PaymentMethod] | Iterable[tuple[str, PaymentMethod]]"


_ROW_EXAMPLE = "write e.g. {'PayPay': PaymentMethod(kind=PaymentKind.PAYPAY, code='PayPay')}"


def _to_rows(rows: _Rows) -> tuple[tuple[str, PaymentMethod], ...]:
    out: list[tuple[str, PaymentMethod]] = []
    for row in require_pairs("PaymentTable.rows", rows, example=_ROW_EXAMPLE):
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], str)):
            raise DomainConfigError(
                f"PaymentTable.rows must hold (label, PaymentMethod) pairs, got {row!r}; "
                f"{_ROW_EXAMPLE}"
            )
        out.append((plain(row[0]), row[1]))
    return tuple(out)


@attrs.frozen(kw_only=True)
class PaymentTable:
    """Raw label → payment method rows, matched ignoring width, case and surrounding whitespace."""

    rows: tuple[tuple[str, PaymentMethod], ...] = attrs.field(converter=_to_rows)
    _index: Mapping[str, tuple[str, PaymentMethod]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _answers: dict[str, Mapped | Unmapped] = attrs.field(
        init=False, factory=dict, repr=False, eq=False, hash=False
    )
    """``map_payment``'s answer per raw label: a shop sends a handful of labels, each order
    asks again. The table never changes, so an answer never goes stale."""

    def __attrs_post_init__(self) -> None:
        index: dict[str, tuple[str, PaymentMethod]] = {}
        for label, method in self.rows:
            if not isinstance(method, PaymentMethod):
                raise DomainConfigError(
                    f"PaymentTable.rows[{label!r}] must be a PaymentMethod, got {method!r}; "
                    f"write e.g. PaymentMethod(kind=PaymentKind.OTHER, code={label!r})"
                )
            key = fold(label)
            if not key:
                raise DomainConfigError(
                    "PaymentTable.rows has an empty label; remove the row or give the raw label "
                    "TikTok sends (e.g. 'PayPay')"
                )
            seen = index.get(key)
            if seen is not None and seen[1] != method:
                raise DomainConfigError(
                    f"PaymentTable.rows maps {seen[0]!r} and {label!r} to different methods, "
                    f"but they match the same label {key!r} (width, case and spaces are "
                    f"ignored); keep one row"
                )
            index[key] = (label, method)
        object.__setattr__(self, "_index", index)

    @classmethod
    def default(cls, *, codes: Mapping[PaymentKind, str] | None = None) -> PaymentTable:
        """The Next Engine manual's six rows; ``codes`` renames the OMS value written for a kind."""
        names = {kind: kind.label_ja for kind in PaymentKind}
        for kind, code in (codes or {}).items():
            if not isinstance(kind, PaymentKind):
                raise DomainConfigError(
                    f"PaymentTable.default(codes=...) keys must be PaymentKind members, "
                    f"got {kind!r}"
                )
            if not isinstance(code, str) or not code.strip():
                raise DomainConfigError(
                    f"PaymentTable.default(codes=...)[{kind.name}] must be the OMS's code for "
                    f"the kind, a non-empty string, got {code!r}"
                )
            names[kind] = code
        return cls(
            rows=[
                (label, PaymentMethod(kind=kind, code=names[kind]))
                for label, kind in _NEXT_ENGINE_ROWS
            ]
        )

    def extend(self, rows: _Rows) -> PaymentTable:
        """A new table with ``rows`` added; a row for a label already present replaces it."""
        added = _to_rows(rows)
        replaced = {fold(label) for label, _ in added}
        kept = [(label, method) for label, method in self.rows if fold(label) not in replaced]
        return PaymentTable(rows=[*kept, *added])

    @property
    def labels(self) -> tuple[str, ...]:
        """The raw labels of the rows, as configured."""
        return tuple(label for label, _ in self.rows)

    def find(self, label: str) -> tuple[str, PaymentMethod] | None:
        """The (configured label, method) row matching ``label``, or None when no row matches."""
        return self._index.get(fold(label))


DEFAULT_PAYMENT_TABLE: Final = PaymentTable.default()
"""The Next Engine manual's table, with Next Engine's values as codes."""


@attrs.frozen(kw_only=True)
class Mapped:
    """The label matched the table row ``row`` and maps to ``method``."""

    label: str
    method: PaymentMethod
    row: str


@attrs.frozen(kw_only=True)
class Unmapped:
    """No row matches the label; ``reason`` says what to add."""

    label: str
    reason: str


@attrs.frozen(kw_only=True)
class FallbackApplied:
    """No row matched, and the host's policy supplied ``method`` instead."""

    label: str
    method: PaymentMethod
    reason: str


@attrs.frozen(kw_only=True)
class ReviewRequired:
    """No row matched, and the host's policy says a person must review the order before it ships."""

    label: str
    reason: str


PaymentResolution: TypeAlias = Mapped | FallbackApplied | ReviewRequired
"""What :func:`resolve_payment` returns."""


def map_payment(
    label: str | None, table: PaymentTable = DEFAULT_PAYMENT_TABLE
) -> Mapped | Unmapped:
    """Look the raw label up in the table; width, case and surrounding whitespace do not matter."""
    raw = "" if label is None else plain(label)
    answers = table._answers
    answer = answers.get(raw)
    if answer is None:
        answer = _map_payment(raw, table)
        if len(answers) < _MAX_ANSWERS:  # labels are few; a flood of distinct ones is not kept
            answers[raw] = answer
    return answer


#: Distinct raw labels whose answers a table keeps.
_MAX_ANSWERS: Final = 256


def _map_payment(raw: str, table: PaymentTable) -> Mapped | Unmapped:
    if not raw.strip():
        return Unmapped(
            label=raw,
            reason="the order carries no payment method name, so there is nothing to look up",
        )
    found = table.find(raw)
    if found is None:
        return Unmapped(
            label=raw,
            reason=f"no row of the payment table matches {raw!r} (looked up as {fold(raw)!r}); "
            f"add one with PaymentTable.extend(...)",
        )
    row, method = found
    return Mapped(label=raw, method=method, row=row)


class UnmappedAction(enum.Enum):
    """What to do with a payment label the table does not know."""

    HOLD_FOR_REVIEW = "hold_for_review"
    FALLBACK = "fallback"
    RAISE = "raise"


@attrs.frozen(kw_only=True)
class UnmappedPaymentPolicy:
    """What to do with unknown payment labels: hold for review (default), fall back, or raise."""

    action: UnmappedAction = attrs.field(
        default=UnmappedAction.HOLD_FOR_REVIEW,
        validator=require_instance(
            UnmappedAction, example="UnmappedPaymentPolicy.hold_for_review()"
        ),
    )
    fallback: PaymentMethod | None = None

    def __attrs_post_init__(self) -> None:
        if self.action is UnmappedAction.FALLBACK and not isinstance(self.fallback, PaymentMethod):
            raise DomainConfigError(
                "UnmappedPaymentPolicy.fallback must be a PaymentMethod when action is FALLBACK; "
                "use UnmappedPaymentPolicy.use_fallback(PaymentMethod(kind=..., code=...))"
            )
        if self.action is not UnmappedAction.FALLBACK and self.fallback is not None:
            raise DomainConfigError(
                f"UnmappedPaymentPolicy.fallback is only used when action is FALLBACK, but "
                f"action is {self.action.name}; drop fallback= or set "
                f"action=UnmappedAction.FALLBACK"
            )

    @classmethod
    def hold_for_review(cls) -> UnmappedPaymentPolicy:
        """Hold orders with an unknown payment label until a person reviews them."""
        return cls(action=UnmappedAction.HOLD_FOR_REVIEW)

    @classmethod
    def use_fallback(cls, method: PaymentMethod) -> UnmappedPaymentPolicy:
        """Give orders with an unknown payment label this method (e.g. the OMS's その他)."""
        return cls(action=UnmappedAction.FALLBACK, fallback=method)

    @classmethod
    def raise_error(cls) -> UnmappedPaymentPolicy:
        """Raise :class:`UnmappedPaymentError` on an unknown label (hosts that stop the import)."""
        return cls(action=UnmappedAction.RAISE)


def resolve_payment(
    label: str | None,
    *,
    table: PaymentTable = DEFAULT_PAYMENT_TABLE,
    policy: UnmappedPaymentPolicy | None = None,
) -> PaymentResolution:
    """Map the label; when the table does not know it, apply the policy (default: review)."""
    result = map_payment(label, table)
    if isinstance(result, Mapped):
        return result
    chosen = policy if policy is not None else UnmappedPaymentPolicy()
    if chosen.action is UnmappedAction.RAISE:
        raise UnmappedPaymentError(result.label, known_labels=table.labels)
    if chosen.action is UnmappedAction.FALLBACK:
        assert chosen.fallback is not None  # guaranteed by UnmappedPaymentPolicy's validation
        return FallbackApplied(
            label=result.label,
            method=chosen.fallback,
            reason=f"{result.reason}; the policy's fallback {chosen.fallback.code!r} was used",
        )
    return ReviewRequired(
        label=result.label,
        reason=f"{result.reason}; the policy holds the order for review (要確認) until then",
    )
