"""The host's category mapping (host category → TikTok leaf category), kept in the state store.

Publishing reads it on every run, so a host maps each of its categories once. When a new
product's host category has no row, the publish asks TikTok's Recommend Category once (on the
product's title) and keeps the answer as a **suggestion**: reported with the unmapped host
categories, never used until the host confirms it (:meth:`CategoryMappings.confirm`) or maps the
category itself (:meth:`CategoryMappings.set`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .._exceptions import ConfigurationError
from ..domain._text import fold
from ..domain.listing_facts import CategoryTarget, CategoryVersion
from ..domain.listing_mapping import CategoryMapping
from .state import CategoryMappingRecord, CategoryMappingStore

__all__ = ["CategoryMappings"]


def mapping_store(state: Any, owner: str) -> CategoryMappingStore:
    """``state`` as a store of category mappings, or a ConfigurationError saying what to use."""
    if not isinstance(state, CategoryMappingStore):
        raise ConfigurationError(
            f"{owner} needs a state store that keeps category mappings (category_mappings, "
            f"put_category_mapping, drop_category_mapping): SQLiteStateStore or "
            f"PostgresStateStore, got {type(state).__name__}."
        )
    return state


def confirmed_mapping(records: list[CategoryMappingRecord]) -> CategoryMapping:
    """The confirmed rows as the validator's CategoryMapping (suggestions left out)."""
    return CategoryMapping(
        rows=[
            (
                r.host_category,
                CategoryTarget(category_id=r.category_id, version=CategoryVersion(r.version)),
            )
            for r in records
            if r.status == "confirmed"
        ]
    )


class CategoryMappings:
    """The category mapping of one shop in the state store: set, confirm, list, remove.

    ``shop_key`` is the key the publish job uses for the shop (its ``shop_key``, by default
    the shop cipher).
    """

    def __init__(self, state: Any, shop_key: str) -> None:
        self.state = mapping_store(state, "CategoryMappings")
        if not isinstance(shop_key, str) or not shop_key.strip():
            raise ConfigurationError(
                f"CategoryMappings(shop_key=...) must be the shop's key as the publish uses it "
                f"(by default its shop cipher), got {shop_key!r}."
            )
        self.shop_key = shop_key

    def records(self) -> list[CategoryMappingRecord]:
        """Every row, confirmed and suggested, by host category."""
        return self.state.category_mappings(self.shop_key)

    def suggestions(self) -> list[CategoryMappingRecord]:
        """TikTok's recommendations waiting for the host to confirm them."""
        return [r for r in self.records() if r.status == "suggested"]

    def mapping(self) -> CategoryMapping:
        """The confirmed rows, as publishing uses them."""
        return confirmed_mapping(self.records())

    def find(self, host_category: str) -> CategoryMappingRecord | None:
        """The row of a host category (width, case and spaces ignored), if any."""
        key = fold(host_category)
        return next((r for r in self.records() if r.host_key == key), None)

    def set(
        self, host_category: str, target: CategoryTarget, *, now: datetime | None = None
    ) -> CategoryMappingRecord:
        """Map a host category to a TikTok leaf category (confirmed; replaces any row)."""
        if not isinstance(target, CategoryTarget):
            raise ConfigurationError(
                f"CategoryMappings.set needs a CategoryTarget such as "
                f"CategoryTarget(category_id='601226'), got {target!r}."
            )
        record = CategoryMappingRecord(
            shop=self.shop_key,
            host_category=host_category,
            category_id=target.category_id,
            version=target.version.value,
            status="confirmed",
            updated_at=now or datetime.now(timezone.utc),
        )
        self.state.put_category_mapping(record)
        return record

    def confirm(self, host_category: str, *, now: datetime | None = None) -> CategoryMappingRecord:
        """Accept TikTok's suggestion for a host category: publishing uses it from now on."""
        found = self.find(host_category)
        if found is None:
            raise ConfigurationError(
                f"no suggestion for the host category {host_category!r}: run a publish plan or "
                f"check first (it asks TikTok for one), or map it with set()."
            )
        if found.status == "confirmed":
            return found
        record = CategoryMappingRecord(
            shop=found.shop,
            host_category=found.host_category,
            category_id=found.category_id,
            version=found.version,
            status="confirmed",
            path=found.path,
            updated_at=now or datetime.now(timezone.utc),
        )
        self.state.put_category_mapping(record)
        return record

    def remove(self, host_category: str) -> None:
        """Forget a host category's row, confirmed or suggested."""
        self.state.drop_category_mapping(self.shop_key, host_category)

    def __repr__(self) -> str:
        return f"CategoryMappings(shop_key={self.shop_key!r})"
