# ---
# A notebook-friendly walkthrough: open it in Jupyter/VS Code (each "# %%" is a cell) or run it
# as a script: ``python examples/notebook_walkthrough.py``. No credentials, no pandas.
# ---
"""Walkthrough: fetch a week of TikTok Shop orders, then apply the Japanese OMS rules to them.

The rules in ``tiktokshop_sync.domain`` are plain functions over plain values, so a notebook can
call them directly on orders it already fetched:

* payment mapping (支払方法の変換): TikTok's label → the OMS payment method;
* hold for payment (入金待ち): hold, release (入金済み) or cancelled, with the reason;
* mask-aware address checks (受注確認): withheld addresses are *skipped*, never failed.
"""

# %% [markdown]
# ## 1. A client against FakeShop
# FakeShop is an in-process TikTok Shop with realistic Japanese orders. With a real shop, use
# ``TikTokShop.from_env(token_store=SQLiteTokenStore("tiktok.db"))`` and your stored tokens.

# %%
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.domain import (
    Address,
    AddressCheckReport,
    Cancelled,
    Hold,
    HoldDecision,
    HoldPolicy,
    Mapped,
    PaymentResolution,
    PostalLookup,
    decide_hold,
    resolve_payment,
    run_address_checks,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.order import Order, RecipientAddress

try:  # the ``jp`` extra (pip install "tiktokshop-sync[jp]") adds Japan Post postal data
    from tiktokshop_sync.postal import PosutoLookup

    lookup: PostalLookup | None = PosutoLookup()
except ImportError:
    lookup = None  # without it, the postal-code checks are skipped, never failed

fake = FakeShop(seed=11)
fake.create_orders(18)
fake.create_orders(2, payment_method_name="d払い")  # a label the default table does not know
client = fake.client(token_store=InMemoryTokenStore())
tokens = client.oauth.exchange_code(fake.authorize())
seller = client.seller(tokens.open_id)
shop = seller.shop(seller.shops.authorized()[0].cipher)

# %% [markdown]
# ## 2. Orders into a list
# ``search()`` pages lazily; ``list()`` fetches every page.

# %%
now = client.clock.now()
orders: list[Order] = list(shop.orders.search(create_time_ge=now - timedelta(days=7)))
print(f"{len(orders)} orders fetched")

# %% [markdown]
# ## 3. The domain rules, order by order
# Each rule returns a value that says *why* (``Mapped``/``Unmapped``, ``Hold``/``Release``/
# ``Cancelled``, ``Passed``/``Failed``/``Skipped``), so grouping and explaining is easy.


# %%
def to_address(wire: RecipientAddress | None) -> Address:
    """TikTok's recipient block as the address checks take it (masked values kept as sent)."""
    if wire is None:
        return Address()
    levels = {d.address_level: d.address_name for d in wire.district_info}
    lines = [wire.address_line1, wire.address_line2, wire.address_line3, wire.address_line4]
    return Address(
        postal_code=wire.postal_code,
        prefecture=levels.get("L1", ""),  # 都道府県
        city=levels.get("L2", ""),  # 市区町村
        lines=[line for line in lines if line] or [wire.address_detail],
        region_code=wire.region_code,
    )


def payment_column(payment: PaymentResolution) -> str:
    """The OMS payment method (支払方法), or why a person must look at it."""
    return payment.method.code if isinstance(payment, Mapped) else "要確認 (review)"


def hold_column(decision: HoldDecision) -> str:
    """Hold (入金待ち) with its reason, release (入金済み), or cancelled (キャンセル)."""
    if isinstance(decision, Hold):
        return f"入金待ち: {decision.reason.value}"
    if isinstance(decision, Cancelled):
        return "キャンセル: do not ship"
    return "入金済み: ship"


def address_column(report: AddressCheckReport) -> str:
    """Failed checks first; withheld (masked) addresses are skipped, not failed."""
    if report.failed:
        return "NG: " + ", ".join(f.check for f in report.failed)
    if not report.passed:
        return "住所非表示: withheld, skipped"
    return f"OK: {len(report.passed)} passed, {len(report.skipped)} skipped"


def decide(order: Order, at: datetime, policy: HoldPolicy) -> tuple[str, str, str]:
    """The three rule outcomes of one order, as table cells."""
    payment = resolve_payment(order.payment_method_name)
    hold = decide_hold(
        status=str(order.status),
        paid_time=order.paid_time,
        now=at,
        policy=policy,
        payment=payment,
    )
    report = run_address_checks(recipient=to_address(order.recipient_address), lookup=lookup)
    return payment_column(payment), hold_column(hold), address_column(report)


policy = HoldPolicy(extra_hours=3)  # many sellers wait 3 hours more after TikTok's 1-hour window
rows = [(order.id, str(order.status), *decide(order, now, policy)) for order in orders]

# %% [markdown]
# ## 4. A small table, then grouped counts


# %%
def width(text: str) -> int:
    """Display width: full-width Japanese characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> None:
    """Print rows as an aligned text table (what a DataFrame would show, without pandas)."""
    widths = [max(width(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *body]:
        print(
            "  ".join(
                cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)
            ).rstrip()
        )


print_table(["order", "status", "支払方法", "入金", "住所チェック"], rows[:8])
print()
for title, column in (("payment (支払方法)", 2), ("hold (入金待ち)", 3), ("address", 4)):
    counts = Counter(row[column] for row in rows)
    print_table([title, "orders"], [[k, str(v)] for k, v in counts.most_common()])
    print()

# %%
shippable = sum(1 for row in rows if row[3].startswith("入金済み") and not row[4].startswith("NG"))
print(f"Ready to ship now: {shippable} of {len(rows)} orders")
client.close()
