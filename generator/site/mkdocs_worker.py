"""`mkdocs build`, kept running: the preview's way of building a language again without starting Python,
MkDocs and the theme each time (over half a second a language, most of what a one-page edit costs).

Run as `python -P -m generator.site.mkdocs_worker`; each line on standard input is a request, a JSON
object with `args` (the `mkdocs` command line, as `mkdocs_project.run_mkdocs` would run it) and `env`
(the variables that build reads); each answer is one JSON line, `{"ok": …, "output": …}`, where output
is what MkDocs logged at WARNING or above, as its command line prints it. The command line itself runs
(`mkdocs.__main__.cli`), so a build here is the build `mkdocs build` makes: MkDocs loads the
configuration, the hooks and the plugins afresh for each (MkDocs keeps a plugin object from one build to
the next in a process, for `mkdocs serve`, and Material's search then merges the last build's index into
the next: here every build starts without them, as in a process of its own). Anything printed by MkDocs,
a plugin or a hook goes to standard error, never into the answers.
"""
from __future__ import annotations

import io
import json
import logging
import os
import sys
import traceback


def _forget_plugins() -> None:
    """Drop the plugin objects MkDocs keeps between builds of one process (`config_options.Plugins`)."""
    from mkdocs.config import config_options
    from mkdocs.config.defaults import MkDocsConfig

    for _, option in MkDocsConfig._schema:
        if isinstance(option, config_options.Plugins):
            option.plugin_cache.clear()


def _build(args: list[str]) -> tuple[bool, str]:
    from mkdocs.__main__ import cli  # imported once, by the first build: the cost this worker saves

    _forget_plugins()

    logger = logging.getLogger("mkdocs")
    before = list(logger.handlers)
    said = io.StringIO()
    handler = logging.StreamHandler(said)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)
    ok = True
    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:          # MkDocs' Abort ("Aborted with 1 warnings in strict mode!") is one
        ok = exc.code in (0, None)
        if not ok:
            said.write(f"{getattr(exc, 'format_message', lambda: 'Aborted')()}\n")
    except Exception as exc:  # noqa: BLE001 - any failure is the build's, told as the command line tells it
        ok = False
        message = getattr(exc, "format_message", None)
        said.write(f"Error: {message()}\n" if message else "".join(traceback.format_exception(exc)))
    finally:
        logger.handlers[:] = before   # each run of the command line adds its own handler: none piles up
    return ok, said.getvalue()


def main() -> int:
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)   # whatever else writes to standard output lands on standard error
    sys.stdout = sys.stderr
    for line in sys.stdin:
        request = json.loads(line)
        os.environ.update(request["env"])
        ok, output = _build(request["args"])
        answers.write(json.dumps({"ok": ok, "output": output}) + "\n")
        answers.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
