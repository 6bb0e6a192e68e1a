"""The `briefing` command line run as a user runs it, for the tests, without paying for a new Python and the
generator's imports on each of the hundred-odd calls they make (about a fifth of a second of CPU each).

Each call is still a process of its own, with its own working folder, environment, standard output and error
(real file descriptors) and exit code, and it starts with nothing done: it is forked from multiprocessing's fork
server, a fresh Python that only imported the generator, never from the test process. What differs from
`python -m generator` is only that the imports were made before the call rather than during it.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import generator.cli

# Imported once by the fork server: this module, and what the commands import as they run.
_SERVER = multiprocessing.get_context("forkserver")
_SERVER.set_forkserver_preload([__name__, "generator.build", "generator.extract.ingest",
                                "generator.edit", "generator.extract.propose", "generator.factbase.check",
                                "generator.factbase.jsonschema", "generator.review.diff", "generator.review.fmt",
                                "generator.review.report", "generator.scaffold", "world_preload"])


def _stream(fd: int, errors: str) -> io.TextIOWrapper:
    """A standard stream on `fd`, as Python makes it for a pipe (UTF-8 here; stderr never fails to encode)."""
    return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding="utf-8", errors=errors)


def _child(args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked process: become `briefing ARGS` started in `cwd` with `env`, writing to `out` and `err`."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    for fd, path in ((1, out), (2, err)):
        target = os.open(path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout, sys.stderr = _stream(1, "strict"), _stream(2, "backslashreplace")
    sys.argv = ["briefing", *args]
    # An exception or SystemExit leaves as from `python -m generator`: multiprocessing prints the traceback,
    # or the message, to stderr and gives exit code 1, or the code SystemExit carries.
    sys.exit(generator.cli.main(args))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`briefing ARGS` in `cwd`, with this process's environment as it is now."""
    with tempfile.TemporaryDirectory(prefix="briefing-call-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        out.touch()
        err.touch()
        process = _SERVER.Process(target=_child, args=(args, str(cwd), dict(os.environ), str(out), str(err)))
        process.start()
        process.join()
        assert process.exitcode is not None   # joined; a negative code names the signal that ended it
        return subprocess.CompletedProcess(["briefing", *args], process.exitcode,
                                           out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))
