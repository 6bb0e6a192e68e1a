"""A dossier from a stranger's pull request, built by an editor or in CI: its templates, theme overrides,
mkdocs.yml and links may run no code, read or remove nothing outside the dossier, and never hold the
build for ever. Each hostile dossier is the test dossier (tests/fixtures/mini) with one file added, and
each test fails if the protection it names is taken away.
"""
from __future__ import annotations

import functools
import inspect
import re
import subprocess
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import briefing

from generator.errors import BriefingError
from generator.views import templates
from generator.views.templates import Sandbox, TemplateFault, called_directly, environment, sandboxed, template_errors

# What a hostile template tries: the way out of Jinja that needs no help from the page, then a few others.
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ lipsum.__globals__['os'].system('touch MARK') }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ p.twice.__func__.__globals__ }}",
    "{{ p.__class__.__init__.__globals__ }}",
    "{{ '{0.__class__.__mro__}'.format(p) }}",
    "{{ dict.fromkeys('ab') }}",
    "{{ m.os.system('touch MARK') }}",
    "{{ things.get('m').os.system('touch MARK') }}",
    "{{ p.held.run('touch MARK') }}",
    "{{ p.other('touch MARK') }}",
    "{{ d.memo('x', p.other) }}",
    "{{ shown.append(1) }}",
    "{{ (10 ** 3000) ** 2 }}",
    "{% for i in range(10 ** 9) %}{% endfor %}",
]


class Runner:
    """Something no template may call: it would run a command."""

    def run(self, command: str) -> str:
        return subprocess.run(command, shell=True, check=False, capture_output=True, text=True).stdout

    def __call__(self, command: str) -> str:
        return self.run(command)


@called_directly
class Helpers:
    """Stands for a page context: its methods are called directly, and it holds an object of another kind."""

    def __init__(self) -> None:
        self.held = Runner()
        self.other = Runner().run   # a bound method of a class not marked, reached through one that is

    def twice(self, text: str) -> str:
        return text + text


class Memo:
    """Stands for the dossier: a method that calls what it is given."""

    def memo(self, key: str, compute: Any) -> Any:
        return compute(key)


def named(sources: str | dict[str, str]) -> jinja2.BaseLoader:
    """A loader of templates (one source is `t.j2`) that names their files as a file system loader would."""
    found = {"t.j2": sources} if isinstance(sources, str) else sources
    return jinja2.FunctionLoader(lambda name: (found[name], name, lambda: True) if name in found else None)


def render(source: str, env: Sandbox | None = None, **values: Any) -> str:
    env = env or environment(named(source))
    return env.get_template("t.j2").render(p=Helpers(), d=Memo(), m=subprocess, things={"m": subprocess},
                                           shown=[1, 2], **values)


@pytest.mark.parametrize("source", ESCAPES)
def test_a_template_reaches_nothing_but_its_data_and_the_pages_helpers(source: str, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateFault) as failed:
        render(source)
    assert failed.value.where == "t.j2" and failed.value.line == 1
    assert not (tmp_path / "MARK").exists()


def test_what_templates_do_still_works() -> None:
    """The page's helpers (and `p._`, its gettext), Jinja's own callables, methods of plain values."""
    @called_directly
    class Page:
        def _(self, message: str) -> str:
            return message.upper()

        def twice(self, text: str) -> str:
            return text * 2

    source = ("{% macro m(x) %}<{{ caller() }}{{ x }}>{% endmacro %}{% call m(1) %}c{% endcall %}"
              "{{ p._('hi') }} {{ p.twice('ab') }} {{ 'a,b'.split(',') | join('+') }} {{ {'k': 1}.get('k') }} "
              "{{ '{0}-{1}'.format(1, 2) }} {% set ns = namespace(n=0) %}{% for x in range(3) %}{% set ns.n = ns.n "
              "+ x %}{{ loop.cycle('a', 'b') }}{% endfor %}{{ ns.n }} {{ 2 ** 10 }} {{ cycler(1, 2).next() }}")
    env = environment(named(source))
    assert env.get_template("t.j2").render(p=Page()) == "<c1>HI abab a+b 1 1-2 aba3 1024 1"


