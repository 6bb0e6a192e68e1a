"""Where a template comes from, and what happens when one fails.

A dossier may override any single file of the shipped templates by a file of the same path in its
own `templates/`; everything else comes from the package. A broken template is reported at its
file and line, like any other bad input.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime

from generator import shipped
from generator.errors import BriefingError, Problem

# What a templates/ folder holds: pages, print templates, theme overrides, and CSS and scripts.
PAGES, PRINT, OVERRIDES, ASSETS = "pages", "print", "overrides", "assets"


@dataclass(frozen=True)
class Templates:
    """The folders templates are looked up in, the dossier's own first."""

    folders: tuple[Path, ...]

    @classmethod
    def for_dossier(cls, own: Path) -> Templates:
        """The dossier's `templates/` (when it has one) over the shipped templates."""
        default = shipped.templates()
        if own.is_dir() and own.resolve() != default.resolve():
            _all_readable(own)
            return cls((own, default))
        return cls((default,))

    def loader(self, part: str) -> jinja2.BaseLoader:
        return jinja2.FileSystemLoader([str(folder / part) for folder in self.folders])

    def files(self, part: str) -> dict[str, Path]:
        """Every file of one part by its path inside the part; a dossier's own file wins."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            base = folder / part
            for path in sorted(base.rglob("*")) if base.is_dir() else []:
                if path.is_file():
                    found[path.relative_to(base).as_posix()] = path
        return dict(sorted(found.items()))


class _Context(jinja2.runtime.Context):
    """Jinja's context, with a short way for the calls templates make most (a page has hundreds):
    a page context's own methods (`p.link(…)`, see `views.context.PageContext`), which never take
    Jinja's context or environment, are called as they are, without the look for `pass_context`
    that Jinja makes for any other callable; everything else is Jinja's own `call`."""

    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:  # positional-only, as in Jinja's own
        if getattr(obj, "__self__", None).__class__ in _CALLED_DIRECTLY:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                return obj(*args, **kwargs)
            except StopIteration:   # as Jinja's own call would say it
                return self.environment.undefined("value was undefined because a callable raised a "
                                                  "StopIteration exception")
        return super().call(obj, *args, **kwargs)


_CALLED_DIRECTLY: set[type] = set()


def called_directly(kind: type) -> type:
    """Class decorator: templates call this class's methods directly (none may take Jinja's context)."""
    _CALLED_DIRECTLY.add(kind)
    return kind


def environment(loader: jinja2.BaseLoader, **options: Any) -> jinja2.Environment:
    """A Jinja environment for pages or print, with the short way of calling page contexts' methods."""
    env = jinja2.Environment(loader=loader, **options)
    env.context_class = _Context
    return env


def _all_readable(own: Path) -> None:
    """A dossier's template the user may not read would be passed over, and the shipped one used in its
    place without a word: refused instead, naming it."""
    unread: list[tuple[str, str]] = []
    for top, _dirs, names in os.walk(own, onerror=lambda exc: unread.append((exc.filename or str(own),
                                                                             exc.strerror or str(exc)))):
        for name in names:
            try:
                with open(os.path.join(top, name), "rb"):
                    pass
            except OSError as exc:
                unread.append((os.path.join(top, name), exc.strerror or str(exc)))
    if unread:
        where, why = unread[0]
        rel = Path(where).relative_to(own.parent).as_posix() if Path(where).is_relative_to(own.parent) else where
        raise BriefingError(f"cannot read {rel} ({why}); make it readable (chmod u+rx for a folder, u+r for a "
                            "file), or move it out of templates/: the dossier's own templates override the "
                            "shipped ones, so none may be passed over")


@contextmanager
def template_errors(part: str) -> Iterator[None]:
    """A broken template is reported with its file and line, like any other bad input."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or f"{part}/{exc.name or '?'}"
        raise BriefingError(f"template error: {exc.message}; fix the template",
                            [Problem(Path(where).as_posix(), exc.lineno, 1, "error",
                                     exc.message or "syntax error", "template")]) from None
    except (jinja2.TemplateError, AttributeError, KeyError, TypeError) as exc:
        found = _template_line(exc)
        problems = [Problem(found[0], found[1], 1, "error", str(exc), "template")] if found else []
        shown = f" {found[0]}" if found else ""
        raise BriefingError(f"template error in{shown or ' ' + part + '/'}: {exc}; fix the template",
                            problems) from None


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line a rendering error comes from: Jinja compiles templates to Python
    whose frames carry the template's file name and map back to its lines."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = (Path(name).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found
