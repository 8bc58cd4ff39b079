"""The values the SDK accepts for each enum filter are exactly those TikTok's reference lists."""

from __future__ import annotations

import re

import pytest

from spec_oracle import enum_values, find
from tiktokshop_sync.resources import _filters

#: (method, path, where, parameter) -> the SDK's allowed values.
FILTERS = [
    ("POST", "/order/202309/orders/search", "body", "order_status", _filters.ORDER_STATUS),
    ("POST", "/order/202309/orders/search", "body", "shipping_type", _filters.ORDER_SHIPPING_TYPE),
    ("POST", "/order/202309/orders/search", "query", "sort_field", _filters.ORDER_SORT_FIELD),
    ("POST", "/order/202309/orders/search", "query", "sort_order", _filters.SORT_ORDER),
    (
        "POST",
        "/fulfillment/202309/packages/search",
        "body",
        "package_status",
        _filters.PACKAGE_STATUS,
    ),
    (
        "POST",
        "/fulfillment/202309/packages/search",
        "query",
        "sort_field",
        _filters.PACKAGE_SORT_FIELD,
    ),
    ("POST", "/fulfillment/202309/packages/search", "query", "sort_order", _filters.SORT_ORDER),
    (
        "GET",
        "/fulfillment/202309/packages/{id}/shipping_documents",
        "query",
        "document_type",
        _filters.DOCUMENT_TYPE,
    ),
    (
        "GET",
        "/fulfillment/202309/packages/{id}/shipping_documents",
        "query",
        "document_size",
        _filters.DOCUMENT_SIZE,
    ),
    (
        "GET",
        "/fulfillment/202309/packages/{id}/shipping_documents",
        "query",
        "document_format",
        _filters.DOCUMENT_FORMAT,
    ),
    ("POST", "/product/202502/products/search", "body", "status", _filters.PRODUCT_STATUS),
    ("POST", "/product/202309/images/upload", "body", "use_case", _filters.IMAGE_USE_CASE),
    (
        "POST",
        "/return_refund/202309/cancellations/search",
        "body",
        "cancel_types",
        _filters.CANCEL_TYPES,
    ),
    (
        "POST",
        "/return_refund/202309/cancellations/search",
        "body",
        "cancel_status",
        _filters.CANCEL_STATUS,
    ),
    (
        "POST",
        "/return_refund/202309/cancellations/search",
        "query",
        "sort_field",
        _filters.RETURN_SORT_FIELD,
    ),
    ("POST", "/return_refund/202309/returns/search", "body", "return_types", _filters.RETURN_TYPES),
    (
        "POST",
        "/return_refund/202309/returns/search",
        "body",
        "return_status",
        _filters.RETURN_STATUS,
    ),
    (
        "POST",
        "/return_refund/202309/returns/search",
        "query",
        "sort_field",
        _filters.RETURN_SORT_FIELD,
    ),
    ("POST", "/return_refund/202309/returns/search", "query", "sort_order", _filters.SORT_ORDER),
    (
        "POST",
        "/return_refund/202309/returns/search",
        "body",
        "arbitration_status",
        _filters.ARBITRATION_STATUS,
    ),
    (
        "POST",
        "/return_refund/202309/returns/search",
        "body",
        "seller_proposed_return_type",
        _filters.SELLER_PROPOSED_RETURN_TYPE,
    ),
    (
        "GET",
        "/finance/202309/statements",
        "query",
        "payment_status",
        _filters.FINANCE_PAYMENT_STATUS,
    ),
    ("GET", "/finance/202309/statements", "query", "sort_order", _filters.SORT_ORDER),
    ("GET", "/finance/202309/payments", "query", "sort_order", _filters.SORT_ORDER),
    ("GET", "/finance/202309/withdrawals", "query", "types", _filters.FINANCE_WITHDRAWAL_TYPES),
    *(
        ("POST", "/return_refund/202309/refunds/calculate", "body", name, allowed)
        for name, allowed in (
            ("request_type", _filters.REFUND_REQUEST_TYPE),
            ("shipment_type", _filters.REFUND_SHIPMENT_TYPE),
            ("handover_method", _filters.REFUND_HANDOVER_METHOD),
        )
    ),
    (
        "GET",
        "/return_refund/202309/orders/{id}/aftersale_eligibility",
        "query",
        "initiate_aftersale_user",
        _filters.AFTERSALE_USER,
    ),
    *(
        ("POST", "/product/202502/products/search", "body", name, allowed)
        for name, allowed in (
            ("audit_status", _filters.PRODUCT_AUDIT_STATUS),
            ("listing_quality_tiers", _filters.PRODUCT_LISTING_QUALITY_TIERS),
            ("listing_platforms", _filters.PRODUCT_LISTING_PLATFORMS),
            ("sns_filter", _filters.PRODUCT_SNS_FILTER),
        )
    ),
]


