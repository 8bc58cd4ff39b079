"""Run the benchmarks, print their figures and record them in docs/performance.md.

    .venv/bin/python benchmarks/run.py                   # all of them (``make bench``)
    .venv/bin/python benchmarks/run.py overhead parse    # only these
    .venv/bin/python benchmarks/run.py e2e --full        # the import at 200,000 orders too

Each benchmark's block between the result markers of docs/performance.md is rewritten with
the date, Python version and CPU count; blocks of benchmarks not run are kept as they were,
and the summary of targets is rebuilt from every block.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import REPO, Figure

#: Command-line name -> (module, title), in the order a full run goes.
BENCHMARKS: dict[str, tuple[str, str]] = {
    "coldstart": ("cold_start", "Import time and first webhook parse"),
    "overhead": ("overhead", "Client overhead per call"),
    "parse": ("parsing", "Parsing orders into typed models"),
    "page": ("typed_page", "A typed page of TikTok's official order shape"),
    "memory": ("order_memory", "Memory per order held, official order shape"),
    "protos": ("prototypes.bench", "Issue 19 prototypes on the official order shape"),
    "pacing": ("pacing", "Pacing under a FakeShop quota"),
    "e2e": ("e2e_import", "End-to-end order import"),
    "fleet": ("fleet", "The fleet at 1,000 shops"),
}
#: Issue 19's targets, by (benchmark, figure), with the figure measured before the change
#: (docs/performance.md, "Baseline": runs at load 1.2 to 5 on 2 cores).
ISSUE_19: dict[tuple[str, str], str] = {
    ("page", "ratio, typed page vs raw httpx + json.loads"): "1.80-1.84×",
    ("page", "ratio, typed page vs the peer"): "0.58-0.66×",
    ("overhead", "overhead ratio, shops.authorized() vs raw"): "1.07×",
    ("memory", "typed Order held (tracemalloc)"): "21.2 KiB",
    ("memory", "typed Order held after every field was read once"): "21.2 KiB",
    ("memory", "peak RSS iterating 100,000 vs 10,000 orders (flat)"): "1.05×",
    ("coldstart", "ratio, SDK import + TikTokShop vs the peer's"): "2.18-2.25×",
    ("e2e", "import 100,000 orders: SDK-side CPU per order"): "195-203 µs",
    ("e2e", "import 100,000 orders: SDK-side CPU per order ÷ the baseline SDK's, paired"): "1×",
}
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- benchmark-results:start -->", "<!-- benchmark-results:end -->"
BLOCK = re.compile(r"<!-- bench:(?P<name>\w+) -->\n(?P<body>.*?)<!-- /bench:(?P=name) -->\n", re.S)
DATA = re.compile(r"<!-- bench-data (?P<json>.*?) -->")


def _environment() -> dict[str, str]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    cpus = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "cpus": f"{usable}" if usable == cpus else f"{usable} of {cpus}",
        "machine": f"{platform.system()} {platform.machine()}",
        "commit": commit,
    }


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def _run_one(name: str, full: bool) -> dict[str, Any]:
    module_name, title = BENCHMARKS[name]
    module = importlib.import_module(module_name)
    load_before = _load()
    started = time.perf_counter()
    result: dict[str, Any] = module.run(full=full)
    return {
        "name": name,
        "title": title,
        "figures": result["figures"],
        "notes": result.get("notes", []),
        "seconds": time.perf_counter() - started,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": f"{load_before} → {_load()}",
        "full": full,
    }


def _print(run: dict[str, Any]) -> None:
    figures: list[Figure] = run["figures"]
    width = max(len(f.name) for f in figures)
    print(f"\n== {run['title']} ({run['name']}, {run['seconds']:.0f} s) ==")
    for f in figures:
        target = f"target {f.target}" if f.target else ""
        print(f"  {f.name:<{width}}  {f.shown:>16}  {target:<20} {f.status:<6} {f.note}")
    for note in run["notes"]:
        print(f"  | {note}")


def _block(run: dict[str, Any], env: dict[str, str]) -> str:
    figures: list[Figure] = run["figures"]
    lines = [
        f"### {run['title']}",
        "",
        f"Measured {run['when']} · {env['python']} · {env['cpus']} CPUs · {env['machine']} · "
        f"commit {env['commit']} · load average {run['load']} · "
        f"`{run['name']}{' --full' if run['full'] else ''}` took {run['seconds']:.0f} s",
        "",
        "| Figure | Result | Target | Status | Note |",
        "|---|---:|---|---|---|",
    ]
    for f in figures:
        status = {"met": "met", "MISSED": "**missed**"}.get(f.status, "")
        lines.append(f"| {f.name} | {f.shown} | {f.target} | {status} | {f.note} |")
    if run["notes"]:
        lines += ["", "Notes from this run:", "", "```text", *run["notes"], "```"]
    targeted = [
        {"name": f.name, "result": f.shown, "target": f.target, "status": f.status}
        for f in figures
        if f.target
    ]
    data = json.dumps(
        {"title": run["title"], "when": run["when"], "load": run["load"], "targets": targeted}
    )
    lines += ["", f"<!-- bench-data {data} -->", ""]
    return "\n".join(lines)


def _issue_19(blocks: dict[str, str]) -> list[str]:
    """Issue 19's targets, before and after, each with the load its benchmark ran under."""
    lines = [
        "### Issue 19 at a glance",
        "",
        "| Figure | Before | After | Target | Status | Load average | Measured |",
        "|---|---:|---:|---|---|---|---|",
    ]
    for (name, figure), before in ISSUE_19.items():
        match = DATA.search(blocks.get(name, ""))
        if not match:
            continue
        data = json.loads(match.group("json"))
        for t in data["targets"]:
            if t["name"] == figure:
                status = "met" if t["status"] == "met" else "**missed**"
                lines.append(
                    f"| {figure} | {before} | {t['result']} | {t['target']} | {status} "
                    f"| {data.get('load', '')} | {data['when']} |"
                )
    return [*lines, ""] if len(lines) > 4 else []


