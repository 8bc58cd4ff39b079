"""Run a statement in a fresh interpreter, to see what an import loads (nothing is cached)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable


def loaded_after(statement: str, modules: Iterable[str] | None = None) -> list[str]:
    """Which of ``modules`` (default: every ``tiktokshop_sync.*`` one) ``statement`` loads."""
    wanted = "None" if modules is None else repr(tuple(modules))
    code = (
        f"import json, sys\n{statement}\nwanted = {wanted}\n"
        "print(json.dumps(sorted(m for m in sys.modules if (m in wanted if wanted is not None"
        " else m.startswith('tiktokshop_sync.')))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]