FILTERS += [
    (
        "POST",
        "/return_refund/202309/returns/{id}/approve",
        "body",
        "decision",
        _filters.RETURN_APPROVE_DECISION,
    ),
    (
        "POST",
        "/return_refund/202309/returns/{id}/reject",
        "body",
        "decision",
        _filters.RETURN_REJECT_DECISION,
    ),
    ("PUT", "/event/202309/webhooks", "body", "event_type", _filters.WEBHOOK_EVENT_TYPE),
    ("DELETE", "/event/202309/webhooks", "body", "event_type", _filters.WEBHOOK_EVENT_TYPE),
]


def _param(method: str, path: str, where: str, name: str) -> str:
    endpoint = find(method, path, any_version=True)
    params = endpoint.body if where == "body" else endpoint.query
    for param in params:
        if param.name == name:
            return param.desc
    raise KeyError(f"{method} {path} documents no {where} parameter {name}")


@pytest.mark.parametrize(
    ("method", "path", "where", "name", "allowed"),
    FILTERS,
    ids=[f"{path.split('/')[3]}:{name}" for _, path, _, name, _ in FILTERS],
)
def test_the_sdk_accepts_exactly_the_values_tiktok_documents(
    method: str, path: str, where: str, name: str, allowed: tuple[str, ...]
) -> None:
    documented = enum_values(_param(method, path, where, name), any_case=True)
    assert documented, "the description lists no values: read it and update this test"
    assert allowed == documented


def test_the_category_version_values_are_read_from_its_prose() -> None:
    # "- US: `v2`, represents the 7-level category tree. - Other regions: `v1`, ..."
    desc = _param("POST", "/product/202502/products/search", "body", "category_version")
    assert set(re.findall(r"`(v\d)`", desc)) == set(_filters.PRODUCT_CATEGORY_VERSION)


#: Required sort fields whose description names the one value in prose ("Only supports `x`.").
SORT_FIELDS = [
    ("/finance/202309/statements", _filters.FINANCE_STATEMENTS_SORT_FIELD),
    (
        "/finance/202501/statements/{statement_id}/statement_transactions",
        _filters.FINANCE_TRANSACTIONS_SORT_FIELD,
    ),
    ("/finance/202507/orders/unsettled", _filters.FINANCE_TRANSACTIONS_SORT_FIELD),
    ("/finance/202309/payments", _filters.FINANCE_PAYMENTS_SORT_FIELD),
]


@pytest.mark.parametrize(("path", "allowed"), SORT_FIELDS, ids=[p for p, _ in SORT_FIELDS])
def test_a_required_sort_field_is_the_one_its_description_supports(
    path: str, allowed: tuple[str, ...]
) -> None:
    desc = _param("GET", path, "query", "sort_field")
    assert tuple(re.findall(r"Only supports `([a-z_]+)`", desc)) == allowed


def test_every_filter_tuple_is_checked_against_the_reference() -> None:
    checked = {id(allowed) for *_, allowed in FILTERS} | {id(_filters.PRODUCT_CATEGORY_VERSION)}
    checked |= {id(allowed) for _, allowed in SORT_FIELDS}
    constants = {id(getattr(_filters, name)) for name in _filters.__all__}
    assert constants == checked
