"""Templates that fail: a broken template is reported at its file and line, like any other bad input."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import jinja2

from generator.errors import BriefingError, Problem


@contextmanager
def template_errors(folder: Path) -> Iterator[None]:
    """A broken template is reported with its file and line, like any other bad input."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise BriefingError(f"template error: {exc.message}; fix the template",
                            [Problem((folder / (exc.name or "?")).as_posix(), exc.lineno, 1, "error",
                                     exc.message or "syntax error", "template")]) from None
    except (jinja2.TemplateError, AttributeError, KeyError, TypeError) as exc:
        where = _template_line(exc)
        problems = [Problem(where[0], where[1], 1, "error", str(exc), "template")] if where else []
        raise BriefingError(f"template error in {folder}: {exc}; fix the template", problems) from None


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
