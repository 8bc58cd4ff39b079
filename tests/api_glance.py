"""Writes ``docs/reference/api.md``, every method of the client in one table (openai's api.md).

``tests/test_api_glance.py`` fails when the page differs from what this renders; refresh it with
``.venv/bin/python tests/api_glance.py``. The rows come from the code: each view's resource
attributes (read off views built on a FakeShop), each resource's public methods with their
parameters and return annotation, the endpoint table's HTTP method and path, and the workflows
that plan and apply.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from griffe_sphinx_roles import plain_roles

import tiktokshop_sync.workflows as workflows
from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.resources._endpoints import ALL
from tiktokshop_sync.testing import FakeShop

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "api.md"
WORKFLOW_METHODS = ("plan", "apply", "run", "run_once", "check", "report")

HEADER = """# API at a glance

Every method of the client, its views and resources, and the workflows, one row each; the
[reference pages](client.md) have the parameters' types and meanings. Every async class
(`AsyncTikTokShop`, `AsyncShopClient`, `AsyncOrders`, `AsyncOrderImport`...) has the same
methods, awaited, and its searches return an `AsyncPager` for `async for`.

Generated from the code by `tests/api_glance.py`; a test fails when this page is out of date.
"""


def _params(function: Callable[..., Any]) -> str:
    shown: list[str] = []
    star = False
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.kind is parameter.VAR_POSITIONAL:
            shown.append(f"*{parameter.name}")
            star = True
        elif parameter.kind is parameter.VAR_KEYWORD:
            shown.append(f"**{parameter.name}")
        else:
            if parameter.kind is parameter.KEYWORD_ONLY and not star:
                shown.append("*")
                star = True
            optional = parameter.default is not parameter.empty
            shown.append(f"{parameter.name}=…" if optional else parameter.name)
    return ", ".join(shown)


def _type_arguments(cls: type) -> dict[str, str]:
    """What the generic bases' type variables stand for in ``cls`` (``PlanT`` → a plan class)."""
    found: dict[str, str] = {}
    for klass in cls.__mro__:
        for base in getattr(klass, "__orig_bases__", ()):
            origin = getattr(base, "__origin__", None)
            for variable, argument in zip(
                getattr(origin, "__parameters__", ()), getattr(base, "__args__", ()), strict=False
            ):
                shown = getattr(argument, "__name__", None) or str(argument)
                found.setdefault(variable.__name__, found.get(shown, shown))
    return found


def _returns(function: Callable[..., Any], owner: type) -> str:
    annotation = inspect.signature(function).return_annotation
    if annotation is inspect.Signature.empty:
        return ""
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    text = owner.__name__ if text == "Self" else _type_arguments(owner).get(text, text)
    return f"`{text}`"


def _what(obj: Any) -> str:
    doc = inspect.getdoc(obj) or ""
    return plain_roles(" ".join(doc.split("\n\n", 1)[0].split())).replace("|", "\\|")


def _methods(cls: type) -> Iterator[tuple[str, Any]]:
    """Public methods of ``cls`` and of its bases in this package, bases' first, each once."""
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("tiktokshop_sync"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_"):
                continue
            if isinstance(value, classmethod):
                found[name] = value  # shown on the class: TikTokShop.from_env(...)
            elif inspect.isfunction(value):
                found[name] = value
    yield from found.items()


def _row(owner: type, receiver: str, name: str, function: Any, http: str | None = None) -> str:
    if isinstance(function, classmethod):
        receiver, function = owner.__name__, function.__func__
    call = f"`{receiver}.{name}({_params(function)})`"
    returns = _returns(function, owner)
    cells = [call, returns, *([http] if http is not None else []), _what(function)]
    return "| " + " | ".join(cells) + " |"


def _views() -> dict[str, Any]:
    fake = FakeShop(seed=1)
    client = fake.client(token_store=InMemoryTokenStore())
    open_id = client.oauth.exchange_code(fake.authorize()).open_id
    seller = client.seller(open_id)
    shop = seller.shop(fake.shops[0].cipher)
    client.close()
    return {"client": client, "seller": seller, "shop": shop}


def _resources(view: Any) -> Iterator[tuple[str, Any]]:
    """A view's resources (``shop.orders``...), in the order its class declares them."""
    names = dict.fromkeys(
        [*vars(view), *(n for klass in reversed(type(view).__mro__) for n in vars(klass))]
    )
    for name in names:
        if name.startswith("_"):
            continue
        value = getattr(view, name, None)
        if type(value).__module__.startswith("tiktokshop_sync.resources."):
            yield name, value


def render() -> str:
    """The page's Markdown."""
    views = _views()
    http = {row.name: f"`{row.method} {row.path}`" for row in ALL}
    lines = [HEADER]

    lines += ["## Client and views", "", "| Call | Returns | What |", "|---|---|---|"]
    for receiver, view in views.items():
        cls = type(view)
        lines.append(f"| **`{receiver}`: `{cls.__name__}`** | | {_what(cls)} |")
        lines += [_row(cls, receiver, name, function) for name, function in _methods(cls)]
    lines.append("")

    lines += ["## Resources", "", "| Call | Returns | HTTP | What |", "|---|---|---|---|"]
    for receiver, view in views.items():
        for attribute, resource in _resources(view):
            where = f"{receiver}.{attribute}"
            for name, function in _methods(type(resource)):
                row_http = http.get(f"{attribute}.{name}", "")
                lines.append(_row(type(resource), where, name, function, row_http))
    lines.append("")

    lines += ["## Workflows", "", "| Call | Returns | What |", "|---|---|---|"]
    for name in workflows.__all__:
        cls = getattr(workflows, name)
        if not isinstance(cls, type) or name.startswith("Async"):
            continue
        methods = [(m, f) for m, f in _methods(cls) if m in WORKFLOW_METHODS]
        if not methods:
            continue
        lines.append(f"| **`job = {name}({_params(cls.__init__)})`** | | {_what(cls)} |")
        lines += [_row(cls, "job", m, f) for m, f in methods]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
