"""Fixed carrier: the catalog, the two Next Engine modes, and shipping-provider resolution."""

from __future__ import annotations

import pytest

from tiktokshop_sync.domain import (
    DEFAULT_SHIPPING_CATALOG,
    CarrierCompany,
    CarrierMode,
    DomainConfigError,
    FixedCarrier,
    MethodChosen,
    MethodSource,
    MethodUnrecognised,
    ProviderProblem,
    ProviderResolved,
    ProviderUnresolved,
    ShippingCatalog,
    ShippingMethod,
    ShippingProvider,
    choose_shipping_method,
    resolve_shipping_provider,
)

# Shaped like Get Shipping Providers for a JP delivery option (ids are opaque 19-digit strings).
JP_PROVIDERS = [
    ("7117858858072016686", "Yamato Transport"),
    ("7117858858072016687", "Sagawa Express"),
    ("7117858858072016688", "Japan Post"),
    ("7117858858072016689", "Seino Transportation"),
    ("7117858858072016690", "Seino Super Express"),
]
JP_PROVIDERS_JA = [
    ("7208000000000000001", "ヤマト運輸"),
    ("7208000000000000002", "佐川急便"),
    ("7208000000000000003", "日本郵便"),
    ("7208000000000000004", "西濃運輸"),
    ("7208000000000000005", "セイノースーパーエクスプレス"),
]


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("佐川急便e飛伝PRO", CarrierCompany.SAGAWA),
        ("佐川急便e飛伝", CarrierCompany.SAGAWA),
        ("佐川急便e飛伝2", CarrierCompany.SAGAWA),
        ("佐川急便e飛伝3", CarrierCompany.SAGAWA),
        ("ヤマト運輸B2v6", CarrierCompany.YAMATO),
        ("ヤマト運輸B2v5", CarrierCompany.YAMATO),
        ("ヤマト(ネコポス)", CarrierCompany.YAMATO),
        ("ゆうパック", CarrierCompany.JAPAN_POST),
        ("レターパック500", CarrierCompany.JAPAN_POST),
        ("レターパック350", CarrierCompany.JAPAN_POST),
        ("ゆうパケット", CarrierCompany.JAPAN_POST),
        ("西濃運輸", CarrierCompany.SEINO),
        ("日本通運", CarrierCompany.NIPPON_EXPRESS),
        ("福山通運", CarrierCompany.FUKUYAMA),
    ],
)
def test_each_next_engine_method_belongs_to_its_carrier(name: str, company: CarrierCompany) -> None:
    method = DEFAULT_SHIPPING_CATALOG.find(name)
    assert method == ShippingMethod(name=name, company=company)


def test_the_default_catalog_holds_exactly_the_fourteen_manual_methods() -> None:
    assert len(DEFAULT_SHIPPING_CATALOG.methods) == 14


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ヤマト（ネコポス）", "ヤマト(ネコポス)"),
        ("ﾔﾏﾄ運輸b2V6", "ヤマト運輸B2v6"),
        (" ゆうパック ", "ゆうパック"),
    ],
)
def test_catalog_lookup_ignores_width_case_and_spaces(typed: str, name: str) -> None:
    method = DEFAULT_SHIPPING_CATALOG.find(typed)
    assert method is not None
    assert method.name == name


def test_host_can_add_a_method_to_the_catalog() -> None:
    click_post = ShippingMethod(name="クリックポスト", company=CarrierCompany.JAPAN_POST)
    catalog = DEFAULT_SHIPPING_CATALOG.extend([click_post])
    assert catalog.find("クリックポスト") == click_post
    assert len(catalog.methods) == 15


def test_catalog_refuses_one_name_for_two_carriers() -> None:
    with pytest.raises(DomainConfigError, match="match the same name"):
        ShippingCatalog(
            methods=[
                ShippingMethod(name="宅配便", company=CarrierCompany.YAMATO),
                ShippingMethod(name="宅配便", company=CarrierCompany.SAGAWA),
            ]
        )


def test_unknown_fixed_method_name_is_a_config_error_listing_the_known_ones() -> None:
    with pytest.raises(
        DomainConfigError, match=r"'クロネコDM便' is not in the catalog.*ゆうパック"
    ):
        FixedCarrier.from_name("クロネコDM便")


