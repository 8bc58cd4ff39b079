"""The oracle itself: TikTok's reference snapshot reads as a tree of endpoints and fields."""

from __future__ import annotations

from spec_oracle import catalog, enum_values, example_url_parts, find, token_endpoints


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


def test_example_urls_give_path_parameters_and_own_query_with_plus_and_slash_kept() -> None:
    path, query = example_url_parts(
        "https://x/order/202309/packages/5433/ship?app_key=a&sign=s&page_token=ab+c/d%3D&ids=1,2",
        "/order/202309/packages/{package_id}/ship",
    )
    assert path == {"package_id": "5433"}
    assert query == {"page_token": "ab+c/d=", "ids": "1,2"}


def test_the_token_endpoints_are_read_from_the_authorization_guides() -> None:
    get, refresh = token_endpoints()
    assert (get.method, get.path, refresh.path) == (
        "GET",
        "/api/v2/token/get",
        "/api/v2/token/refresh",
    )
    assert get.query_example["grant_type"] == "authorized_code"
    assert refresh.query_example["grant_type"] == "refresh_token"
    assert "granted_scopes" in {f.name for f in get.data.children}
    assert get.response_example["data"]["open_id"] == refresh.response_example["data"]["open_id"]
