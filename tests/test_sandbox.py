"""A dossier from a stranger's pull request, built by an editor or in CI: its templates, theme overrides,
mkdocs.yml and links may run no code, read or remove nothing outside the dossier, and never hold the
build for ever. Each hostile dossier is the test dossier (tests/fixtures/mini) with one file added, and
each test fails if the protection it names is taken away.
"""
from __future__ import annotations

import functools
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import MINI, PROJECT, briefing, copy_dossier
from mkdocs.utils.yaml import yaml_load

# the page contexts and their views, registered for the templates' short calls as they are imported
import generator.pdf.context
import generator.site.context  # noqa: F401 - imported for the registration above
from generator.errors import BriefingError
from generator.factbase.yamlio import Str as Text
from generator.layout import Layout
from generator.site import mkdocs_config
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
    "{{ mapping.run('touch MARK') }}",
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


class Mapping(dict[str, str]):
    """A dict of another kind: its own methods are not the built-in type's."""

    def run(self, command: str) -> str:
        return Runner().run(command)


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
                                           shown=[1, 2], mapping=Mapping(a="b"), **values)


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
    source += " {{ mapping.get('a') }} {{ text.upper() }}"
    env = environment(named(source))
    assert env.get_template("t.j2").render(p=Page(), mapping=Mapping(a="b"), text=Text("x", 1, 1)) == \
        "<c1>HI abab a+b 1 1-2 aba3 1024 1 b X"


def test_no_method_a_template_calls_directly_takes_a_callable_or_returns_a_path() -> None:
    """The short way of calling the page contexts' methods skips Jinja's checks: such a method must never
    call what a template gives it (it could be anything the template can reach), nor hand back a path
    (whose methods open files)."""
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



