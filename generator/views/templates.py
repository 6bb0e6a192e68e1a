"""Where a template comes from, what it may do, and what happens when one fails.

A dossier may override any single file of the shipped templates by a file of the same path in its
own `templates/`; everything else comes from the package. A dossier may come from a stranger's pull
request, so every template, shipped or not, runs in Jinja's sandbox (`Sandbox`), theme overrides
too (MkDocs' environment is swapped for one, `sandboxed`): it reads the data it is given and calls
the page's helpers, and cannot reach Python's insides, run a command or change what it is shown.
A template that runs away is stopped (`PAGE_SECONDS`, Python's own depth limit), and a broken one
is reported at its file and line, like any other bad input.
"""
from __future__ import annotations

import datetime
import os
import signal
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
import jinja2.utils
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from generator import shipped
from generator.errors import BriefingError, Problem
from generator.files import not_plain

# What a templates/ folder holds: pages, print templates, theme overrides, and CSS and scripts.
PAGES, PRINT, OVERRIDES, ASSETS = "pages", "print", "overrides", "assets"

# How long one page's template may run. At 1,000 sources all 1,278 pages of a language render in 1.8 s
# (README, "Speed and memory"), so no page takes longer; twenty seconds leaves room for a machine ten times
# slower or busy with other work, and still stops a template that loops for ever while an editor waits.
PAGE_SECONDS = 20.0
# The largest power a template may compute, in bits: `10 ** 10 ** 10` would keep a core busy for good
# inside one operation, where no time limit can stop it. A page's numbers fit in 64 bits.
MAX_POWER_BITS = 4096


@dataclass(frozen=True)
class Templates:
    """The folders templates are looked up in, the dossier's own first."""

    folders: tuple[Path, ...]

    @classmethod
    def for_dossier(cls, own: Path) -> Templates:
        """The dossier's `templates/` (when it has one) over the shipped templates."""
        default = shipped.templates()
        _only_plain_files(own)
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


def _only_plain_files(own: Path) -> None:
    """A dossier's templates are run, and its assets and theme files published as they are: a link among
    them would publish whatever it leads to (the process's environment, a repository's credentials) and
    a pipe or a device would hold the build for ever. Refused, each named, whether the link leads out of
    the dossier or not (`.git/` is inside it too)."""
    found = not_plain(own)
    if found:
        problems = [Problem(_shown(path, own.parent), 1, 1, "error", _not_a_template(what), "template-file")
                    for path, what in found]
        entries = "1 entry" if len(found) == 1 else f"{len(found)} entries"
        raise BriefingError(f"{entries} of {own.name}/ not a plain file or folder; nothing was built", problems)


def _not_a_template(what: str) -> str:
    if what.startswith("a link"):
        return (f"{what}: templates/ may hold no link, wherever it leads (it would be published or run); "
                "replace it with a copy of what it points to")
    return f"{what}, not a file: a build would wait on it for ever; remove it from templates/"


def _shown(path: Path | str, base: Path) -> str:
    """A path as the editor sees it: relative to the dossier when it lies there."""
    return Path(path).relative_to(base).as_posix() if Path(path).is_relative_to(base) else Path(path).as_posix()


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
        raise BriefingError(f"cannot read {_shown(where, own.parent)} ({why}); make it readable (chmod u+rx for a "
                            "folder, u+r for a file), or move it out of templates/: the dossier's own templates "
                            "override the shipped ones, so none may be passed over")


# --- what a template may do ------------------------------------------------------------------------

_CALLED_DIRECTLY: set[type] = set()


def called_directly(kind: type) -> type:
    """Class decorator: templates call this class's methods directly, and read its public attributes (and
    `_`, the page's gettext). None of its methods may take Jinja's context, or call what it is given."""
    _CALLED_DIRECTLY.add(kind)
    return kind


# Jinja's own objects a template calls, or calls the methods of: macros (and `caller`), blocks
# (`super()`, `self.name()`), recursive loops and `loop.cycle`, `cycler` and `joiner`, and an undefined
# value (which raises Jinja's own error when called).
_JINJA_OWN = (jinja2.runtime.Macro, jinja2.runtime.BlockReference, jinja2.runtime.LoopContext,
              jinja2.runtime.Undefined, jinja2.utils.Cycler, jinja2.utils.Joiner)