def _summary(blocks: dict[str, str]) -> str:
    lines = [
        *_issue_19(blocks),
        "### Targets at a glance",
        "",
        "| Benchmark | Figure | Result | Target | Status | Measured |",
        "|---|---|---:|---|---|---|",
    ]
    for name in BENCHMARKS:
        match = DATA.search(blocks.get(name, ""))
        if not match:
            continue
        data = json.loads(match.group("json"))
        for t in data["targets"]:
            status = "met" if t["status"] == "met" else "**missed**"
            lines.append(
                f"| {data['title']} | {t['name']} | {t['result']} | {t['target']} | {status} "
                f"| {data['when']} |"
            )
    return "\n".join([*lines, ""])


def write_doc(runs: list[dict[str, Any]], env: dict[str, str], doc: Path = DOC) -> None:
    """Replace the blocks of the benchmarks that ran; rebuild the summary from all blocks."""
    text = doc.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{doc} has no {START} … {END} markers; add them where results go.")
    head, rest = text.split(START, 1)
    inside, tail = rest.split(END, 1)
    blocks = {m.group("name"): m.group("body") for m in BLOCK.finditer(inside)}
    for run in runs:
        blocks[run["name"]] = _block(run, env)
    body = [_summary(blocks)]
    body += [
        f"<!-- bench:{n} -->\n{blocks[n]}<!-- /bench:{n} -->\n" for n in BENCHMARKS if n in blocks
    ]
    doc.write_text(f"{head}{START}\n\n" + "\n".join(body) + f"\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmarks (all by default), print them and update the doc."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"any of {', '.join(BENCHMARKS)} (default: all)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="larger sizes and more repeats (the import up to 200,000 orders)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave the doc alone")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(
            f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}"
        )
    names = list(dict.fromkeys(args.names)) or list(BENCHMARKS)
    env = _environment()
    print(f"{env['python']} · {env['cpus']} CPUs · {env['machine']} · commit {env['commit']}")
    runs = []
    for name in names:
        run = _run_one(name, args.full)
        _print(run)
        runs.append(run)
    if not args.no_write:
        write_doc(runs, env)
        print(f"\nwrote {DOC.relative_to(REPO)}")
    missed = [f"{r['name']}: {f.name}" for r in runs for f in r["figures"] if f.met is False]
    print("\ntargets missed:" if missed else "\nall targets met")
    for line in missed:
        print(f"  {line}")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