@pytest.mark.slow
def test_a_theme_override_runs_no_command_and_the_site_is_built_as_before(mini: Path) -> None:
    """Once, an override under templates/overrides/ ran a command through MkDocs' own environment. Now it is
    refused at its file and line; and an override that only uses the theme still builds."""
    own = mini / "templates" / "overrides"
    own.mkdir(parents=True)
    main = own / "main.html"
    main.write_text('{% extends "base.html" %}\n{% block content %}{{ super() }}'
                    "{{ cycler.__init__.__globals__.os.popen('id > MARK').read() }}{% endblock %}\n", encoding="utf-8")
    result = briefing("--root", str(mini), "build", cwd=mini)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert re.search(r"Error building page '\S+': templates/overrides/main\.html:2: access to attribute '__init__' "
                     r"of 'type' object is unsafe; fix the template", out), out
    assert out.count("is unsafe") == 1, out   # said once, not again as the traceback's last line
    assert not (mini / "MARK").exists() and not (mini / "site").exists()
    main.write_text('{% extends "base.html" %}\n{% block content %}{{ super() }}<p class="own">{{ page.title }} · '
                    "{{ config.theme.language }} · {{ 'a b'.split() | join('+') }}</p>{% endblock %}\n",
                    encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 0, result.stderr
    page = (mini / "site" / "grades.html").read_text(encoding="utf-8")
    assert '<p class="own">How sources and claims are graded · en · a+b</p>' in page


# --- the dossier's mkdocs.yml ------------------------------------------------------------------------

def with_extensions(root: Path, listed: str) -> Path:
    """The dossier's mkdocs.yml with `listed` (YAML list items) added to its Markdown extensions."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - admonition\n", "  - admonition\n" + listed),
                      encoding="utf-8")
    return config


# What is added to mkdocs.yml, the line of it where the problem is, its column, and what is said there.
HOSTILE_CONFIG = {
    "object/apply": ('extra:\n  x: !!python/object/apply:os.system ["touch MARK"]\n', 2, 6,
                     r"the YAML tag !!python/object/apply:os\.system is not allowed"),
    "name": ("extra:\n  x: !!python/name:os.system\n", 2, 6, r"the YAML tag !!python/name:os\.system is not allowed"),
    "object/new": ("extra:\n  x: !!python/object/new:subprocess.Popen [[touch, MARK]]\n", 2, 6,
                   r"the YAML tag !!python/object/new:subprocess\.Popen is not allowed"),
    "env": ("copyright: !ENV [GITHUB_TOKEN, none]\n", 1, 12,
            r"the tag !ENV is not allowed: it would copy the builder's environment"),
    "relative": ("extra:\n  x: !relative $config_dir\n", 2, 6, r"the YAML tag !relative is not allowed"),
    "alias": ("extra:\n  a: &big [1, 2]\n  b: *big\n", 3, 6, r"YAML aliases \(\*name\) are not allowed"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CONFIG))
def test_the_dossier_mkdocs_yml_is_read_without_running_it(case: str, mini: Path) -> None:
    """Once, `!!python/object/apply:os.system` in a dossier's mkdocs.yml ran a command (MkDocs' own loader)."""
    added, line, col, said = HOSTILE_CONFIG[case]
    config = mini / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + added, encoding="utf-8")
    line += len(text.splitlines())
    result = briefing("--root", str(mini), "build", cwd=mini)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert re.search(rf"^mkdocs\.yml:{line}:{col}: error: {said}", out, re.MULTILINE), out
    assert not (mini / "MARK").exists() and not (mini / "site").exists()


def test_an_extension_that_copies_files_into_pages_is_refused(mini: Path, tmp_path: Path) -> None:
    """Once, `pymdownx.snippets` with `base_path: [/]` and a page template saying `--8<-- "/…/secret"` put a
    file from outside the dossier into the site."""
    (tmp_path / "secret.txt").write_text("SECRET-TOKEN\n", encoding="utf-8")
    config = with_extensions(mini, "  - pymdownx.snippets:\n      base_path: [/]\n      restrict_base_path: false\n")
    (mini / "templates" / "pages").mkdir(parents=True)
    (mini / "templates" / "pages" / "grades.md.j2").write_text(f'# Grades\n\n--8<-- "{tmp_path / "secret.txt"}"\n',
                                                               encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("  - pymdownx.snippets:") + 1
    result = briefing("--root", str(mini), "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert re.search(rf"^mkdocs\.yml:{line}:5: error: the Markdown extension pymdownx\.snippets is not allowed: it "
                     r"copies files from the disk into the pages, .*; remove it \[mkdocs-config\]$", out, re.MULTILINE)
    assert not (mini / "site").exists()


def test_the_tags_materials_extensions_need_reach_mkdocs_as_they_were(mini: Path) -> None:
    """Read with MkDocs' own loader, what the build hands MkDocs is the configuration the file gives, the
    allowed Python names included; and the shipped mkdocs.yml gives MkDocs exactly what it gave before."""
    with_extensions(mini, "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                          "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
                          "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
                          "          class: mermaid\n"
                          "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
    for root in (mini, PROJECT):
        text = mkdocs_config.text(mkdocs_config.read(Layout(root)))
        with (root / "mkdocs.yml").open("rb") as handle:
            assert yaml_load(text) == yaml_load(handle)
    listed = yaml_load(mkdocs_config.text(mkdocs_config.read(Layout(mini))))["markdown_extensions"]
    emoji = next(item["pymdownx.emoji"] for item in listed if isinstance(item, dict) and "pymdownx.emoji" in item)
    assert emoji["emoji_index"] is importlib.import_module("material.extensions.emoji").twemoji


def test_inherit_reaches_files_inside_the_dossier_only(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    (mini / "config").mkdir()
    (mini / "config" / "base.yml").write_text("theme:\n  palette:\n    primary: indigo\ncopyright: ours\n",
                                              encoding="utf-8")
    config.write_text("INHERIT: config/base.yml\n" + original, encoding="utf-8")
    with config.open("rb") as handle:
        assert yaml_load(mkdocs_config.text(mkdocs_config.read(Layout(mini)))) == yaml_load(handle)
    (tmp_path / "outside.yml").write_text("copyright: !!python/object/apply:os.system [touch MARK]\n",
                                          encoding="utf-8")
    for named in ("../outside.yml", str(tmp_path / "outside.yml"), "mkdocs.yml"):
        config.write_text(f"INHERIT: {named}\n" + original, encoding="utf-8")
        with pytest.raises(BriefingError) as refused:
            mkdocs_config.read(Layout(mini))
        assert [(p.path, p.line, p.col) for p in refused.value.problems] == [("mkdocs.yml", 1, 1)], named
        assert re.search("outside the dossier|comes back to a file already inherited",
                         refused.value.problems[0].message)


def test_a_dossier_module_is_never_imported_as_a_markdown_extension(mini: Path) -> None:
    """MkDocs runs with Python's -P: a build started in the dossier's folder (as an editor does) once imported
    `evil.py` from there when mkdocs.yml named `evil` as a Markdown extension."""
    (mini / "evil.py").write_text("open('MARK', 'w').close()\n", encoding="utf-8")
    with_extensions(mini, "  - evil\n")
    result = briefing("build", cwd=mini)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Failed to load extension 'evil'" in out, out
    assert not (mini / "MARK").exists()


# --- links, pipes and devices ------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["templates/assets/leak.txt", "templates/overrides/leak.txt",
                                   "templates/assets/javascripts", "templates/pages/_notes.md.j2"])
def test_no_link_in_templates_is_followed(where: str, mini: Path, tmp_path: Path) -> None:
    """Once, links under templates/assets/ and templates/overrides/ published /proc/self/environ and a
    .git/config holding a CI token. A link that stays inside the dossier is refused too: .git/ is inside."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "config").write_text("token = SECRET-TOKEN\n", encoding="utf-8")
    link = mini / where
    link.parent.mkdir(parents=True, exist_ok=True)
    inside = where.endswith(".j2")
    if inside:   # a link inside the dossier, to its own .git/config
        (mini / ".git").mkdir()
        (mini / ".git" / "config").write_text("token = SECRET-TOKEN\n", encoding="utf-8")
        link.symlink_to("../../.git/config")
    else:
        link.symlink_to(secret if where.endswith("javascripts") else secret / "config")
    result = briefing("--root", str(mini), "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    said = (rf"^{re.escape(where)}:1:1: error: a link \(to \S+\): templates/ may hold no link, wherever it leads .*; "
            r"replace it with a copy of what it points to \[template-file\]$")
    assert re.search(said, out, re.MULTILINE), out
    assert not (mini / "site").exists()
    assert not any("SECRET-TOKEN" in p.read_text(encoding="utf-8", errors="replace")
                   for p in (mini / ".build").rglob("*") if p.is_file() and not p.is_symlink())


