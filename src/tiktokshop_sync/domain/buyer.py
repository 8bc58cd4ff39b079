"""The buyer block (注文者): copied from the ship-to, a fixed block, or left empty, saying which.

TikTok's order data carries no buyer (注文者) at all, only the recipient (送付先). Japanese OMSs
need a buyer block; GoQSystem first imported TikTok orders with it blank, then added a setting to
copy the ship-to into the buyer or fill a fixed value such as the shop's own details.
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Mapping
from typing import Final

import attrs

from tiktokshop_sync.domain._address import Address, optional_text
from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain._redact import redacted
from tiktokshop_sync.domain._validate import require_instance
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.masking import FieldState, field_state, find_mask

__all__ = ["BuyerBlock", "BuyerPolicy", "BuyerSource", "Contact", "fill_buyer_block"]


@quick_init
@attrs.frozen(kw_only=True)
class Contact:
    """A name, its kana (フリガナ), phone, e-mail and postal address: a ship-to or a buyer block.

    Fields stay as TikTok sent them (``***`` and ``""`` included); the repr shows ``'***'`` for
    every filled personal field, so a contact never reaches a log line.
    """

    name: str = attrs.field(default="", converter=optional_text, repr=redacted)
    name_kana: str = attrs.field(default="", converter=optional_text, repr=redacted)
    """The name in katakana (送付先名フリガナ: TikTok's ``*_name_local_script``, JP only)."""
    phone: str = attrs.field(default="", converter=optional_text, repr=redacted)
    email: str = attrs.field(default="", converter=optional_text, repr=redacted)
    address: Address = attrs.field(factory=Address, validator=attrs.validators.instance_of(Address))

    def field_states(self) -> Mapping[str, FieldState]:
        """Each field's state (present, empty or masked); the address lines count as one field."""
        address = self.address
        return {
            "name": field_state(self.name),
            "name_kana": field_state(self.name_kana),
            "phone": field_state(self.phone),
            "email": field_state(self.email),
            "postal_code": field_state(address.postal_code),
            "prefecture": field_state(address.prefecture),
            "city": field_state(address.city),
            "lines": _lines_state(address.lines),
            "region_code": field_state(address.region_code),
        }


def _lines_state(lines: tuple[str, ...]) -> FieldState:
    states = [field_state(line) for line in lines]
    if FieldState.MASKED in states:
        return FieldState.MASKED
    if FieldState.PRESENT in states:
        return FieldState.PRESENT
    return FieldState.EMPTY


class BuyerSource(enum.Enum):
    """Where a buyer block came from: the host shows it, and the address checks depend on it."""

    COPIED_FROM_RECIPIENT = "copied_from_recipient"
    """A copy of the ship-to (送付先): not independent data, so it is not checked again."""
    FIXED = "fixed"
    """A block the host configured (e.g. the shop's own details): checked like any address."""
    EMPTY = "empty"
    """Left blank, as GoQSystem did before its setting existed."""

    @property
    def label_ja(self) -> str:
        """How an OMS screen would name the source, e.g. ``送付先と同じ``."""
        return _LABELS_JA[self]


_LABELS_JA: Final = {
    BuyerSource.COPIED_FROM_RECIPIENT: "送付先と同じ",
    BuyerSource.FIXED: "固定値",
    BuyerSource.EMPTY: "空欄",
}


@attrs.frozen(kw_only=True)
class BuyerPolicy:
    """How to fill the buyer block: copy the recipient (default), a fixed block, or leave empty."""

    source: BuyerSource = attrs.field(
        default=BuyerSource.COPIED_FROM_RECIPIENT,
        validator=require_instance(BuyerSource, example="BuyerPolicy.copy_recipient()"),
    )
    fixed: Contact | None = None

    def __attrs_post_init__(self) -> None:
        if self.source is BuyerSource.FIXED:
            if not isinstance(self.fixed, Contact):
                raise DomainConfigError(
                    "BuyerPolicy.fixed must be a Contact when source is FIXED; use "
                    "BuyerPolicy.fixed_block(Contact(name=..., phone=..., address=Address(...)))"
                )
            if field_state(self.fixed.name) is not FieldState.PRESENT:
                raise DomainConfigError(
                    "BuyerPolicy.fixed.name must be a visible name (e.g. the shop's name), "
                    "not empty or masked: an OMS needs a buyer name (注文者名)"
                )
        elif self.fixed is not None:
            raise DomainConfigError(
                f"BuyerPolicy.fixed is only used when source is FIXED, but source is "
                f"{self.source.name}; drop fixed= or use BuyerPolicy.fixed_block(...)"
            )

    @classmethod
    def copy_recipient(cls) -> BuyerPolicy:
        """Copy the ship-to (送付先) into the buyer block, masked fields and all (the default)."""
        return cls(source=BuyerSource.COPIED_FROM_RECIPIENT)

    @classmethod
    def fixed_block(cls, contact: Contact) -> BuyerPolicy:
        """Fill every buyer block with ``contact``, such as the shop's own name and address."""
        return cls(source=BuyerSource.FIXED, fixed=contact)

    @classmethod
    def leave_empty(cls) -> BuyerPolicy:
        """Leave the buyer block blank."""
        return cls(source=BuyerSource.EMPTY)


@quick_init
@attrs.frozen(kw_only=True)
class BuyerBlock:
    """The buyer block (注文者) to store, with where it came from (``source``) and why."""

    source: BuyerSource
    contact: Contact
    """The block's fields; all "" when ``source`` is EMPTY."""
    reason: str

    @property
    def is_copy(self) -> bool:
        """True when the block repeats the recipient, so it says nothing the recipient does not."""
        return self.source is BuyerSource.COPIED_FROM_RECIPIENT

    def field_states(self) -> Mapping[str, FieldState]:
        """Each field's state: a masked recipient field stays masked in a copy, and says so here."""
        return self.contact.field_states()

    @property
    def masked_fields(self) -> tuple[str, ...]:
        """The names of the fields that hold TikTok's mask (``***``/``●●●``), in field order."""
        return _masked_fields(self.contact)


def _masked_fields(contact: Contact) -> tuple[str, ...]:
    """The masked fields' names; asked for every imported order, so the mask test alone."""
    address = contact.address
    values = (  # is_masked() inlined: TikTok masks most recipients
        contact.name,
        contact.name_kana,
        contact.phone,
        contact.email,
        address.postal_code,
        address.prefecture,
        address.city,
    )
    names = list(itertools.compress(_CONTACT_FIELDS, map(find_mask, values)))
    if any(map(find_mask, address.lines)):
        names.append("lines")
    if find_mask(address.region_code):
        names.append("region_code")
    return tuple(names)


_CONTACT_FIELDS: Final = (
    "name",
    "name_kana",
    "phone",
    "email",
    "postal_code",
    "prefecture",
    "city",
)


_DEFAULT_POLICY: Final = BuyerPolicy()


def fill_buyer_block(recipient: Contact, policy: BuyerPolicy | None = None) -> BuyerBlock:
    """The buyer block for an order shipping to ``recipient``, filled as the policy says."""
    if not isinstance(recipient, Contact):
        raise TypeError(f"recipient must be a Contact, got {type(recipient).__name__}")
    chosen = policy if policy is not None else _DEFAULT_POLICY
    if chosen.source is BuyerSource.FIXED:
        assert chosen.fixed is not None  # guaranteed by BuyerPolicy's validation
        return BuyerBlock(
            source=BuyerSource.FIXED,
            contact=chosen.fixed,
            reason="the host's fixed buyer block (固定値, e.g. the shop's details): TikTok's "
            "order data carries no buyer (注文者)",
        )
    if chosen.source is BuyerSource.EMPTY:
        return BuyerBlock(
            source=BuyerSource.EMPTY,
            contact=Contact(),
            reason="left empty (空欄) by BuyerPolicy.leave_empty(): TikTok's order data carries "
            "no buyer (注文者)",
        )
    masked = _masked_fields(recipient)
    return BuyerBlock(
        source=BuyerSource.COPIED_FROM_RECIPIENT,
        contact=recipient,
        reason=_COPIED_WHY + _still_masked(masked) if masked else _COPIED_WHY,
    )


_COPIED_WHY: Final = (
    "copied from the recipient (送付先と同じ): TikTok's order data carries no buyer (注文者)"
)


@functools.lru_cache(maxsize=128)
def _still_masked(masked: tuple[str, ...]) -> str:
    """The reason's tail naming the masked fields (a handful of combinations recur)."""
    return f"; still masked as TikTok sent them: {', '.join(masked)}"