# Values whose methods a template may call: the immutable sandbox already hides those that change them. Of a
# value of a subclass (a record's text as `yamlio` read it), only the methods the built-in type has.
_VALUES = frozenset({str, Markup, int, float, bool, tuple, list, dict, set, frozenset, datetime.date,
                     datetime.datetime})
_VALUE_BASES = (str, int, float, tuple, list, dict, set, frozenset, datetime.date)


class TemplateFault(jinja2.TemplateRuntimeError):
    """A template that failed while it ran, with the file and line it stopped at (when one is known)."""

    def __init__(self, where: str | None, line: int | None, reason: str) -> None:
        super().__init__(f"{where}:{line}: {reason}; fix the template" if where else f"{reason}; fix the template")
        self.where, self.line, self.reason = where, line, reason


class TemplateTimeout(jinja2.TemplateRuntimeError):
    """A template that ran for longer than `PAGE_SECONDS`."""


class _Template(jinja2.Template):
    """A template that stops when it runs away, and names its file and line when it fails."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with time_limit(PAGE_SECONDS):
            try:
                return super().render(*args, **kwargs)
            except jinja2.TemplateSyntaxError:   # an included template that does not compile: located already
                raise
            except _FAULTS as exc:
                where = located(exc)
                shown = self.environment.shown if isinstance(self.environment, Sandbox) else str
                raise TemplateFault(shown(where[0]) if where else None, where[1] if where else None,
                                    _reason(exc)) from exc


# What a template can make go wrong while it runs (a bug in the generator's own code is none of these).
_FAULTS = (jinja2.TemplateError, LookupError, AttributeError, TypeError, ValueError, ArithmeticError, RecursionError)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template calls itself more deeply than Python allows (a macro that calls itself without end?)"
    return str(exc).rstrip(".") or type(exc).__name__


# The methods of text that Jinja's sandbox replaces by its own, which format through the sandbox.
_FORMATS = frozenset({"format", "format_map"})
# The function Jinja's sandbox puts in place of `str.format`, which formats through the sandbox.
_SANDBOXED_FORMAT = ImmutableSandboxedEnvironment().wrap_str_format("".format).__code__  # type: ignore[union-attr]


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (no attribute that starts with `_`, no Python internals, no changing a
    list or a dict), a little stricter, and as fast as the plain environment for what pages do most:

    - a template calls the methods of the classes marked `called_directly` (the page contexts and their
      views: hundreds of calls a page, called as they are), Jinja's own callables and the environment's
      globals, and the methods of plain values (text, numbers, lists, mappings, dates); nothing else,
      so no method of another object (MkDocs' `config.theme.get_env`, a plugin's events) is reachable;
    - it reads nothing of a module or a class (MkDocs' `config.hooks` holds modules);
    - `**` is bounded (`MAX_POWER_BITS`), as `range` is (Jinja's `MAX_RANGE`).
    """

    template_class = _Template
    intercepted_binops = frozenset({"**"})

    def __init__(self, *args: Any, shown: Callable[[str], str] = str, **kwargs: Any) -> None:
        """`shown`: how a template's file is named in messages."""
        super().__init__(*args, **kwargs)
        self.shown = shown
        self._readable: dict[tuple[type, str], bool] = {}

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`, read at once where `is_safe_attribute` allowed the same name of the same kind of
        object before (it decides by the kind and the name alone): a page reads thousands of attributes, and
        the sandbox's checks on each cost a sixth of the render of a large dossier. Anything else, and a
        text's `format` (which the sandbox wraps), goes through the sandbox's own `getattr`."""
        key = (type(obj), attribute)
        readable = self._readable.get(key)
        if readable is None:
            readable = self._readable[key] = attribute not in _FORMATS and self.is_safe_attribute(obj, attribute, None)
        if not readable:
            return super().getattr(obj, attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError):
            return self.undefined(obj=obj, name=attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj) in _CALLED_DIRECTLY:
            return attr == "_" or not attr.startswith("_")
        if isinstance(obj, (types.ModuleType, type)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        owner = getattr(obj, "__self__", None)
        if type(owner) in _CALLED_DIRECTLY or type(owner) in _VALUES:
            return True
        if isinstance(owner, _VALUE_BASES) and isinstance(obj, types.BuiltinMethodType):
            return True
        if isinstance(obj, _JINJA_OWN) or isinstance(owner, _JINJA_OWN):
            return True
        if any(obj is given for given in self.globals.values()):
            return True
        return getattr(obj, "__code__", None) is _SANDBOXED_FORMAT

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, /, *args: Any,  # noqa: N805 (Jinja's own)
             **kwargs: Any) -> Any:
        """The page contexts' methods are called as they are: Jinja's `call` would look for `pass_context` on
        each, two failing attribute look-ups, a quarter of the render of a large dossier. They take neither
        Jinja's context nor a callable. Everything else must be a callable `is_safe_callable` allows."""
        if getattr(__obj, "__self__", None).__class__ in _CALLED_DIRECTLY:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:   # as Jinja's own call would say it
                return __self.undefined("value was undefined because a callable raised a StopIteration exception")
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"a template may not call {_name(__obj)}: it may call the page's helpers (p.…), "
                                "macros and Jinja's own functions, and the methods of text, numbers, lists and "
                                "mappings")
        return __context.call(__obj, *args, **kwargs)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and \
                abs(left) > 1 and right * left.bit_length() > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} is a larger number than a template may compute "
                                f"(more than {MAX_POWER_BITS} bits)")
        return super().call_binop(context, operator, left, right)


def _name(obj: Any) -> str:
    """A callable as a message names it: its class and name, never its repr (which may print anything)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", None) or type(obj).__name__
    return f"{type(owner).__name__}.{name}" if owner is not None and not isinstance(owner, types.ModuleType) else name


def environment(loader: jinja2.BaseLoader, **options: Any) -> Sandbox:
    """A sandboxed Jinja environment for pages or print."""
    return Sandbox(loader=loader, **options)


def sandboxed(env: jinja2.Environment, shown: Callable[[str], str] = str) -> Sandbox:
    """`env` (MkDocs' environment for the theme) as a sandbox with the same loader, syntax, extensions,
    globals, filters, tests and policies, so that the theme's templates render as before while a
    dossier's overrides among them can do no more than any template here. Its templates are compiled
    anew: none compiled outside the sandbox is reused."""
    safe = Sandbox(
        block_start_string=env.block_start_string, block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string, variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string, comment_end_string=env.comment_end_string,
        line_statement_prefix=env.line_statement_prefix, line_comment_prefix=env.line_comment_prefix,
        trim_blocks=env.trim_blocks, lstrip_blocks=env.lstrip_blocks, newline_sequence=env.newline_sequence,
        keep_trailing_newline=env.keep_trailing_newline, extensions=list(env.extensions),
        optimized=env.optimized, undefined=env.undefined, finalize=env.finalize, autoescape=env.autoescape,
        loader=env.loader, auto_reload=env.auto_reload, bytecode_cache=env.bytecode_cache,
        enable_async=env.is_async, shown=shown)
    safe.globals.update({name: value for name, value in env.globals.items() if name != "range"})  # the bounded one
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.policies.update(env.policies)
    if hasattr(env, "newstyle_gettext"):   # how the i18n extension compiles {% trans %}, set after it was added
        safe.newstyle_gettext = env.newstyle_gettext  # type: ignore[attr-defined]
    return safe


# --- a template that runs away, or fails ----------------------------------------------------------

@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the block with `TemplateTimeout` after `seconds`, and again every second after that (a template
    may call code that catches one). Pages render in a process's main thread (the build's, a worker's,
    MkDocs'); elsewhere, where a signal cannot be received, nothing is limited."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    running = True

    def stop(_signal: int, _frame: object) -> None:
        if running:
            raise TemplateTimeout(f"the template ran for more than {seconds:g} s, far longer than any page "
                                  "needs (a loop that does not end?)")

    previous = signal.signal(signal.SIGALRM, stop)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    started = time.monotonic()
    try:
        yield
    finally:
        running = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if outer:   # a timer set around this one keeps what was left of its time
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


def located(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line a rendering error comes from: Jinja rewrites the traceback of a failed
    render so that each frame of template code names the template's file and line; the innermost wins."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


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
    except TemplateFault as exc:
        problems = [Problem(exc.where, exc.line or 1, 1, "error", exc.reason, "template")] if exc.where else []
        raise BriefingError(f"template error in {exc.where or part + '/'}: {exc.reason}; fix the template",
                            problems) from None
    except (jinja2.TemplateError, AttributeError, KeyError, TypeError) as exc:   # finding the template
        raise BriefingError(f"template error in {part}/: {exc}; fix the template") from None

