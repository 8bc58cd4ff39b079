"""Order keys that cannot collide across shops, and the guard against a shop registered twice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    DomainConfigError,
    DuplicateShop,
    OrderKey,
    ShopRegistration,
    find_duplicate_shops,
    order_key,
)

SHOP_A = "7000714532876273420"
SHOP_B = "7000714532876273999"
ORDER = "576461413038785752"


def test_two_shops_with_the_same_order_id_get_different_keys() -> None:
    assert order_key(shop=SHOP_A, order_id=ORDER) != order_key(shop=SHOP_B, order_id=ORDER)


def test_the_key_is_the_shop_and_the_order_id() -> None:
    assert order_key(shop=SHOP_A, order_id=ORDER) == "7000714532876273420:576461413038785752"


def test_the_same_order_always_gets_the_same_key() -> None:
    assert order_key(shop=SHOP_A, order_id=ORDER) == order_key(shop=f" {SHOP_A}", order_id=ORDER)


def test_a_cipher_works_as_the_shop_identity() -> None:
    key = order_key(shop="GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3", order_id=ORDER)
    assert key == "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3:576461413038785752"


def test_a_separator_inside_a_part_cannot_forge_another_orders_key() -> None:
    tricky = order_key(shop="a:b", order_id="c")
    plain = order_key(shop="a", order_id="b:c")
    assert tricky != plain
    assert tricky == "a%3Ab:c" and plain == "a:b%3Ac"


def test_a_stored_key_parses_back() -> None:
    key = OrderKey(shop="a:%b", order_id=ORDER)
    assert OrderKey.parse(key.text) == key
    assert str(key) == key.text


@pytest.mark.parametrize("text", ["", "no-separator", "a:b:c", ":x", "x:"])
def test_text_that_is_not_a_key_is_refused(text: str) -> None:
    with pytest.raises(DomainConfigError, match="not an order key"):
        OrderKey.parse(text)


@pytest.mark.parametrize(("shop", "order_id"), [("", ORDER), (SHOP_A, " "), (None, ORDER)])
def test_an_empty_part_is_refused(shop: object, order_id: object) -> None:
    with pytest.raises(DomainConfigError, match="must be a non-empty string"):
        order_key(shop=shop, order_id=order_id)  # type: ignore[arg-type]


parts = st.text(min_size=1).filter(lambda text: text.strip() == text and text.strip())


@given(parts, parts, parts, parts)
def test_different_orders_never_share_a_key(shop: str, order: str, shop2: str, order2: str) -> None:
    same_order = (shop, order) == (shop2, order2)
    assert (order_key(shop=shop, order_id=order) == order_key(shop=shop2, order_id=order2)) is (
        same_order
    )


@given(parts, parts)
def test_every_key_parses_back_to_its_parts(shop: str, order: str) -> None:
    key = OrderKey(shop=shop, order_id=order)
    assert OrderKey.parse(key.text) == key


def test_one_shop_under_two_host_ids_is_reported_naming_both() -> None:
    (duplicate,) = find_duplicate_shops([("tiktok-main", SHOP_A), ("tiktok-2", SHOP_A)])
    assert duplicate.host_shop_ids == ("tiktok-main", "tiktok-2")
    assert duplicate.identities == (SHOP_A,)
    assert "'tiktok-main'" in duplicate.message and "'tiktok-2'" in duplicate.message
    assert SHOP_A in duplicate.message


def test_distinct_shops_are_not_duplicates() -> None:
    assert find_duplicate_shops([("a", SHOP_A), ("b", SHOP_B)]) == ()


def test_the_same_registration_repeated_is_not_a_duplicate() -> None:
    assert find_duplicate_shops([("a", SHOP_A), ("a", SHOP_A)]) == ()


def test_registrations_sharing_only_the_cipher_are_the_same_shop() -> None:
    found = find_duplicate_shops(
        [
            ShopRegistration(host_shop_id="osaka", shop_id=SHOP_A, cipher="GCP_1"),
            ShopRegistration(host_shop_id="tokyo", cipher="GCP_1"),
        ]
    )
    assert [d.host_shop_ids for d in found] == [("osaka", "tokyo")]
    assert found[0].identities == (SHOP_A, "GCP_1")


def test_a_shop_id_and_a_cipher_link_three_registrations_into_one_shop() -> None:
    found = find_duplicate_shops(
        [
            ShopRegistration(host_shop_id="x", shop_id=SHOP_A),
            ShopRegistration(host_shop_id="y", cipher="GCP_1"),
            ShopRegistration(host_shop_id="z", shop_id=SHOP_A, cipher="GCP_1"),
            ShopRegistration(host_shop_id="other", shop_id=SHOP_B),
        ]
    )
    assert [d.host_shop_ids for d in found] == [("x", "y", "z")]


def test_every_duplicated_shop_is_reported_in_registration_order() -> None:
    found = find_duplicate_shops(
        [("b1", SHOP_B), ("a1", SHOP_A), ("b2", SHOP_B), ("a2", SHOP_A), ("c", "GCP_C")]
    )
    assert [d.host_shop_ids for d in found] == [("b1", "b2"), ("a1", "a2")]
    assert all(isinstance(d, DuplicateShop) for d in found)


def test_a_registration_without_any_tiktok_identity_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="needs TikTok's shop_id or cipher"):
        ShopRegistration(host_shop_id="x")


def test_anything_but_a_registration_or_a_pair_is_refused() -> None:
    with pytest.raises(TypeError, match="pairs"):
        find_duplicate_shops(["x"])  # type: ignore[list-item]
