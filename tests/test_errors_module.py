"""``tiktokshop_sync.errors`` holds every public exception class of the package, and stays light."""

from __future__ import annotations

import importlib

from package_checks import loaded_after, public_modules
from tiktokshop_sync import errors


def _public_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class a public module lists in ``__all__`` (warnings are not errors)."""
    found: dict[str, type[BaseException]] = {}
    for name in public_modules():
        if name == "tiktokshop_sync.errors":
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            value = getattr(module, attr)
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and not issubclass(value, Warning)
            ):
                found.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return found


def test_every_public_exception_class_is_importable_from_errors() -> None:
    missing = [
        where
        for where, cls in _public_exceptions().items()
        if getattr(errors, cls.__name__, None) is not cls
    ]
    assert missing == []


def test_the_finder_sees_errors_defined_outside_the_client() -> None:
    found = {cls.__name__ for cls in _public_exceptions().values()}
    assert {
        "WebhookSignatureError",
        "DomainConfigError",
        "PostalDataNotInstalledError",
        "HolidayDataNotInstalledError",
        "SettlementDataError",
        "StoreError",
    } <= found


def test_errors_lists_only_exception_classes() -> None:
    assert [n for n in errors.__all__ if not issubclass(getattr(errors, n), BaseException)] == []


def test_importing_errors_loads_neither_pydantic_nor_the_other_layers() -> None:
    others = ("pydantic", "httpx", "tiktokshop_sync.webhooks", "tiktokshop_sync.domain")
    assert loaded_after("import tiktokshop_sync.errors as e; e.APIError", others) == []


def test_a_webhook_error_from_errors_is_the_one_the_verifier_raises() -> None:
    from tiktokshop_sync.webhooks import WebhookSignatureError

    assert errors.WebhookSignatureError is WebhookSignatureError
