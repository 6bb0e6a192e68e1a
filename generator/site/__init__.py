"""The web site: pages rendered from the fact base, then built by MkDocs, one project per language."""
