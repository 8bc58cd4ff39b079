"""One vocabulary: ``tiktokshop_sync.types`` owns every wire enum, and each other spelling of one is
pinned to its owner here.

Where a layer may not import ``types`` (the pure domain), or keeps its own model of TikTok on
purpose (the FakeShop), or lists what a request parameter accepts (the filters, also checked
against TikTok's reference in test_filter_values.py), its copy stays and is checked against the
owning enum; adding a value to the owner fails these tests until every copy agrees.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from enum import Enum
from typing import Any

import pytest

import tiktokshop_sync.testing
from tiktokshop_sync import domain, webhooks
from tiktokshop_sync.domain import deadlines, listing_facts, listing_product
from tiktokshop_sync.resources import _filters
from tiktokshop_sync.types import event, fulfillment, order, product, returns, statuses
from tiktokshop_sync.types.category import CategoryPermission
from tiktokshop_sync.types.event import WebhookTopic
from tiktokshop_sync.types.fulfillment import PackageStatus
from tiktokshop_sync.types.order import FulfillmentType, OrderStatus
from tiktokshop_sync.types.product import ImageUseCase, ListingQualityTier, ProductStatus
from tiktokshop_sync.types.returns import (
    ArbitrationStatus,
    CancelType,
    SellerProposedReturnType,
)
from tiktokshop_sync.types.statuses import (
    CancellationStatus,
    ListingPlatform,
    ProductAudit,
    ProductAuditStatus,
    ReturnStatus,
    ReturnType,
)
from tiktokshop_sync.webhooks import (
    WebhookEventType,
    WebhookOrderStatus,
    WebhookPayloadError,
    parse_event,
)


def _values(enum: type[Enum]) -> set[str]:
    return {member.value for member in enum}


# --- one class per vocabulary ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "name", "owner"),
    [
        (returns, "CancelStatus", CancellationStatus),
        (order, "CancelUser", statuses.RequestRole),
        (order, "CancellationInitiator", statuses.RequestRole),
        (order, "CommercePlatform", ListingPlatform),
        (webhooks.events, "IntegratedPlatform", ListingPlatform),
        (webhooks, "IntegratedPlatform", ListingPlatform),
        (event, "WebhookEventType", WebhookTopic),
    ],
)
def test_a_renamed_enum_is_its_owner_under_a_deprecated_name(
    module: Any, name: str, owner: type[Enum]
) -> None:
    with pytest.warns(DeprecationWarning, match=rf"{name} is deprecated.*it is {owner.__name__}"):
        assert getattr(module, name) is owner


def test_one_name_means_one_thing_across_the_package() -> None:
    # The subscription topic enum no longer shares its name with the webhooks' type numbers.
    assert "WebhookEventType" not in event.__all__
    assert product.PackageWeight is fulfillment.PackageWeight


def test_a_deprecated_name_is_not_listed_in_all() -> None:
    assert "CancelStatus" not in returns.__all__
    assert "IntegratedPlatform" not in webhooks.__all__


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchStatus"):
        _ = returns.NoSuchStatus


@pytest.mark.parametrize(
    ("where", "name"),
    [
        (returns, "CancellationStatus"),
        (product, "ProductAudit"),
        (product, "ProductType"),
        (product, "ListingPlatform"),
        (webhooks, "CancellationStatus"),
        (webhooks, "ProductAudit"),
        (webhooks, "ProductType"),
        (webhooks, "ListingPlatform"),
    ],
)
def test_replies_and_webhooks_share_one_class(where: Any, name: str) -> None:
    assert getattr(where, name) is getattr(statuses, name)


def test_the_replies_and_the_webhooks_read_the_same_product_audit_class() -> None:
    assert product.Product.model_fields["audit"].annotation == ProductAudit | None
    data = webhooks.ProductAuditStatusChangeData.model_fields["audit"]
    assert data.annotation is ProductAudit


def test_a_product_audit_reads_both_spellings_of_the_reasons() -> None:
    audit = ProductAudit.model_validate(
        {
            "status": "PRE_APPROVED",
            "pre_approved_reasons": ["KYC_PENDING"],
            "pre_approved_reason": "RESTRICTED_CATEGORY_PENDING",
        }
    )
    assert audit.reasons == ("KYC_PENDING", "RESTRICTED_CATEGORY_PENDING")


def test_a_list_under_the_singular_name_joins_the_reasons_instead_of_failing() -> None:
    # Get Product's model read the undocumented singular field as a list before the merge.
    audit = ProductAudit.model_validate({"pre_approved_reason": ["KYC_PENDING"]})
    assert audit.reasons == ("KYC_PENDING",)


def test_a_reply_audit_may_leave_out_its_status() -> None:
    assert ProductAudit.model_validate({}).status is None


def test_a_type_37_webhook_without_an_audit_status_is_still_a_payload_error() -> None:
    body = (
        b'{"type":37,"shop_id":"1","timestamp":1644412885,'
        b'"data":{"product_id":"2","audit":{"pre_approved_reasons":[]}}}'
    )
    with pytest.raises(WebhookPayloadError, match=r"data\.audit"):
        parse_event(body)


def test_cancellation_status_keeps_both_spellings_of_a_closed_request() -> None:
    assert {"CANCELLATION_REQUEST_CANCEL", "CANCELLATION_REQUEST_CANCELLED"} <= _values(
        CancellationStatus
    )


def test_product_type_keeps_both_spellings_of_a_global_listings_product() -> None:
    assert {"GPR_TARGET_PRODUCT", "GPR_PRODUCT"} <= _values(statuses.ProductType)


# --- the webhook's spellings -------------------------------------------------------------------


def test_the_webhook_order_status_is_the_order_api_one_plus_its_cancel_spelling() -> None:
    assert _values(WebhookOrderStatus) == _values(OrderStatus) | {"CANCEL"}


def test_every_webhook_number_is_named_as_the_event_api_subscribes_to_it() -> None:
    assert {member.name for member in WebhookEventType} <= _values(WebhookTopic)


# --- the domain's copy (domain may not import types) -------------------------------------------


def test_the_domain_knows_exactly_the_order_statuses_of_the_wire_enum() -> None:
    assert set(domain.KNOWN_STATUSES) == _values(OrderStatus)


def test_the_domains_cancelled_spellings_are_the_order_apis_and_the_webhooks() -> None:
    webhook_only = _values(WebhookOrderStatus) - _values(OrderStatus)
    assert set(domain.CANCELLED_STATUSES) == {OrderStatus.CANCELLED.value} | webhook_only


def test_the_domains_platform_fulfilment_types_are_wire_fulfillment_types() -> None:
    assert set(deadlines._PLATFORM_FULFILMENT) < _values(FulfillmentType)


def test_the_domains_weight_units_are_the_wire_enums() -> None:
    assert _values(listing_product.WeightUnit) == _values(fulfillment.WeightUnit)


def test_the_domains_category_permissions_are_the_wire_enums() -> None:
    spelled = {listing_facts.AVAILABLE, *listing_facts.BLOCKING_PERMISSIONS}
    assert spelled == _values(CategoryPermission)


# --- the request filters (each also checked against TikTok's reference) -----------------------

#: filter tuple -> (owning enum, whether the filter takes every value or a documented few).
FILTERS: list[tuple[str, type[Enum], bool]] = [
    ("ORDER_STATUS", OrderStatus, True),
    ("PACKAGE_STATUS", PackageStatus, False),  # TO_FULFILL is not a Search Package filter
    ("PRODUCT_STATUS", ProductStatus, False),  # plus ALL; no INITIAL or SCHEDULED
    ("PRODUCT_AUDIT_STATUS", ProductAuditStatus, False),
    ("PRODUCT_LISTING_QUALITY_TIERS", ListingQualityTier, True),
    ("PRODUCT_LISTING_PLATFORMS", ListingPlatform, True),
    ("IMAGE_USE_CASE", ImageUseCase, True),
    ("CANCEL_TYPES", CancelType, False),
    ("CANCEL_STATUS", CancellationStatus, False),  # the filter's spelling: ..._CANCEL
    ("RETURN_TYPES", ReturnType, True),
    ("RETURN_STATUS", ReturnStatus, False),
    ("ARBITRATION_STATUS", ArbitrationStatus, True),
    ("SELLER_PROPOSED_RETURN_TYPE", SellerProposedReturnType, True),
]
#: Filter values that are not reply values: Search Products' "every status" switch.
FILTER_ONLY = {"ALL"}


@pytest.mark.parametrize(("name", "owner", "every"), FILTERS, ids=[f[0] for f in FILTERS])
def test_each_enum_filter_sends_values_of_its_wire_enum(
    name: str, owner: type[Enum], every: bool
) -> None:
    sent = set(getattr(_filters, name)) - FILTER_ONLY
    assert sent <= _values(owner)
    if every:
        assert sent == _values(owner)


# --- the FakeShop's own model of TikTok --------------------------------------------------------


def _fake_constant(name: str) -> tuple[str, ...]:
    """A vocabulary the FakeShop defines, wherever in ``tiktokshop_sync.testing`` it lives."""
    found = []
    prefix = tiktokshop_sync.testing.__name__ + "."
    for info in pkgutil.walk_packages(tiktokshop_sync.testing.__path__, prefix):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = importlib.import_module(info.name)
        if name in vars(module) and vars(module)[name] not in found:
            found.append(vars(module)[name])
    assert len(found) == 1, f"the FakeShop defines {name} {len(found)} times"
    return tuple(found[0])


def test_the_fakes_order_statuses_are_the_wire_enums() -> None:
    assert set(_fake_constant("ORDER_STATUSES")) == _values(OrderStatus)


def test_the_fakes_package_statuses_are_the_wire_enums() -> None:
    assert set(_fake_constant("PACKAGE_STATUSES")) == _values(PackageStatus)


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("PRODUCT_STATUSES", ProductStatus),
        ("RETURN_STATUSES", ReturnStatus),
        ("CANCEL_STATUSES", CancellationStatus),
        ("RETURN_TYPES", ReturnType),
    ],
)
def test_the_fakes_other_vocabularies_use_wire_values(name: str, owner: type[Enum]) -> None:
    assert set(_fake_constant(name)) <= _values(owner)
