"""FakeShop answers each endpoint with the error codes TikTok's reference lists for it.

Every route declares the codes of its reference page it may answer (``errors``) and the listed
code it answers instead of one a shared check raised (``instead``); any other code must be one
of the common errors. The walk below provokes a parameter error on every route: the answer is
the page's own parameter code, or the gateway's 36009004 where the page lists none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from spec_oracle import SPEC_ROOT, Endpoint, find, require_spec
from tiktokshop_sync.testing import FakeGrant, FakeShop, UndocumentedErrorWarning
from tiktokshop_sync.testing._errors import COMMON_CODES, FULFILLMENT_PARAMS, ApiError
from tiktokshop_sync.testing._router import Route
from tiktokshop_sync.testing._routes import all_routes

GUIDES = SPEC_ROOT / "guides/developer-guide/tiktok-shop-api-concepts"
#: A message naming a parameter error ("invalid param", "Invalid input parameters"...).
PARAMETER_MESSAGE = re.compile(r"invalid (input |request )?param|page size is invalid", re.I)


def api_routes() -> list[Route]:
    """Every route of the API host (the auth host's token endpoints are not in the snapshot)."""
    return [route for route in all_routes() if route.host == "api"]


def _endpoint(route: Route) -> Endpoint:
    return find(route.method, route.pattern, any_version=True)


def _documented_messages(code: int) -> set[str]:
    from spec_oracle import catalog

    return {e.errors[code].strip() for e in catalog().values() if code in e.errors}


@pytest.mark.parametrize("route", api_routes(), ids=lambda r: f"{r.method} {r.pattern}")
def test_every_code_a_route_declares_is_on_its_reference_page(route: Route) -> None:
    endpoint = _endpoint(route)
    declared = [*route.errors, *(answered for _, answered in route.instead)]
    for spec in declared:
        if spec.code in COMMON_CODES:
            continue
        assert spec.code in endpoint.errors, f"{spec.code} is not on {endpoint.file.name}"
        assert spec.message.strip() in _documented_messages(spec.code), spec


def test_the_common_codes_are_those_of_the_common_errors_versioning_and_authorization_guides() -> (
    None
):
    require_spec()
    text = (GUIDES / "common-errors.md").read_text(encoding="utf-8")
    guide = {int(code) for code in re.findall(r"^\|\s*(\d+)\s*\|", text, re.M)}
    versioning = (GUIDES / "api-versioning.md").read_text(encoding="utf-8")
    assert '"code":36009014' in versioning
    authorization = SPEC_ROOT / "guides/developer-guide/get-started/authorization"
    deauthorized = (authorization / "creator-authorization-guide.md").read_text(encoding="utf-8")
    assert "{105001 access token is invalid; detail:your token has been deauthorized" in (
        deauthorized
    )
    assert guide | {36009003, 36009014, 105001} == COMMON_CODES


def test_an_undeclared_code_is_answered_with_a_warning_naming_the_route() -> None:
    route = next(r for r in api_routes() if r.pattern == "/fulfillment/202309/packages/search")
    with pytest.warns(UndocumentedErrorWarning, match="packages/search with code 21011040"):
        route.answer(ApiError(21011040, "Package has already been shipped."))


def test_a_shared_parameter_check_answers_the_pages_own_code_or_36009004() -> None:
    search = next(r for r in api_routes() if r.pattern == "/fulfillment/202309/packages/search")
    ship = next(r for r in api_routes() if r.pattern.endswith("/packages/{package_id}/ship"))
    assert search.answer(FULFILLMENT_PARAMS.error()).code == 36009004
    assert ship.answer(FULFILLMENT_PARAMS.error()).code == FULFILLMENT_PARAMS.code


# --- the walk ----------------------------------------------------------------------------------

_MULTIPART = (
    b'--b0\r\nContent-Disposition: form-data; name="use_case"\r\n\r\nMAIN_IMAGE\r\n--b0--\r\n'
)


class World:
    """One FakeShop with an object of every kind a route's path can name."""

    def __init__(self, fake: FakeShop, send: Callable[..., httpx.Response]) -> None:
        self.send = send
        seller = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
        tiktok = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
        delivered = fake.create_orders(1, status="DELIVERED")[0]
        self.order_id = seller.id
        self.package_id = tiktok.package_id
        self.seller_package_id = seller.package_id
        self.product_id = fake.products_of()[0].id
        self.return_id = fake.request_return(delivered.id, return_type="REFUND").return_id
        self.cancel_id = "4035000000000000001"


#: route -> (path parameters, query, body) of a request with one bad parameter.
BadRequest = Callable[[World], tuple[dict[str, str], dict[str, str], Any]]

BAD: dict[tuple[str, str], BadRequest] = {
    ("POST", "/order/202309/orders/search"): lambda w: ({}, {"page_size": "0"}, {}),
    ("GET", "/order/202309/orders"): lambda w: ({}, {}, None),
    ("GET", "/order/202507/orders"): lambda w: ({}, {}, None),
    ("POST", "/fulfillment/202309/packages/{package_id}/ship"): lambda w: (
        {"package_id": w.package_id},
        {},
        {"handover_method": "TELEPORT"},
    ),
    ("POST", "/fulfillment/202309/packages/ship"): lambda w: ({}, {}, {"packages": []}),
    ("POST", "/fulfillment/202309/orders/{order_id}/packages"): lambda w: (
        {"order_id": w.order_id},
        {},
        {},
    ),
    ("POST", "/fulfillment/202309/orders/{order_id}/shipping_info/update"): lambda w: (
        {"order_id": w.order_id},
        {},
        {},
    ),
    ("POST", "/fulfillment/202309/packages/{package_id}/shipping_info/update"): lambda w: (
        {"package_id": w.seller_package_id},
        {},
        {},
    ),
    ("POST", "/fulfillment/202309/packages/search"): lambda w: ({}, {"page_size": "0"}, {}),
    ("GET", "/fulfillment/202309/packages/{package_id}/handover_time_slots"): lambda w: (
        {"package_id": "1150000000000000000"},
        {},
        None,
    ),
    ("GET", "/fulfillment/202309/packages/{package_id}/shipping_documents"): lambda w: (
        {"package_id": w.package_id},
        {"document_type": "POSTCARD"},
        None,
    ),
    ("POST", "/product/202502/products/search"): lambda w: ({}, {"page_size": "0"}, {}),
    ("POST", "/product/202309/products"): lambda w: ({}, {}, {}),
    ("POST", "/product/202509/products/{product_id}/partial_edit"): lambda w: (
        {"product_id": w.product_id},
        {},
        {"title": ""},
    ),
    ("POST", "/product/202309/products/{product_id}/prices/update"): lambda w: (
        {"product_id": w.product_id},
        {},
        {"skus": []},
    ),
    ("POST", "/product/202309/products/activate"): lambda w: ({}, {}, {}),
    ("POST", "/product/202309/products/deactivate"): lambda w: ({}, {}, {}),
    ("DELETE", "/product/202309/products"): lambda w: ({}, {}, {}),
    ("POST", "/product/202309/products/recover"): lambda w: ({}, {}, {}),
    ("POST", "/product/202309/inventory/search"): lambda w: ({}, {}, {}),
    ("POST", "/product/202309/products/{product_id}/inventory/update"): lambda w: (
        {"product_id": w.product_id},
        {},
        {"skus": []},
    ),
    ("POST", "/product/202309/images/upload"): lambda w: ({}, {}, _MULTIPART),
    ("GET", "/product/202309/categories"): lambda w: ({}, {"category_version": "v9"}, None),
    ("GET", "/product/202309/categories/{category_id}/attributes"): lambda w: (
        {"category_id": "601226"},
        {"category_version": "v9"},
        None,
    ),
    ("GET", "/product/202309/categories/{category_id}/rules"): lambda w: (
        {"category_id": "601226"},
        {"category_version": "v9"},
        None,
    ),
    ("GET", "/product/202309/brands"): lambda w: ({}, {"page_size": "0"}, None),
    ("POST", "/product/202309/categories/recommend"): lambda w: ({}, {}, {}),
    ("POST", "/product/202309/products/listing_check"): lambda w: (
        {},
        {"is_diagnosis_required": "maybe"},
        {},
    ),
    ("PUT", "/product/202509/products/{product_id}"): lambda w: (
        {"product_id": w.product_id},
        {},
        {},
    ),
    ("POST", "/return_refund/202309/cancellations/search"): lambda w: (
        {},
        {"page_size": "0"},
        {},
    ),
    ("POST", "/return_refund/202309/returns/search"): lambda w: ({}, {"page_size": "0"}, {}),
    ("POST", "/return_refund/202309/cancellations"): lambda w: ({}, {}, {}),
    ("POST", "/return_refund/202309/cancellations/{cancel_id}/reject"): lambda w: (
        {"cancel_id": w.cancel_id},
        {},
        {},
    ),
    ("POST", "/return_refund/202309/returns/{return_id}/approve"): lambda w: (
        {"return_id": w.return_id},
        {},
        {},
    ),
    ("POST", "/return_refund/202309/returns/{return_id}/reject"): lambda w: (
        {"return_id": w.return_id},
        {},
        {},
    ),
    ("GET", "/finance/202309/statements"): lambda w: ({}, {"sort_field": "create_time"}, None),
    ("GET", "/finance/202501/statements/{statement_id}/statement_transactions"): lambda w: (
        {"statement_id": "7000000000000000000"},
        {"sort_field": "order_create_time"},
        None,
    ),
    ("GET", "/finance/202501/orders/{order_id}/statement_transactions"): lambda w: (
        {"order_id": "576000000000000000"},
        {},
        None,
    ),
    ("GET", "/finance/202507/orders/unsettled"): lambda w: (
        {},
        {"sort_field": "order_create_time", "page_size": "0"},
        None,
    ),
    ("GET", "/finance/202309/payments"): lambda w: ({}, {"sort_field": "statement_time"}, None),
    ("GET", "/finance/202309/withdrawals"): lambda w: ({}, {"types": "DEPOSIT"}, None),
    ("GET", "/order/202407/orders/{order_id}/price_detail"): lambda w: (
        {"order_id": "not-an-order"},
        {},
        None,
    ),
    ("GET", "/return_refund/202309/reject_reasons"): lambda w: ({}, {}, None),
    ("GET", "/return_refund/202309/orders/{order_id}/aftersale_eligibility"): lambda w: (
        {"order_id": w.order_id},
        {"initiate_aftersale_user": "ROBOT"},
        None,
    ),
    ("POST", "/return_refund/202309/refunds/calculate"): lambda w: ({}, {}, {}),
    ("PUT", "/event/202309/webhooks"): lambda w: ({}, {}, {}),
    ("DELETE", "/event/202309/webhooks"): lambda w: ({}, {}, {}),
}

#: Routes with no parameter the fake can find wrong, and why.
NO_PARAMETERS = {
    ("GET", "/authorization/202309/shops"): "no parameters",
    ("GET", "/seller/202309/shops"): "no parameters",
    ("GET", "/logistics/202309/warehouses"): "no parameters",
    ("GET", "/event/202309/webhooks"): "no parameters",
    ("GET", "/logistics/202309/warehouses/{warehouse_id}/delivery_options"): "only the path id",
    (
        "GET",
        "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
    ): "only the path id (its page lists 21008116 for an unknown one)",
    ("GET", "/fulfillment/202309/packages/{package_id}"): "only the path id",
    ("GET", "/fulfillment/202309/orders/{order_id}/tracking"): "only the path id",
    (
        "GET",
        "/return_refund/202309/returns/{return_id}/records",
    ): "only the path id (a locale it does not know reads as English)",
    ("GET", "/product/202309/products/{product_id}"): "only the path id",
    ("GET", "/product/202312/prerequisites"): "no parameters",
    (
        "POST",
        "/return_refund/202309/cancellations/{cancel_id}/approve",
    ): "only the path id and an optional idempotency_key",
}


def test_every_route_is_walked_or_has_no_parameter_to_get_wrong() -> None:
    routes = {(r.method, r.pattern) for r in api_routes()}
    assert routes == set(BAD) | set(NO_PARAMETERS)
    assert not set(BAD) & set(NO_PARAMETERS)


@pytest.mark.parametrize(("method", "pattern"), sorted(BAD), ids=lambda v: str(v))
def test_a_bad_parameter_is_answered_with_a_code_the_endpoints_page_lists(
    fake: FakeShop,
    call: Callable[..., httpx.Response],
    grant: FakeGrant,
    method: str,
    pattern: str,
) -> None:
    route = next(r for r in api_routes() if (r.method, r.pattern) == (method, pattern))
    params, query, body = BAD[(method, pattern)](World(fake, call))
    path = pattern.format(**params)
    options: dict[str, Any] = {"query": query, "shop": route.cipher == "required"}
    if isinstance(body, bytes):
        options.update(raw_body=body, content_type="multipart/form-data; boundary=b0")
    elif body is not None:
        options["body"] = body
    reply = call(method, path, **options).json()
    endpoint = _endpoint(route)
    listed = {c for c, m in endpoint.errors.items() if PARAMETER_MESSAGE.search(m)}
    assert reply["code"] != 0, reply
    if reply["code"] not in endpoint.errors:
        # Only where the page lists no parameter code of its own (common-errors.md's 36009004).
        assert not listed, (reply, sorted(listed))
        assert reply["code"] == 36009004, reply
        assert reply["message"].startswith(("Invalid parameter.", "Invalid identifier.")), reply