def test_no_method_a_template_calls_directly_takes_a_callable_or_returns_a_path() -> None:
    """The short way of calling the page contexts' methods skips Jinja's checks: such a method must never
    call what a template gives it (it could be anything the template can reach), nor hand back a path
    (whose methods open files)."""
    import generator.pdf.context
    import generator.site.context  # noqa: F401 - both register the page contexts and their views
    found = []
    for kind in sorted(templates._CALLED_DIRECTLY, key=lambda k: k.__qualname__):
        if kind.__module__.startswith("generator."):
            for name, member in inspect.getmembers(kind):
                function = member.fget if isinstance(member, property) else \
                    member.func if isinstance(member, functools.cached_property) else member
                if (name.startswith("_") and name != "_") or not inspect.isfunction(function):
                    continue   # what starts with `_` (but the page's gettext) the sandbox keeps from templates
                notes = {key: str(value) for key, value in function.__annotations__.items()}
                if any("Callable" in note for key, note in notes.items() if key != "return") or \
                        re.search(r"\b(Path|ModuleType|Environment|type\[)", notes.get("return", "")):
                    found.append(f"{kind.__qualname__}.{name}")
    assert found == []
    assert any(kind.__name__ == "SiteContext" for kind in templates._CALLED_DIRECTLY)


def test_a_dossier_page_template_runs_no_command(mini: Path) -> None:
    """Once, `cycler.__init__.__globals__` reached `os.popen` and printed `uid=0(root)` into the site."""
    own = mini / "templates" / "pages"
    own.mkdir(parents=True)
    (own / "changes.md.j2").write_text("# Changes {#top}\n\n{{ cycler.__init__.__globals__.os.popen('id > "
                                       "MARK').read() }}\n", encoding="utf-8")
    result = briefing("--root", str(mini), "build", cwd=mini)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out and "internal error" not in out, out
    assert re.search(r"templates/pages/changes\.md\.j2:3:1: error: access to attribute '__init__' of 'type' object "
                     r"is unsafe \[template\]", out), out
    assert not (mini / "MARK").exists() and not (mini / "site").exists()


# --- theme overrides: MkDocs' own environment, sandboxed ----------------------------------------------

class Theme:
    """Stands for MkDocs' theme object: a public method that hands out an environment without a sandbox."""

    def get_env(self) -> jinja2.Environment:
        return jinja2.Environment()


def test_the_theme_environment_keeps_its_loader_globals_filters_and_translations_in_the_sandbox() -> None:
    plain = jinja2.Environment(loader=named({
        "t.html": "{% trans %}Hello{% endtrans %} {{ 'x' | shout }} {{ greet() }} {% if 1 is odd %}odd{% endif %}",
        "bad.html": "{{ config.theme.get_env().from_string('{{ 7 * 7 }}').render() }}",
        "hook.html": "{{ config.hooks['h'].os.getcwd() }}"}), extensions=["jinja2.ext.i18n"])
    plain.install_null_translations()  # type: ignore[attr-defined]
    plain.filters["shout"] = lambda text: text.upper() + "!"
    plain.globals["greet"] = lambda: "hi"
    safe = sandboxed(plain, lambda name: f"templates/overrides/{name}")
    assert safe.get_template("t.html").render() == "Hello X! hi odd"
    config = {"theme": Theme(), "hooks": {"h": subprocess}}
    for name in ("bad.html", "hook.html"):
        with pytest.raises(TemplateFault, match=rf"^templates/overrides/{name}:1: "):
            safe.get_template(name).render(config=config)
    assert "range" in safe.globals and safe.globals["range"] is not range


# --- a template that runs away --------------------------------------------------------------------

def test_a_template_that_loops_is_stopped_at_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "PAGE_SECONDS", 0.5)
    source = "a\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(BriefingError) as failed, template_errors("pages"):
        render(source)
    assert re.fullmatch(r"template error in t\.j2: the template ran for more than 0\.5 s, .*; fix the template",
                        str(failed.value))
    assert [(p.path, p.line) for p in failed.value.problems] == [("t.j2", 2)]


def test_a_template_that_recurses_without_end_is_stopped_at_its_line() -> None:
    """Once "internal error (RecursionError …)"."""
    source = "{% macro f(n) %}\n{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"
    with pytest.raises(BriefingError) as failed, template_errors("pages"):
        render(source)
    assert "calls itself more deeply than Python allows" in str(failed.value)
    assert [(p.path, p.line) for p in failed.value.problems] == [("t.j2", 2)]


def test_a_recursive_macro_in_a_dossier_is_a_located_error(mini: Path) -> None:
    own = mini / "templates" / "pages"
    own.mkdir(parents=True)
    (own / "grades.md.j2").write_text("# Grades {#top}\n\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}\n",
                                      encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "internal error" not in out and "Traceback" not in out, out
    assert re.search(r"templates/pages/grades\.md\.j2:3:1: error: the template calls itself more deeply", out), out

