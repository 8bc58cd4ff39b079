"""Wire models whose endpoints the SDK does not call yet, and their stored official examples.

Each endpoint's official response example is stored under ``contract/models_only/<group>/``
with where it came from (no SDK call reads them yet, so the call conformance suite does not own
them), so the examples keep testing the models even where the reference snapshot is absent.
``contract/test_models_only.py`` checks every one the same way; the groups' own test modules
add what is particular to them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
from pydantic import BaseModel

__all__ = ["ENDPOINTS", "FIXTURES", "Documented", "data", "fixture"]

FIXTURES = Path(__file__).parent / "contract" / "models_only"


@attrs.frozen
class Documented:
    """An endpoint, exactly as versioned in the snapshot, and the model of its ``data``."""

    group: str
    """The fixtures' folder under ``contract/models_only/`` (``return-and-refund``...)."""
    document_id: str
    method: str
    path: str
    model: type[BaseModel]
    #: Dotted paths the model declares although this endpoint does not document them.
    undocumented_ok: tuple[str, ...] = ()


#: None at present: every endpoint with a model is called (its example is a contract
#: fixture); an endpoint modelled before it is called is listed here.
ENDPOINTS: tuple[Documented, ...] = ()


def fixture(endpoint: Documented) -> dict[str, Any]:
    """The stored fixture: ``provenance`` and the official ``response``."""
    loaded: dict[str, Any] = json.loads(
        (FIXTURES / endpoint.group / f"{endpoint.document_id}.json").read_text(encoding="utf-8")
    )
    return loaded


def data(document_id: str) -> Any:
    """The ``data`` of the official example of ``document_id``."""
    endpoint = next(e for e in ENDPOINTS if e.document_id == document_id)
    return fixture(endpoint)["response"]["data"]
