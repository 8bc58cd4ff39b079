"""The OAuth token reply (same shape for get and refresh)."""

from __future__ import annotations

from pydantic import Field

from .._core.tokens import TokenSet
from ._base import Timestamp, WireModel

__all__ = ["TokenGrant"]


class TokenGrant(WireModel):
    """``data`` of ``/api/v2/token/get`` and ``/api/v2/token/refresh``.

    ``*_expire_in`` are absolute Unix timestamps despite their names.
    """

    access_token: str
    access_token_expire_in: Timestamp
    refresh_token: str
    refresh_token_expire_in: Timestamp
    open_id: str
    seller_name: str = ""
    seller_base_region: str = ""
    user_type: int | None = None
    granted_scopes: list[str] = Field(default_factory=list)

    def __repr__(self) -> str:
        return f"TokenGrant(open_id={self.open_id!r}, seller_name={self.seller_name!r}, tokens=***)"

    def to_token_set(self) -> TokenSet:
        """The tokens as the value stores keep."""
        return TokenSet(
            access_token=self.access_token,
            access_token_expires_at=self.access_token_expire_in,
            refresh_token=self.refresh_token,
            refresh_token_expires_at=self.refresh_token_expire_in,
            open_id=self.open_id,
            seller_name=self.seller_name,
            seller_base_region=self.seller_base_region,
            granted_scopes=self.granted_scopes,  # type: ignore[arg-type]  # attrs converts to tuple
        )
