"""The web site: pages rendered from the fact base, then built by MkDocs, one project per language."""

# The Markdown of every page of a language, in one file beside its mkdocs.yml ({path under docs/: text}).
# The hooks hand each page to MkDocs from there (`mkdocs_hooks.on_files`), so that a build does not make
# a file per page before MkDocs makes one per page again.
PAGES_FILE = "pages.json"
