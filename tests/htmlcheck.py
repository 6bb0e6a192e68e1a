"""Reading built pages back: ids, links and footnotes, with the standard library's HTML parser."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str | None]] = []  # href, id of the enclosing footnote <li>
        self.html_attrs: dict[str, str] = {}
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self._footnote: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_attrs = a
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "li":
            self._footnote.append(a.get("id") if a.get("id", "").startswith("fn:") else None)
        if tag == "a" and "href" in a:
            current = next((f for f in reversed(self._footnote) if f), None)
            self.links.append((a["href"], current))
        if tag == "script":
            self.scripts.append(a.get("src", "inline"))

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        """The page's text as a reader sees it (character references decoded)."""
        return " ".join(" ".join(self.text_parts).split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._footnote:
            self._footnote.pop()


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    return target, unquote(parts.fragment)


def check_footnote_links(site: Path) -> int:
    """Assert that every link inside a footnote lands on an existing page and anchor; count them."""
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for href, footnote in scan(page).links:
            if footnote is None or href.startswith(("http:", "https:", "#fnref")):
                continue
            target, fragment = resolve(page, href)
            assert target.is_file(), f"{page}: {href}"
            assert not fragment or fragment in scan(target).ids, f"{page}: {href} has no anchor"
            checked += 1
    return checked


def check_internal_links(site: Path) -> tuple[int, int]:
    """Assert that every link between pages lands on an existing file and, where it names one, on an
    existing anchor; return (links checked, footnotes on the pages), so that a scan that stopped
    seeing links cannot pass for a clean one."""
    ids: dict[Path, set[str]] = {}
    links = footnotes = 0
    # 404.html is served at any depth, so MkDocs writes its links from the root; it is checked apart.
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        found = scan(page)
        ids[page] = found.ids
        footnotes += sum(i.startswith("fn:") for i in found.ids)
        for href, _ in found.links:
            if href.startswith(("http:", "https:", "mailto:")) or href in ("", "#"):
                continue
            target, fragment = resolve(page, href)
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = scan(target).ids
                assert fragment in ids[target], f"{page.relative_to(site)} links to {href}: no such anchor"
            links += 1
    return links, footnotes
