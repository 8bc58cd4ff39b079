"""``import``, ``shipments``, ``inventory`` and ``publish`` plan/run with file-backed ports."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.workflows import SQLiteStateStore

from .conftest import Invoke
from .helpers import json_lines, personal_strings


def _store(tmp_path: Path) -> SQLiteStateStore:
    return SQLiteStateStore(tmp_path / "state" / "tiktokshop-sync" / "state.db")


# --- import -----------------------------------------------------------------------------------


def test_import_plan_lists_the_orders_and_writes_nothing(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    fake.create_orders(5, status="AWAITING_SHIPMENT")
    result = cli("import", "plan", "--json")
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    orders = [r for r in records if r["type"] == "order"]
    [summary] = [r for r in records if r["type"] == "plan"]
    assert len(orders) == summary["deliveries"] >= 5
    assert _store(tmp_path).get_cursor(fake.shops[0].cipher, "orders") is None


def test_import_plan_as_a_table_explains_the_held_orders(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(2, status="UNPAID")
    result = cli("import", "plan")
    assert result.exit_code == 0, result.output
    assert "held for payment (入金待ち)" in result.stdout
    assert "awaiting_payment" in result.stdout


def test_import_run_appends_the_orders_to_a_private_json_lines_file(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT")
    out = tmp_path / "oms" / "orders.jsonl"
    result = cli("import", "run", "--out", str(out), "--status", "AWAITING_SHIPMENT")
    assert result.exit_code == 0, result.output
    [line] = [r for r in json_lines(out.read_text(encoding="utf-8")) if r["order_id"] == order.id]
    assert line["event"] == "order" and line["held"] is False
    assert line["recipient"]["name"] == order.recipient.name  # data export for the OMS
    assert line["key"].startswith(f"{fake.shops[0].cipher}:{order.id}:")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert order.recipient.name not in result.output


def test_a_second_import_run_delivers_nothing_again(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    out = tmp_path / "orders.jsonl"
    assert cli("import", "run", "--out", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").count("\n")
    again = cli("import", "run", "--out", str(out), "--json")
    [result] = [r for r in json_lines(again.stdout) if r["type"] == "result"]
    assert result["delivered"] == 0
    assert out.read_text(encoding="utf-8").count("\n") == lines


def test_import_run_goes_batch_by_batch_until_caught_up(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    fake.create_orders(25, status="AWAITING_SHIPMENT")
    out = tmp_path / "orders.jsonl"
    config = tmp_path / "c.toml"
    config.write_text("[import]\npage_size = 5\n", encoding="utf-8")
    result = cli(
        "--config", str(config), "import", "run", "--out", str(out), "--batch-limit", "10", "--json"
    )
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert summary["batches"] >= 3 and summary["complete"] is True
    ids = {r["order_id"] for r in json_lines(out.read_text(encoding="utf-8"))}
    assert len(ids) == summary["delivered"] >= 25


def test_import_run_reports_each_page_and_item_as_json_events(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    fake.create_orders(2, status="AWAITING_SHIPMENT")
    result = cli("import", "run", "--out", str(tmp_path / "o.jsonl"), "--json")
    kinds = [r["kind"] for r in json_lines(result.stdout) if r["type"] == "event"]
    assert "page" in kinds and "imported" in kinds


def test_import_run_draws_progress_bars_per_batch_and_page(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    result = cli("--progress", "always", "import", "run", "--out", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 0, result.output
    assert "batch 1: fetching" in result.stderr
    assert "page 1: fetched" in result.stderr
    assert "ETA" in result.stderr


def test_import_run_without_an_output_file_exits_3_naming_the_option(
    cli: Invoke, authorized: str
) -> None:
    result = cli("import", "run")
    assert result.exit_code == 3
    assert "--out" in result.stderr and "[import]" in result.stderr


def test_an_import_policy_typo_in_the_config_file_exits_3_naming_the_file(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[import]\nstatuses = ["SHIPPED"]\n', encoding="utf-8")
    result = cli("--config", str(config), "import", "plan")
    assert result.exit_code == 3
    assert "SHIPPED" in result.stderr and str(config) in result.stderr


# --- shipments --------------------------------------------------------------------------------


def _shipments_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("order_id,tracking_number,ship_date,carrier\n" + "\n".join(rows) + "\n")
    return path


def test_shipments_plan_reads_the_csv_and_writes_nothing(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    csv = _shipments_csv(tmp_path / "s.csv", [f"{order.id},4912-3456-7890,2025-06-02,yamato"])
    result = cli("shipments", "plan", "--file", str(csv), "--json")
    assert result.exit_code == 0, result.output
    [action] = [r for r in json_lines(result.stdout) if r["type"] == "action"]
    assert (action["order_id"], action["tracking_number"]) == (order.id, "4912-3456-7890")
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_shipments_run_marks_the_order_shipped_on_tiktok(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    csv = _shipments_csv(tmp_path / "s.csv", [f"{order.id},4912-3456-7890,2025/06/02,"])
    result = cli("shipments", "run", "--file", str(csv), "--carrier", "ヤマト運輸B2v6")
    assert result.exit_code == 0, result.output
    assert fake.order(order.id).tracking_number == "4912-3456-7890"
    assert fake.order(order.id).status == "AWAITING_COLLECTION"
    again = cli("shipments", "run", "--file", str(csv), "--carrier", "ヤマト運輸B2v6", "--json")
    [summary] = [r for r in json_lines(again.stdout) if r["type"] == "result"]
    assert summary["written"] == 0


def test_a_shipment_whose_reply_is_lost_exits_10(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    csv = _shipments_csv(tmp_path / "s.csv", [f"{order.id},4912-3456-7890,2025-06-02,yamato"])
    fake.fail_next("timeout", path="/fulfillment/*")
    result = cli("shipments", "run", "--file", str(csv), "--json")
    assert result.exit_code == 10
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert summary["unknown"] == 1 and summary["unknown_outcomes"][0]["order_id"] == order.id


def test_a_bad_shipment_row_exits_8_naming_the_file_and_line(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    csv = _shipments_csv(tmp_path / "s.csv", ["576000000000000001,4912,2025-13-45,"])
    result = cli("shipments", "plan", "--file", str(csv))
    assert result.exit_code == 8
    assert "s.csv line 2" in result.stderr and "ship_date" in result.stderr


def test_shipments_run_exits_10_and_writes_nothing_when_rows_for_an_order_disagree(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    rows = [
        f"{order.id},4912-3456-7890,2025-06-02,yamato",
        f"{order.id},4912-0000-1111,2025-06-02,yamato",
    ]
    csv = _shipments_csv(tmp_path / "s.csv", rows)
    result = cli("shipments", "run", "--file", str(csv), "--json")
    assert result.exit_code == 10
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert (summary["written"], summary["confirmed"], summary["refused"]) == (0, 0, 1)
    assert summary["refusals"][0]["order_id"] == order.id
    assert fake.order(order.id).tracking_number == ""


def test_shipments_plan_lists_an_order_whose_rows_disagree_as_refused(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    rows = [
        f"{order.id},4912-3456-7890,2025-06-02,yamato",
        f"{order.id},4912-0000-1111,2025-06-02,yamato",
    ]
    csv = _shipments_csv(tmp_path / "s.csv", rows)
    result = cli("shipments", "plan", "--file", str(csv), "--json")
    records = json_lines(result.stdout)
    [refused] = [r for r in records if r["type"] == "refused"]
    assert refused["order_id"] == order.id and "4912-0000-1111" in refused["reason"]
    assert not [r for r in records if r["type"] == "action"]


def test_a_csv_row_with_more_cells_than_the_header_exits_8_naming_the_file_and_line(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    csv = _shipments_csv(tmp_path / "s.csv", ["576000000000000001,4912-3456-7890,2025-06-02,,"])
    result = cli("shipments", "plan", "--file", str(csv))
    assert result.exit_code == 8
    assert "s.csv line 2: 5 cells but the header has 4 columns" in result.stderr


def test_a_shift_jis_file_is_read_with_encoding_cp932(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    path = tmp_path / "s.csv"
    text = f"order_id,tracking_number,ship_date,carrier\n{order.id},4912,2025-06-02,ヤマト運輸\n"
    path.write_bytes(text.encode("cp932"))
    assert cli("shipments", "plan", "--file", str(path)).exit_code == 8
    result = cli("shipments", "plan", "--file", str(path), "--encoding", "cp932", "--json")
    assert result.exit_code == 0, result.output


# --- inventory --------------------------------------------------------------------------------


def _stock(fake: FakeShop, tmp_path: Path, *rows: str) -> tuple[str, ...]:
    """A stock.csv of ``rows`` (seller_sku,location,available) and the arguments reading it,
    its location ``main`` mapped to the shop's first warehouse."""
    stock = tmp_path / "stock.csv"
    stock.write_text("seller_sku,location,available\n" + "".join(f"{r}\n" for r in rows), "utf-8")
    return ("--file", str(stock), "--location", f"main={fake.warehouses()[0].id}")


