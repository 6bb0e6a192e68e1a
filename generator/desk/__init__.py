"""The editor's desk: `briefing serve`'s pages at /desk/ for curating a dossier in a browser.

A thin layer over `generator.edit` (the same operations as the command line): `guards` refuses what
must never reach it, `app` routes a request to a page or a change, `pages` gathers what a page shows
and renders the templates beside it."""
