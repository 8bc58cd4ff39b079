"""Fixed carrier (発送方法): TikTok orders carry no shipping method, so a shop fixes one.

Also resolves the TikTok ``shipping_provider_id`` for a carrier from the provider list TikTok
returns for a delivery option, by name (English or Japanese) or by the host's explicit override.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from tiktokshop_sync.domain._text import fold, plain
from tiktokshop_sync.domain._validate import require_instance, require_text
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "DEFAULT_SHIPPING_CATALOG",
    "CarrierCompany",
    "CarrierMode",
    "FixedCarrier",
    "MethodChosen",
    "MethodSource",
    "MethodUnrecognised",
    "ProviderProblem",
    "ProviderResolved",
    "ProviderUnresolved",
    "ShippingCatalog",
    "ShippingMethod",
    "ShippingProvider",
    "choose_shipping_method",
    "resolve_shipping_provider",
]


class CarrierCompany(enum.Enum):
    """A Japanese carrier company (配送業者) TikTok or the OMS catalog knows."""

    SAGAWA = "sagawa"
    YAMATO = "yamato"
    JAPAN_POST = "japan_post"
    SEINO = "seino"
    SEINO_SUPER_EXPRESS = "seino_super_express"
    NIPPON_EXPRESS = "nippon_express"
    FUKUYAMA = "fukuyama"

    @property
    def name_en(self) -> str:
        """The English company name, as TikTok's provider list tends to spell it."""
        return _COMPANY_NAMES[self][0]

    @property
    def name_ja(self) -> str:
        """The Japanese company name (e.g. ヤマト運輸)."""
        return _COMPANY_NAMES[self][1]


_COMPANY_NAMES: Final = {
    CarrierCompany.SAGAWA: ("Sagawa Express", "佐川急便"),
    CarrierCompany.YAMATO: ("Yamato Transport", "ヤマト運輸"),
    CarrierCompany.JAPAN_POST: ("Japan Post", "日本郵便"),
    CarrierCompany.SEINO: ("Seino Transportation", "西濃運輸"),
    CarrierCompany.SEINO_SUPER_EXPRESS: ("Seino Super Express", "セイノースーパーエクスプレス"),
    CarrierCompany.NIPPON_EXPRESS: ("Nippon Express", "日本通運"),
    CarrierCompany.FUKUYAMA: ("Fukuyama Transporting", "福山通運"),
}

# Names a provider list may use. A provider belongs to the company whose longest alias it contains,
# so "Seino Super Express" is not mistaken for Seino Transportation merely because it says "Seino".
_ALIASES: Final = {
    CarrierCompany.SAGAWA: ("sagawa", "佐川"),
    CarrierCompany.YAMATO: ("yamato", "ヤマト", "クロネコ", "kuroneko"),
    CarrierCompany.JAPAN_POST: (
        "japan post",
        "jp post",
        "日本郵便",
        "ゆうパック",
        "yu-pack",
        "yupack",
    ),
    CarrierCompany.SEINO: ("seino", "西濃", "セイノー"),
    CarrierCompany.SEINO_SUPER_EXPRESS: ("seino super express", "セイノースーパーエクスプレス"),
    CarrierCompany.NIPPON_EXPRESS: ("nippon express", "nittsu", "nx", "日本通運", "日通"),
    CarrierCompany.FUKUYAMA: ("fukuyama", "福山通運"),
}


def _alias_in(alias: str, name: str) -> bool:
    if alias.isascii():
        # Whole words only, so the short "nx" does not match inside an unrelated English word.
        return re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", name) is not None
    return alias in name


def _company_of(name: str) -> CarrierCompany | None:
    key = fold(name)
    best: tuple[int, CarrierCompany] | None = None
    for company, aliases in _ALIASES.items():
        for alias in aliases:
            if _alias_in(alias, key) and (best is None or len(alias) > best[0]):
                best = (len(alias), company)
    return None if best is None else best[1]


@attrs.frozen(kw_only=True)
class ShippingMethod:
    """An OMS shipping method (発送方法, e.g. ヤマト運輸B2v6) and the carrier company behind it."""

    name: str = attrs.field(validator=require_text)
    company: CarrierCompany = attrs.field(
        validator=require_instance(CarrierCompany, example="CarrierCompany.YAMATO")
    )


# The 14 methods the Next Engine manual lists as usable for TikTok Shop (§3 利用可能な発送方法一覧).
_NEXT_ENGINE_METHODS: Final = (
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
)


def _to_methods(methods: Iterable[ShippingMethod]) -> tuple[ShippingMethod, ...]:
    if isinstance(methods, (str, bytes)) or not isinstance(methods, Iterable):
        raise DomainConfigError(
            f"ShippingCatalog.methods must be a list of ShippingMethod, got {methods!r}"
        )
    return tuple(methods)