def test_shipping_method_name_must_not_be_blank() -> None:
    with pytest.raises(DomainConfigError, match=r"ShippingMethod\.name"):
        ShippingMethod(name=" ", company=CarrierCompany.YAMATO)


def test_fixed_carrier_defaults_to_always_as_the_manual_requires() -> None:
    assert FixedCarrier.from_name("ヤマト運輸B2v6").mode is CarrierMode.ALWAYS


@pytest.mark.parametrize("order_method", [None, "", "Standard Shipping", "佐川急便e飛伝PRO"])
def test_always_mode_uses_the_fixed_method_whatever_the_order_says(
    order_method: str | None,
) -> None:
    fixed = FixedCarrier.from_name("ヤマト運輸B2v6")
    result = choose_shipping_method(order_method, fixed=fixed)
    assert isinstance(result, MethodChosen)
    assert result.method.name == "ヤマト運輸B2v6"
    assert result.source is MethodSource.FIXED
    assert "発送方法を固定で" in result.reason


@pytest.mark.parametrize("order_method", [None, "", "   "])
def test_when_missing_mode_uses_the_fixed_method_for_an_order_without_one(
    order_method: str | None,
) -> None:
    fixed = FixedCarrier.from_name("ゆうパケット", mode=CarrierMode.WHEN_MISSING)
    result = choose_shipping_method(order_method, fixed=fixed)
    assert isinstance(result, MethodChosen)
    assert result.method.name == "ゆうパケット"
    assert result.source is MethodSource.FIXED


def test_when_missing_mode_keeps_a_known_method_named_on_the_order() -> None:
    fixed = FixedCarrier.from_name("ゆうパケット", mode=CarrierMode.WHEN_MISSING)
    result = choose_shipping_method("佐川急便e飛伝PRO", fixed=fixed)
    assert isinstance(result, MethodChosen)
    assert result.method.company is CarrierCompany.SAGAWA
    assert result.source is MethodSource.ORDER


def test_when_missing_mode_reports_an_unknown_order_method_instead_of_guessing() -> None:
    fixed = FixedCarrier.from_name("ゆうパケット", mode=CarrierMode.WHEN_MISSING)
    result = choose_shipping_method("Standard Shipping", fixed=fixed)
    assert isinstance(result, MethodUnrecognised)
    assert result.label == "Standard Shipping"
    assert "CarrierMode.ALWAYS" in result.reason


@pytest.mark.parametrize(
    ("company", "english_id", "japanese_id"),
    [
        (CarrierCompany.YAMATO, "7117858858072016686", "7208000000000000001"),
        (CarrierCompany.SAGAWA, "7117858858072016687", "7208000000000000002"),
        (CarrierCompany.JAPAN_POST, "7117858858072016688", "7208000000000000003"),
        (CarrierCompany.SEINO, "7117858858072016689", "7208000000000000004"),
        (CarrierCompany.SEINO_SUPER_EXPRESS, "7117858858072016690", "7208000000000000005"),
    ],
)
def test_provider_resolves_by_english_or_japanese_name(
    company: CarrierCompany, english_id: str, japanese_id: str
) -> None:
    english = resolve_shipping_provider(company, JP_PROVIDERS)
    japanese = resolve_shipping_provider(company, JP_PROVIDERS_JA)
    assert isinstance(english, ProviderResolved)
    assert isinstance(japanese, ProviderResolved)
    assert (english.provider.id, japanese.provider.id) == (english_id, japanese_id)


@pytest.mark.parametrize(
    ("method_name", "provider_id"),
    [
        ("ヤマト(ネコポス)", "7117858858072016686"),
        ("ゆうパケット", "7117858858072016688"),
        ("佐川急便e飛伝3", "7117858858072016687"),
    ],
)
def test_a_shipping_method_resolves_to_its_carriers_provider(
    method_name: str, provider_id: str
) -> None:
    fixed = FixedCarrier.from_name(method_name)
    result = resolve_shipping_provider(fixed, JP_PROVIDERS)
    assert isinstance(result, ProviderResolved)
    assert result.provider.id == provider_id


