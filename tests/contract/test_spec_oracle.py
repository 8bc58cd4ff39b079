"""The oracle itself: TikTok's reference snapshot reads as a tree of endpoints and fields."""

from __future__ import annotations

from spec_oracle import catalog, enum_values, find


def test_every_snapshot_file_reads_as_an_endpoint_with_a_known_method() -> None:
    endpoints = catalog()
    assert len(endpoints) >= 100
    assert {e.method for e in endpoints.values()} <= {"GET", "POST", "PUT", "DELETE"}


def test_nested_response_fields_are_rebuilt_from_the_caret_prefixes() -> None:
    detail = find("GET", "/order/202309/orders", any_version=True)
    assert detail.version == "202507"
    line_items = detail.data_field("orders.line_items")
    assert line_items.is_list and line_items.is_object
    assert detail.data_field("orders.recipient_address.name").type == "string"


def test_path_parameters_match_whatever_their_names() -> None:
    approve = find("POST", "/return_refund/202309/returns/{id}/approve")
    assert approve.path == "/return_refund/202309/returns/{return_id}/approve"
    assert approve.takes_cipher
    assert "seller.return_refund.basic" in approve.scopes


def test_listed_values_are_read_from_backticked_and_bare_bullets() -> None:
    desc = "Status.\nAvailable values:\n- `UNPAID`: not paid\n- ON_HOLD\n- not a value"
    assert enum_values(desc) == ("UNPAID", "ON_HOLD")


def test_official_examples_are_parsed_as_json() -> None:
    search = find("POST", "/return_refund/202309/returns/search")
    assert search.response_example["code"] == 0
    assert "return_orders" in search.response_example["data"]
    assert 25001001 in search.errors
