"""Writing a file so that a crash or a full disk never leaves half of it behind, and an unchanged
file is not touched (a live preview would otherwise rebuild forever)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import BriefingError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()



def write_atomic(path: Path, text: str | bytes) -> bool:
    """Write text (UTF-8) or bytes only if they differ from what is there, via a temporary file and a rename.

    Returns whether the file changed. A crash never leaves a half-written file behind. Leaving
    unchanged files alone is what keeps a live preview from rebuilding forever.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise BriefingError(f"cannot write {path} ({exc.strerror or exc}); check that the folder exists and you "
                            "may write to it; nothing was changed") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes files private; these are ordinary project files
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BriefingError(f"cannot write {path} ({exc.strerror or exc}); it is as it was") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