@pytest.mark.parametrize(
    "name",
    ["Yamato Transport (ヤマト運輸)", "ﾔﾏﾄ運輸", "YAMATO TRANSPORT CO., LTD.", "クロネコヤマト"],
)
def test_provider_names_in_other_spellings_still_resolve(name: str) -> None:
    result = resolve_shipping_provider(
        CarrierCompany.YAMATO, [("1", name), ("2", "Sagawa Express")]
    )
    assert isinstance(result, ProviderResolved)
    assert result.provider.id == "1"


def test_a_carrier_missing_from_the_list_is_unresolved_naming_every_candidate() -> None:
    result = resolve_shipping_provider(CarrierCompany.FUKUYAMA, JP_PROVIDERS)
    assert isinstance(result, ProviderUnresolved)
    assert result.problem is ProviderProblem.NO_MATCH
    assert [p.id for p in result.candidates] == [pid for pid, _ in JP_PROVIDERS]
    assert "福山通運" in result.reason


def test_two_providers_for_one_carrier_are_ambiguous_not_guessed() -> None:
    providers = [("1", "Sagawa Express"), ("2", "佐川急便 (飛脚宅配便)"), ("3", "Japan Post")]
    result = resolve_shipping_provider(CarrierCompany.SAGAWA, providers)
    assert isinstance(result, ProviderUnresolved)
    assert result.problem is ProviderProblem.AMBIGUOUS
    assert [p.id for p in result.candidates] == ["1", "2"]


def test_the_host_override_settles_an_ambiguous_carrier() -> None:
    providers = [("1", "Sagawa Express"), ("2", "佐川急便 (飛脚宅配便)")]
    result = resolve_shipping_provider(
        CarrierCompany.SAGAWA, providers, overrides={CarrierCompany.SAGAWA: "2"}
    )
    assert result == ProviderResolved(
        company=CarrierCompany.SAGAWA,
        provider=ShippingProvider(id="2", name="佐川急便 (飛脚宅配便)"),
        reason="the host's override maps 佐川急便 to provider id 2",
    )


def test_the_host_override_wins_over_a_name_match() -> None:
    result = resolve_shipping_provider(
        CarrierCompany.YAMATO,
        JP_PROVIDERS,
        overrides={CarrierCompany.YAMATO: "7117858858072016690"},
    )
    assert isinstance(result, ProviderResolved)
    assert result.provider.id == "7117858858072016690"


def test_an_override_id_tiktok_does_not_list_is_unresolved() -> None:
    result = resolve_shipping_provider(
        CarrierCompany.YAMATO, JP_PROVIDERS, overrides={CarrierCompany.YAMATO: "999"}
    )
    assert isinstance(result, ProviderUnresolved)
    assert result.problem is ProviderProblem.OVERRIDE_NOT_LISTED


def test_an_override_is_trusted_when_no_provider_list_is_given() -> None:
    result = resolve_shipping_provider(
        CarrierCompany.YAMATO, [], overrides={CarrierCompany.YAMATO: "7117858858072016686"}
    )
    assert isinstance(result, ProviderResolved)
    assert result.provider.id == "7117858858072016686"


def test_an_override_for_another_carrier_does_not_apply() -> None:
    result = resolve_shipping_provider(
        CarrierCompany.JAPAN_POST, JP_PROVIDERS, overrides={CarrierCompany.YAMATO: "1"}
    )
    assert isinstance(result, ProviderResolved)
    assert result.provider.name == "Japan Post"


@pytest.mark.parametrize("bad", ["", "  "])
def test_a_blank_override_id_is_a_config_error(bad: str) -> None:
    with pytest.raises(DomainConfigError, match="provider override for YAMATO"):
        resolve_shipping_provider(
            CarrierCompany.YAMATO, JP_PROVIDERS, overrides={CarrierCompany.YAMATO: bad}
        )


def test_an_override_keyed_by_a_name_is_a_config_error() -> None:
    with pytest.raises(DomainConfigError, match="keyed by CarrierCompany"):
        resolve_shipping_provider(
            CarrierCompany.YAMATO,
            JP_PROVIDERS,
            overrides={"ヤマト運輸": "1"},  # type: ignore[dict-item]
        )


def test_a_short_alias_does_not_match_inside_another_word() -> None:
    result = resolve_shipping_provider(CarrierCompany.NIPPON_EXPRESS, [("1", "Lynx Logistics")])
    assert isinstance(result, ProviderUnresolved)
    assert result.problem is ProviderProblem.NO_MATCH
