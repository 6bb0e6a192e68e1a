"""`python -m generator` is the `briefing` command."""
from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
