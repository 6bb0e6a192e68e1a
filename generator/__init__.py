"""briefing: turn source documents into a cited, bilingual (English/Arabic) briefing site."""
from __future__ import annotations

__version__ = "0.1.0"