@attrs.frozen(kw_only=True)
class ShippingCatalog:
    """The shipping methods a shop may use, looked up by name ignoring width, case and spaces."""

    methods: tuple[ShippingMethod, ...] = attrs.field(converter=_to_methods)
    _index: Mapping[str, ShippingMethod] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, ShippingMethod] = {}
        for method in self.methods:
            if not isinstance(method, ShippingMethod):
                raise DomainConfigError(
                    f"ShippingCatalog.methods must hold ShippingMethod values, got {method!r}"
                )
            seen = index.get(fold(method.name))
            if seen is not None and seen != method:
                raise DomainConfigError(
                    f"ShippingCatalog.methods has {seen.name!r} ({seen.company.name}) and "
                    f"{method.name!r} ({method.company.name}), which match the same name; keep one"
                )
            index[fold(method.name)] = method
        object.__setattr__(self, "_index", index)

    @classmethod
    def default(cls) -> ShippingCatalog:
        """The 14 methods the Next Engine manual lists for TikTok Shop."""
        return cls(methods=[ShippingMethod(name=n, company=c) for n, c in _NEXT_ENGINE_METHODS])

    def extend(self, methods: Iterable[ShippingMethod]) -> ShippingCatalog:
        """A new catalog with ``methods`` added; one with a name already present replaces it."""
        added = tuple(methods)
        names = {fold(method.name) for method in added if isinstance(method, ShippingMethod)}
        kept = [method for method in self.methods if fold(method.name) not in names]
        return ShippingCatalog(methods=[*kept, *added])

    def find(self, name: str) -> ShippingMethod | None:
        """The method called ``name`` (any width, case or spacing), or None."""
        return self._index.get(fold(name))

    def get(self, name: str) -> ShippingMethod:
        """The method called ``name``; a configuration error listing the known names if absent."""
        if not isinstance(name, str):
            raise DomainConfigError(
                f"a shipping method name must be a string such as 'ヤマト運輸B2v6', got {name!r}"
            )
        method = self.find(name)
        if method is None:
            known = ", ".join(m.name for m in self.methods)
            raise DomainConfigError(
                f"shipping method {plain(name)!r} is not in the catalog (known: {known}); "
                f"add it with ShippingCatalog.extend([ShippingMethod(name=..., company=...)])"
            )
        return method


DEFAULT_SHIPPING_CATALOG: Final = ShippingCatalog.default()
"""The Next Engine manual's 14 methods."""


class CarrierMode(enum.Enum):
    """The two Next Engine 規定値 modes for the shipping method."""

    ALWAYS = "always"
    """「発送方法を固定で●●にする」: always use the fixed method (what the manual requires)."""
    WHEN_MISSING = "when_missing"
    """「発送方法が無い場合は●●にする」: use the fixed method only when the order has none."""


@attrs.frozen(kw_only=True)
class FixedCarrier:
    """A shop's fixed shipping method and the mode it applies in (default: always)."""

    method: ShippingMethod = attrs.field(
        validator=require_instance(
            ShippingMethod, example="FixedCarrier.from_name('ヤマト運輸B2v6')"
        )
    )
    mode: CarrierMode = attrs.field(
        default=CarrierMode.ALWAYS,
        validator=require_instance(CarrierMode, example="CarrierMode.ALWAYS"),
    )

    @classmethod
    def from_name(
        cls,
        name: str,
        *,
        mode: CarrierMode = CarrierMode.ALWAYS,
        catalog: ShippingCatalog = DEFAULT_SHIPPING_CATALOG,
    ) -> FixedCarrier:
        """Fix the catalog method called ``name`` (e.g. read from the host's settings file)."""
        return cls(method=catalog.get(name), mode=mode)


class MethodSource(enum.Enum):
    """Where a chosen shipping method came from."""

    FIXED = "fixed"
    ORDER = "order"


@attrs.frozen(kw_only=True)
class MethodChosen:
    """The shipping method to record on the OMS slip, where it came from, and why."""

    method: ShippingMethod
    source: MethodSource
    reason: str


@attrs.frozen(kw_only=True)
class MethodUnrecognised:
    """The order names a method the catalog does not know; not guessed, so a person can decide."""

    label: str
    reason: str


def choose_shipping_method(
    order_method: str | None,
    *,
    fixed: FixedCarrier,
    catalog: ShippingCatalog = DEFAULT_SHIPPING_CATALOG,
) -> MethodChosen | MethodUnrecognised:
    """The OMS shipping method for an order, following the shop's fixed-carrier mode."""
    if fixed.mode is CarrierMode.ALWAYS:
        return MethodChosen(
            method=fixed.method,
            source=MethodSource.FIXED,
            reason=f"発送方法を固定で{fixed.method.name}にする: the shop always uses this method",
        )
    label = "" if order_method is None else plain(order_method)
    if not label.strip():
        return MethodChosen(
            method=fixed.method,
            source=MethodSource.FIXED,
            reason=f"発送方法が無い場合は{fixed.method.name}にする: the order names no method",
        )
    found = catalog.find(label)
    if found is None:
        return MethodUnrecognised(
            label=label,
            reason=f"the order names {label!r}, which is not in the shipping catalog; add it "
            f"to the catalog or use CarrierMode.ALWAYS (TikTok orders carry no shipping method)",
        )
    return MethodChosen(
        method=found, source=MethodSource.ORDER, reason=f"the order names {found.name!r}"
    )