def test_inventory_run_pushes_the_buffered_quantity(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    warehouse = fake.warehouses()[0].id
    stock = tmp_path / "stock.csv"
    stock.write_text("seller_sku,location,available\nTS-TEE-BLK-M,main,50\n", encoding="utf-8")
    args = ("--file", str(stock), "--location", f"main={warehouse}", "--buffer-percent", "80")
    plan = cli("inventory", "plan", *args, "--json")
    assert plan.exit_code == 0, plan.output
    [push] = [r for r in json_lines(plan.stdout) if r["type"] == "push"]
    assert push["quantities"] == {warehouse: 40}
    result = cli("inventory", "run", *args)
    assert result.exit_code == 0, result.output
    sku = next(
        s for s in fake.product_by_sku("TS-TEE-BLK-M").skus if s.seller_sku == "TS-TEE-BLK-M"
    )
    assert sku.inventory[warehouse] == 40


def test_an_inventory_push_whose_reply_is_lost_exits_10(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    args = _stock(fake, tmp_path, "TS-TEE-BLK-M,main,5")
    fake.fail_next("timeout", times=10, path="/product/*/inventory/update")  # past retries
    result = cli("inventory", "run", *args, "--json")
    assert result.exit_code == 10, result.output
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert summary["unknown"] == 1 and summary["failed"] == 0


def test_an_oms_sku_tiktok_does_not_list_is_counted_but_needs_no_attention(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    args = _stock(fake, tmp_path, "OMS-ONLY-1,main,5")
    result = cli("inventory", "run", *args, "--json")
    assert result.exit_code == 0, result.output
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert summary["not_on_tiktok"] == 1 and summary["unknown"] == 0


def test_inventory_takes_its_locations_from_the_config_file(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    warehouse = fake.warehouses()[0].id
    stock = tmp_path / "stock.jsonl"
    stock.write_text(
        json.dumps({"seller_sku": "TS-TEE-BLK-M", "location": "本店", "available": 7}) + "\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.toml"
    config.write_text(
        f'[inventory]\nfile = "{stock}"\nlocations = {{ "本店" = "{warehouse}" }}\n',
        encoding="utf-8",
    )
    result = cli("--config", str(config), "inventory", "plan", "--json")
    assert result.exit_code == 0, result.output
    [push] = [r for r in json_lines(result.stdout) if r["type"] == "push"]
    assert push["quantities"] == {warehouse: 7}


def test_inventory_without_locations_exits_3_saying_how_to_map_them(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    stock = tmp_path / "stock.csv"
    stock.write_text("seller_sku,location,available\nX,main,1\n", encoding="utf-8")
    result = cli("inventory", "plan", "--file", str(stock))
    assert result.exit_code == 3
    assert "--location" in result.stderr and "warehouses" in result.stderr


def test_inventory_with_a_row_given_twice_exits_8_naming_the_sku_and_location(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    warehouse = fake.warehouses()[0].id
    stock = tmp_path / "stock.csv"
    row = "TS-TEE-BLK-M,main,50\n"
    stock.write_text("seller_sku,location,available\n" + row * 2, encoding="utf-8")
    for command in ("plan", "run"):
        result = cli("inventory", command, "--file", str(stock), "--location", f"main={warehouse}")
        assert result.exit_code == 8, result.output
        assert (
            "DuplicateStockLevelError: " in result.stderr and "this is a bug" not in result.stderr
        )
        assert "'TS-TEE-BLK-M' at 'main' (50, 50)" in result.stderr


def test_inventory_run_with_a_seller_sku_on_two_listings_exits_10_naming_both(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    original = fake.product_by_sku("TS-TEE-BLK-M")
    [copy] = fake.create_products(1)
    copy.skus[0].seller_sku = "TS-TEE-BLK-M"
    args = _stock(fake, tmp_path, "TS-TEE-BLK-M,main,3")
    plan = cli("inventory", "plan", *args, "--json")
    [shared] = [r for r in json_lines(plan.stdout) if r["type"] == "shared_seller_sku"]
    assert {entry["product_id"] for entry in shared["listings"]} == {original.id, copy.id}
    result = cli("inventory", "run", *args)
    assert result.exit_code == 10, result.output
    assert f"product {copy.id}" in result.stdout and "its own seller SKU" in result.stdout


# --- publish ----------------------------------------------------------------------------------


def _catalog(path: Path) -> Path:
    product = {
        "catalog_id": "CAT-1",
        "title": "有機ほうじ茶 ティーバッグ",
        "description": "<p>静岡県産</p>",
        "category_id": "600014",
        "image_uris": ["tos-maliva-i-o3syd03w52-us/hojicha"],
        "package_weight_grams": 120,
        "tags": ["TikTok Shop接続"],
        "skus": [{"seller_sku": "TEA-HOJI-20", "price": "1280", "quantity": 30}],
    }
    draft = {**product, "catalog_id": "CAT-2", "tags": []}
    path.write_text(
        json.dumps(product, ensure_ascii=False) + "\n" + json.dumps(draft, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def test_publish_plan_creates_only_tagged_products(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    result = cli("publish", "plan", "--file", str(_catalog(tmp_path / "c.jsonl")), "--json")
    assert result.exit_code == 0, result.output
    actions = [r for r in json_lines(result.stdout) if r["type"] == "action"]
    assert [(a["kind"], a["catalog_id"]) for a in actions] == [("create", "CAT-1")]


def test_publish_run_creates_the_listing_on_tiktok(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    result = cli("publish", "run", "--file", str(_catalog(tmp_path / "c.jsonl")), "--json")
    assert result.exit_code == 0, result.output
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert summary["created"] == 1
    assert fake.product_by_sku("TEA-HOJI-20").title == "有機ほうじ茶 ティーバッグ"


def test_a_catalog_csv_groups_sku_rows_by_catalog_id(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "catalog_id,title,description,category_id,image_uris,seller_sku,price,quantity,"
        "attributes,tags,package_weight_grams\n"
        "CAT-9,ほうじ茶,<p>x</p>,600014,tos/a,TEA-S,980,5,容量=S,TikTok Shop接続,120\n"
        "CAT-9,,,,,TEA-L,1580,5,容量=L,,\n",
        encoding="utf-8",
    )
    result = cli("publish", "plan", "--file", str(path), "--json")
    assert result.exit_code == 0, result.output
    [action] = [r for r in json_lines(result.stdout) if r["type"] == "action"]
    assert (action["catalog_id"], action["skus"]) == ("CAT-9", 2)


# --- personal data across a session -----------------------------------------------------------


def test_no_command_prints_personal_data_or_secrets_unless_asked(
    cli: Invoke, fake: FakeShop, tmp_path: Path
) -> None:
    orders = fake.create_orders(6, buyer_message="不在時は宅配ボックスへ 090-1111-2222")
    outputs = [cli("auth", "exchange", fake.authorize()).output]
    ids = [o.id for o in orders]
    for args in (
        ("auth", "status"),
        ("shops",),
        ("orders", "search"),
        ("orders", "search", "--json"),
        ("orders", "get", *ids),
        ("orders", "get", *ids, "--json"),
        ("import", "plan"),
        ("import", "plan", "--json"),
        ("import", "run", "--out", str(tmp_path / "o.jsonl"), "--json"),
        ("deadlines",),
        ("deadlines", "--json"),
    ):
        outputs.append(cli(*args).output)
    text = "\n".join(outputs)
    for value in [*personal_strings(fake), "090-1111-2222"]:
        assert value not in text, value
    assert fake.app_secret not in text
    assert fake.grant_tokens().access_token[:12] not in text


# --- settlement -------------------------------------------------------------------------------


def _settled(fake: FakeShop) -> None:
    fake.create_orders(4, status="DELIVERED", created_within=timedelta(days=2))
    fake.clock.advance(days=20)  # settled, paid out weekly


def test_settlement_plan_lists_the_statements_and_writes_nothing(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    _settled(fake)
    result = cli("settlement", "plan", "--json")
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    statements = [r for r in records if r["type"] == "statement"]
    [summary] = [r for r in records if r["type"] == "plan"]
    assert len(statements) == summary["statements"] == len(fake.statements_of())
    assert {r["reason"] for r in statements} == {"new"}
    assert _store(tmp_path).get_cursor(fake.shops[0].cipher, "settlements") is None


def test_settlement_run_appends_statements_with_their_lines_and_payouts(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    _settled(fake)
    out = tmp_path / "accounting" / "settlements.jsonl"
    result = cli("settlement", "run", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = json_lines(out.read_text(encoding="utf-8"))
    statements = {r["statement_id"]: r for r in lines if r["event"] == "statement"}
    for record in fake.statements_of():
        written = statements[record.id]
        assert written["settlement"] == str(record.settlement)  # exact yen, as a string
        assert len(written["lines"]) == len(record.transactions)
        assert written["key"] == f"{fake.shops[0].cipher}:{record.id}"
    assert {r["payment_id"] for r in lines if r["event"] == "payout"} == {
        p.id for p in fake.payouts_of()
    }
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = cli("settlement", "run", "--out", str(out), "--json")
    [done] = [r for r in json_lines(again.stdout) if r["type"] == "result"]
    assert (done["statements"], done["payouts"]) == (0, 0)


def test_settlement_run_without_an_output_file_exits_3_naming_the_option(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    result = cli("settlement", "run")
    assert result.exit_code == 3
    assert "--out" in result.output and "[settlement]" in result.output


def test_settlement_run_goes_batch_by_batch_as_the_config_file_says(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    _settled(fake)
    out = tmp_path / "settlements.jsonl"
    config = tmp_path / "c.toml"
    config.write_text(f'[settlement]\nout = "{out}"\nbatch_limit = 1\n', encoding="utf-8")
    result = cli("--config", str(config), "settlement", "run", "--json")
    assert result.exit_code == 0, result.output
    [done] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    statements = len(fake.statements_of())
    assert done["complete"] and done["batches"] == done["statements"] == statements >= 2


def _mappings(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "categories": {"アパレル > Tシャツ": "601226"},
                "attributes": [
                    {
                        "category_id": "601226",
                        "sources": [
                            {"attribute_id": "100157", "field": "素材"},
                            {"attribute_id": "100392", "field": "原産国"},
                        ],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def _tees(path: Path) -> Path:
    path.write_text(
        "catalog_id,title,description,category_id,image_uris,seller_sku,price,quantity,tags,"
        "package_weight_grams,package_dimensions,size_chart_image,fields\n"
        "TS-1,綿のTシャツ,<p>綿100%</p>,アパレル > Tシャツ,tos/tee,TS-1-M,2980,5,"
        "TikTok Shop接続,200,30x20x3,tos/chart,素材=綿;原産国=日本\n"
        "TS-2,Tシャツ,<p>素材未設定</p>,アパレル > Tシャツ,tos/tee,TS-2-M,2980,5,"
        "TikTok Shop接続,200,30x20x3,tos/chart,原産国=日本\n",
        encoding="utf-8",
    )
    return path


def test_publish_check_says_what_is_missing_and_exits_10(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    catalog, mappings = _tees(tmp_path / "c.csv"), _mappings(tmp_path / "m.json")
    result = cli("publish", "check", "--file", str(catalog), "--mappings", str(mappings), "--json")
    assert result.exit_code == 10, result.output
    records = json_lines(result.stdout)
    assert [r["catalog_id"] for r in records if r["type"] == "ready"] == ["TS-1"]
    [blocked] = [r for r in records if r["type"] == "blocked"]
    assert (blocked["catalog_id"], blocked["state"]) == ("TS-2", "needs_data")
    assert [(i["field"], i["tiktok_code"]) for i in blocked["issues"]] == [
        ("product_attributes[100157]", 12052104)
    ]
    assert not [r for r in fake.requests if r.path == "/product/202309/products"]


def test_publish_run_creates_the_ready_product_and_reports_the_one_held_back(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    catalog, mappings = _tees(tmp_path / "c.csv"), _mappings(tmp_path / "m.json")
    result = cli("publish", "run", "--file", str(catalog), "--mappings", str(mappings), "--json")
    assert result.exit_code == 10, result.output
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "result"]
    assert (summary["created"], summary["held_back"]) == (1, 1)
    assert fake.product_by_sku("TS-1-M").attributes[0]["name"] == "素材"


def test_publish_check_holds_back_a_full_width_jan_naming_the_product_and_sku(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    catalog = tmp_path / "c.csv"
    catalog.write_text(
        "catalog_id,title,description,category_id,image_uris,seller_sku,price,quantity,jan,tags,"
        "package_weight_grams,package_dimensions,size_chart_image,fields\n"
        "TS-1,綿のTシャツ,<p>綿100%</p>,アパレル > Tシャツ,tos/tee,TS-1-M,2980,5,"
        "４９０１２３４５６７８９４,TikTok Shop接続,200,30x20x3,tos/chart,素材=綿;原産国=日本\n",
        encoding="utf-8",
    )
    mappings = _mappings(tmp_path / "m.json")
    result = cli("publish", "check", "--file", str(catalog), "--mappings", str(mappings), "--json")
    assert result.exit_code == 10, result.output
    [blocked] = [r for r in json_lines(result.stdout) if r["type"] == "blocked"]
    assert (blocked["catalog_id"], [i["field"] for i in blocked["issues"]]) == (
        "TS-1",
        ["skus[TS-1-M].identifier_code"],
    )


def test_a_mappings_file_that_is_not_json_is_an_input_error(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    bad = tmp_path / "m.json"
    bad.write_text("categories: 601226", encoding="utf-8")
    result = cli(
        "publish", "check", "--file", str(_tees(tmp_path / "c.csv")), "--mappings", str(bad)
    )
    assert result.exit_code == 8
    assert "cannot read the mappings as JSON" in result.stderr


# --- settlement report ------------------------------------------------------------------------


def _books(cli: Invoke, fake: FakeShop, tmp_path: Path) -> tuple[Path, Path, str]:
    """Two weeks of orders imported, one held by TikTok, the first payout short: the files the
    import and settlement runs wrote, and the held order's id."""
    orders = fake.create_orders(4, status="DELIVERED", created_within=timedelta(days=2))
    fake.inject_finance_fault("hold", order_id=orders[0].id, reason="under review")
    fake.inject_finance_fault("short_payout", amount=300)
    booked, settled = tmp_path / "orders.jsonl", tmp_path / "settlements.jsonl"
    assert cli("import", "run", "--out", str(booked)).exit_code == 0
    fake.clock.advance(days=14)  # the first orders settle and are paid out (300 yen short)
    fake.create_orders(4, status="DELIVERED", created_within=timedelta(days=2))
    assert cli("import", "run", "--out", str(booked)).exit_code == 0
    fake.clock.advance(days=20)
    assert cli("settlement", "run", "--out", str(settled)).exit_code == 0
    return booked, settled, orders[0].id


def _deposits(settled: Path, tmp_path: Path, *, skip: int | None) -> tuple[Path, list[str]]:
    """A bank CSV: every paid payout of the file arrived in full, but the ``skip``-th by id."""
    paid = {
        r["payment_id"]: r
        for r in json_lines(settled.read_text(encoding="utf-8"))
        if r["event"] == "payout" and r["paid_at"]
    }
    ids = sorted(paid)
    missing = None if skip is None else ids[skip]
    path = tmp_path / "bank.csv"
    rows = [f"{p},{paid[p]['amount']},JPY,{paid[p]['paid_at'][:10]}" for p in ids if p != missing]
    path.write_text("payment_id,amount,currency,received_on\n" + "\n".join(rows) + "\n")
    return path, ids


def test_settlement_report_finds_the_held_order_the_short_payout_and_the_missing_deposit(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    booked, settled, held = _books(cli, fake, tmp_path)
    bank, payouts = _deposits(settled, tmp_path, skip=-1)
    today = fake.clock.now().date().isoformat()
    result = cli(
        "settlement", "report", "--from", "2025-01-01", "--to", today,
        "--settlements", str(settled), "--orders", str(booked), "--deposits", str(bank),
        "--json", "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 10, result.output
    records = json_lines(result.stdout)
    orders = {r["order_id"]: r for r in records if r["type"] == "order"}
    assert orders.pop(held)["category"] == "overdue_unsettled"
    assert {r["category"] for r in orders.values()} == {"settled_matching"}
    issues = {r["payment_id"]: r["issues"] for r in records if r["type"] == "payout"}
    assert issues.pop(payouts[-1]) == ["deposit_missing"]
    assert list(issues.values()) == [["statements_differ"]]  # the first payout, 300 yen short
    [summary] = [r for r in records if r["type"] == "report"]
    assert summary["ok"] is False and summary["orders"]["overdue_unsettled"] == 1


def test_settlement_report_prints_tiktoks_reason_in_japanese_and_writes_the_csv(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path, no_leaks: list[str]
) -> None:
    booked, settled, held = _books(cli, fake, tmp_path)
    bank, _ = _deposits(settled, tmp_path, skip=None)
    rows = tmp_path / "out" / "report.csv"
    result = cli(
        "settlement", "report", "--from", "2025-01-01",
        "--to", fake.clock.now().date().isoformat(), "--settlements", str(settled),
        "--orders", str(booked), "--deposits", str(bank), "--csv", str(rows),
    )  # fmt: skip
    assert result.exit_code == 10, result.output
    assert result.stdout.startswith("入金消込レポート")
    assert (
        f"注文 {held}: 配達から" in result.stdout and "TikTokの理由: under review" in result.stdout
    )
    text = rows.read_text(encoding="utf-8-sig")
    no_leaks += [result.output, text]  # the orders file holds recipients; the report must not
    header, *lines = text.splitlines()
    assert header.split(",")[:3] == ["category", "order_id", "currency"]
    assert any(line.startswith(f"overdue_unsettled,{held},") for line in lines)


def test_settlement_report_of_a_period_before_the_shops_orders_is_empty_and_exits_0(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    booked, settled, _ = _books(cli, fake, tmp_path)
    result = cli(
        "settlement", "report", "--from", "2025-04-01", "--to", "2025-04-30",
        "--settlements", str(settled), "--orders", str(booked), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # April: before any of the shop's orders
    [summary] = [r for r in json_lines(result.stdout) if r["type"] == "report"]
    assert (summary["statements"], summary["payouts"], sum(summary["orders"].values())) == (0, 0, 0)


def test_settlement_report_takes_its_files_from_the_config_file(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    booked, settled, _ = _books(cli, fake, tmp_path)
    bank, _ = _deposits(settled, tmp_path, skip=None)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[import]\nout = "{booked}"\n[settlement]\nout = "{settled}"\ndeposits = "{bank}"\n'
        "overdue_days = 60\n",
        encoding="utf-8",
    )
    to = fake.clock.now().date().isoformat()
    result = cli(
        "--config", str(config), "settlement", "report", "--from", "2025-01-01", "--to", to
    )
    assert result.exit_code == 10, result.output  # the short payout
    # overdue_days = 60: the held order is awaiting settlement, not overdue
    assert "入金待ち 1件" in result.stdout and "配達済み・入金遅延" not in result.stdout


def test_settlement_report_without_an_orders_file_exits_3_naming_the_option(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    settled = tmp_path / "settlements.jsonl"
    settled.write_text("")
    result = cli(
        "settlement", "report", "--from", "2025-06-01", "--to", "2025-06-30",
        "--settlements", str(settled),
    )  # fmt: skip
    assert result.exit_code == 3
    assert "--orders" in result.output and "[import]" in result.output


def test_settlement_report_names_the_line_of_a_bad_deposit(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    booked, settled, _ = _books(cli, fake, tmp_path)
    bank = tmp_path / "bank.csv"
    bank.write_text("payment_id,amount,received_on\nP1,12.5.0,2025-06-30\n", encoding="utf-8")
    result = cli(
        "settlement", "report", "--from", "2025-01-01", "--to", "2030-01-01",
        "--settlements", str(settled), "--orders", str(booked), "--deposits", str(bank),
    )  # fmt: skip
    assert result.exit_code == 8
    assert f"{bank} line 2: an amount is not a number" in result.output


def test_settlement_report_with_the_days_swapped_exits_2_saying_so(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    result = cli("settlement", "report", "--from", "2025-06-30", "--to", "2025-06-01")
    assert result.exit_code == 2
    assert "--to (2025-06-01) is before --from (2025-06-30)" in result.output


def test_publish_map_keeps_the_category_mapping_and_confirms_tiktoks_suggestion(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    catalog = _tees(tmp_path / "c.csv")
    with catalog.open("a", encoding="utf-8") as rows:
        rows.write(
            "TS-3,キッズ Tシャツ,<p>綿100%</p>,キッズ,tos/tee,TS-3-M,1980,5,"
            "TikTok Shop接続,150,30x20x3,tos/chart,素材=綿;原産国=日本\n"
        )
    mapped = cli("publish", "map", "アパレル > Tシャツ", "601226", "--json")
    assert mapped.exit_code == 0, mapped.output
    assert json_lines(mapped.stdout)[0]["status"] == "confirmed"
    checked = cli("publish", "check", "--file", str(catalog), "--json")
    [unmapped] = [r for r in json_lines(checked.stdout) if r["type"] == "unmapped"]
    assert (unmapped["host_category"], unmapped["suggestion"]["category_id"]) == (
        "キッズ",
        "601226",
    )
    confirmed = cli("publish", "map", "キッズ", "--json")
    assert confirmed.exit_code == 0, confirmed.output
    listed = cli("publish", "map", "--json")
    assert [(r["host_category"], r["status"]) for r in json_lines(listed.stdout)] == [
        ("アパレル > Tシャツ", "confirmed"),
        ("キッズ", "confirmed"),
    ]
    again = cli("publish", "check", "--file", str(catalog), "--json")
    assert not [r for r in json_lines(again.stdout) if r["type"] == "unmapped"]


def test_publish_map_without_a_suggestion_says_how_to_get_one(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    result = cli("publish", "map", "キッズ")
    assert result.exit_code == 3
    assert "run a publish plan or check first" in result.stderr


def test_publish_map_remove_forgets_the_row(cli: Invoke, fake: FakeShop, authorized: str) -> None:
    assert cli("publish", "map", "キッズ", "601226").exit_code == 0
    removed = cli("publish", "map", "キッズ", "--remove", "--json")
    assert removed.exit_code == 0, removed.output
    assert json_lines(removed.stdout) == []
    assert cli("publish", "map", "--remove").exit_code == 3
