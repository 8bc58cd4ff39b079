"""The SDK measured against TikTok's published contract (tests' helpers, not tests).

``calls`` lists every endpoint the SDK calls through the public method that calls it;
``fixtures`` keeps TikTok's official examples in the project; ``fields`` compares the models
with the documented reply fields; ``compatibility`` renders ``docs/reference/compatibility.md``.
Run ``python -m conformance`` (with ``tests`` on the path; ``make contract``) to refresh the
fixtures and the page from the snapshot.
"""

from __future__ import annotations

from spec_oracle import Endpoint, catalog, token_endpoints

from .fixtures import fixture_key

__all__ = ["endpoint_for"]


def endpoint_for(key: str) -> Endpoint:
    """The documented endpoint of the fixture ``key`` (``orders/get-order-list-202309``)."""
    for endpoint in (*catalog().values(), *token_endpoints()):
        if fixture_key(endpoint) == key:
            return endpoint
    raise KeyError(f"no endpoint in TikTok's reference snapshot has the fixture key {key!r}")