@attrs.frozen(kw_only=True)
class ShippingProvider:
    """One entry of TikTok's Get Shipping Providers list: an opaque id and a display name."""

    id: str = attrs.field(validator=require_text)
    name: str = attrs.field(validator=attrs.validators.instance_of(str))


class ProviderProblem(enum.Enum):
    """Why no single provider id could be chosen."""

    NO_MATCH = "no_match"
    AMBIGUOUS = "ambiguous"
    OVERRIDE_NOT_LISTED = "override_not_listed"


@attrs.frozen(kw_only=True)
class ProviderResolved:
    """The TikTok provider to send as ``shipping_provider_id`` for the carrier, and why."""

    company: CarrierCompany
    provider: ShippingProvider
    reason: str


@attrs.frozen(kw_only=True)
class ProviderUnresolved:
    """No single provider fits; ``candidates`` are the ones to choose from in an override."""

    company: CarrierCompany
    problem: ProviderProblem
    candidates: tuple[ShippingProvider, ...]
    reason: str


def _to_provider(entry: ShippingProvider | tuple[str, str]) -> ShippingProvider:
    if isinstance(entry, ShippingProvider):
        return entry
    provider_id, name = entry
    return ShippingProvider(id=plain(provider_id), name=plain(name))


def _company_for(carrier: CarrierCompany | ShippingMethod | FixedCarrier) -> CarrierCompany:
    if isinstance(carrier, FixedCarrier):
        return carrier.method.company
    if isinstance(carrier, ShippingMethod):
        return carrier.company
    if isinstance(carrier, CarrierCompany):
        return carrier
    raise TypeError(
        f"carrier must be a CarrierCompany, ShippingMethod or FixedCarrier, got {carrier!r}"
    )


def _override_for(
    company: CarrierCompany, overrides: Mapping[CarrierCompany, str] | None
) -> str | None:
    for key, value in (overrides or {}).items():
        if not isinstance(key, CarrierCompany):
            raise DomainConfigError(
                f"provider overrides must be keyed by CarrierCompany, got {key!r}; "
                f"write e.g. {{CarrierCompany.YAMATO: '7117858858072016686'}}"
            )
        if not isinstance(value, str) or not value.strip():
            raise DomainConfigError(
                f"provider override for {key.name} must be a TikTok shipping_provider_id string, "
                f"got {value!r}"
            )
    return None if overrides is None else overrides.get(company)


def resolve_shipping_provider(
    carrier: CarrierCompany | ShippingMethod | FixedCarrier,
    providers: Iterable[ShippingProvider | tuple[str, str]],
    *,
    overrides: Mapping[CarrierCompany, str] | None = None,
) -> ProviderResolved | ProviderUnresolved:
    """Pick the carrier's provider from TikTok's list: the host's override first, then by name."""
    company = _company_for(carrier)
    listed: dict[str, ShippingProvider] = {}
    for entry in providers:
        provider = _to_provider(entry)
        listed.setdefault(provider.id, provider)
    everyone = tuple(listed.values())

    override = _override_for(company, overrides)
    if override is not None:
        if override in listed:
            return ProviderResolved(
                company=company,
                provider=listed[override],
                reason=f"the host's override maps {company.name_ja} to provider id {override}",
            )
        if not listed:
            return ProviderResolved(
                company=company,
                provider=ShippingProvider(id=override, name=company.name_en),
                reason=f"the host's override maps {company.name_ja} to provider id {override} "
                f"(no provider list was given to check it against)",
            )
        return ProviderUnresolved(
            company=company,
            problem=ProviderProblem.OVERRIDE_NOT_LISTED,
            candidates=everyone,
            reason=f"the override id {override} for {company.name_ja} is not among the providers "
            f"TikTok lists for this delivery option; TikTok would reject it",
        )

    matches = tuple(p for p in everyone if _company_of(p.name) is company)
    if len(matches) == 1:
        return ProviderResolved(
            company=company,
            provider=matches[0],
            reason=f"{matches[0].name!r} is the only listed provider named like "
            f"{company.name_en} / {company.name_ja}",
        )
    if matches:
        names = ", ".join(repr(p.name) for p in matches)
        return ProviderUnresolved(
            company=company,
            problem=ProviderProblem.AMBIGUOUS,
            candidates=matches,
            reason=f"several listed providers look like {company.name_ja}: {names}; "
            f"choose one with overrides={{CarrierCompany.{company.name}: '<id>'}}",
        )
    names = ", ".join(repr(p.name) for p in everyone) or "none"
    return ProviderUnresolved(
        company=company,
        problem=ProviderProblem.NO_MATCH,
        candidates=everyone,
        reason=f"no listed provider looks like {company.name_en} / {company.name_ja} "
        f"(listed: {names}); check the delivery option or set "
        f"overrides={{CarrierCompany.{company.name}: '<id>'}}",
    )