def test_a_content_folder_that_links_out_of_the_dossier_is_not_read(mini: Path, tmp_path: Path) -> None:
    """Once, content/ as a link to a folder outside was read and published."""
    outside = tmp_path / "elsewhere"
    (mini / "content").rename(outside)
    (mini / "content").symlink_to(outside)
    for command in ("check", "build", "fmt"):
        result = briefing("--root", str(mini), command)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in out, (command, out)
        assert re.search(r"content(:1:1: error)?: not read: it is a link to a folder outside the dossier \(\S+\); move "
                         r"that folder into the dossier instead", out), (command, out)
    assert not (mini / "site").exists()


def test_a_folder_of_records_that_links_out_of_the_dossier_is_not_read(mini: Path, tmp_path: Path) -> None:
    actors = mini / "content" / "actors"
    actors.rename(tmp_path / "actors")
    actors.symlink_to(tmp_path / "actors")
    result = briefing("--root", str(mini), "check")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert re.search(r"^content/actors:1:1: error: not read: it is a link to a folder outside the dossier "
                     r".*\[link-outside\]$", out, re.MULTILINE), out
    assert "unknown-ref" not in out   # what the folder holds is unknown, not missing
    (mini / "content" / "inside").mkdir()
    actors.unlink()
    (tmp_path / "actors").rename(mini / "content" / "inside" / "actors")
    actors.symlink_to("inside/actors")   # a link that stays inside the dossier is read
    assert briefing("--root", str(mini), "check").returncode == 0


def test_a_build_folder_committed_as_a_link_is_refused_and_nothing_beside_the_dossier_is_lost(tmp_path: Path) -> None:
    """Once, `.build` committed as a link to `..` had the build delete `../data/` and `../out/`."""
    root = copy_dossier(MINI, tmp_path / "dossier")
    for name in ("data", "out"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "keep.txt").write_text("precious", encoding="utf-8")
    (root / ".build").symlink_to("..")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.iterdir())
    result = briefing("--root", str(root), "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert re.search(r"^\.build:1:1: error: a link \(to \.\.\): \.build/ holds only what builds make, and a build "
                     r"deletes in it; remove it \(rm -r \.build: the next build makes it again\), and never commit "
                     r"it \[build-folder\]$", out, re.MULTILINE), out
    assert briefing("--root", str(root), "check").returncode == 0   # the check keeps its cache in memory
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.iterdir()) == before
    assert all((tmp_path / name / "keep.txt").read_text(encoding="utf-8") == "precious" for name in ("data", "out"))


def run_with_timeout(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own that is stopped after a minute: a test of a pipe must not
    hang the suite when the pipe is waited on."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=PROJECT,
                          check=False, timeout=60)


@pytest.mark.parametrize("where", ["templates/pages/pipe.md.j2", "templates/assets/pipe.css", ".build/parse-cache",
                                   ".build/fingerprint.json"])
def test_a_pipe_is_refused_never_waited_on(where: str, mini: Path) -> None:
    """Once, a FIFO in templates/ held the build for ever without a word."""
    pipe = mini / where
    pipe.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(pipe)
    result = run_with_timeout("--root", str(mini), "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert re.search(rf"^{re.escape(where)}:1:1: error: a named pipe", out, re.MULTILINE), out
