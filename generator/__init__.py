"""briefing: turn source documents into a cited, bilingual (English/Arabic) briefing site.

The version is written once, in pyproject.toml; `shipped.version()` reads it from the installed metadata.
"""
