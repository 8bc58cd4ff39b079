"""The SDK measured against TikTok's published contract (tests' helpers, not tests).

``calls`` lists every endpoint the SDK calls through the public method that calls it;
``fixtures`` keeps TikTok's official examples in the project; ``fields`` compares the models
with the documented reply fields; ``compatibility`` renders ``docs/reference/compatibility.md``.
Run ``python -m conformance`` (with ``tests`` on the path; ``make contract``) to refresh the
fixtures and the page from the snapshot.
"""

from __future__ import annotations

from typing import Any

from spec_oracle import Endpoint, catalog, find, token_endpoints
from tiktokshop_sync._core.endpoint import Endpoint as TableRow
from tiktokshop_sync._core.request import Host

from .fixtures import fixture_key

__all__ = ["documented", "endpoint_for"]


def endpoint_for(key: str) -> Endpoint:
    """The documented endpoint of the fixture ``key`` (``orders/get-order-list-202309``)."""
    for endpoint in (*catalog().values(), *token_endpoints()):
        if fixture_key(endpoint) == key:
            return endpoint
    raise KeyError(f"no endpoint in TikTok's reference snapshot has the fixture key {key!r}")


def documented(row: TableRow[Any]) -> Endpoint:
    """The documented endpoint of an endpoint-table row (any version of its path).

    The token endpoints (auth host) have no reference page: the authorization guides document
    them (:func:`spec_oracle.token_endpoints`).
    """
    if row.host is Host.AUTH:
        for endpoint in token_endpoints():
            if (endpoint.method, endpoint.path) == (row.method, row.path):
                return endpoint
        raise KeyError(f"{row.method} {row.path} is not in TikTok's authorization guides")
    return find(row.method, row.path, any_version=True)
