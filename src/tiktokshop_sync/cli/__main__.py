"""``python -m tiktokshop_sync.cli``: the same as the ``tiktokshop-sync`` console script."""

from __future__ import annotations

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
