"""Run the CLI as `python -m specdiff`."""
from __future__ import annotations

from specdiff.entry import main

raise SystemExit(main())
