"""Files are people's property: where sbt-xl may write, and how it writes there.

Writes are atomic (a temporary file in the target's folder, then ``os.replace``), go
through a symbolic link to its target (the link stays a link), keep an existing file's
mode and give a new one the mode the umask allows. A temporary file left by a killed
run is removed by the next run that writes into the same folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from sbt_xl.errors import SbtError

TEMP_PREFIX = ".sbt-xl-"
_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-[^/]*\.tmp$")
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
#: The names a checked or generated workbook may have (its content is a workbook).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$name.xlsx`` beside it."""
    return path.with_name("~$" + path.name)


def real(path: str | Path) -> Path:
    """The file a path names, through symbolic links."""
    return Path(os.path.realpath(path))


def check_target(path: str | Path, *, macro: bool | None) -> Path:
    """Refuse to write ``path`` when it is open in Excel, read-only (by its mode bits, so
    also for root), in a read-only folder, or of the wrong kind for the workbook
    (``macro``: it has a VBA project, so .xlsm, and the reverse; None: either, for what is
    not a workbook or is macro-enabled without a project, as LibreOffice saves .xlsm).
    Returns the real path."""
    path = Path(path)
    target = real(path)
    if lock_file(path).exists() or lock_file(target).exists():
        raise SbtError("workbook_open", field=str(path), lock=lock_file(path).name)
    if target.exists():
        if target.is_dir():
            raise SbtError("out_is_folder", field=str(path))
        if target.stat().st_mode & 0o222 == 0 or not os.access(target, os.W_OK):
            raise SbtError("workbook_read_only", field=str(path))
    if not target.parent.is_dir():
        raise SbtError("folder_missing", field=str(target.parent))
    if not os.access(target.parent, os.W_OK) or target.parent.stat().st_mode & 0o222 == 0:
        raise SbtError("folder_read_only", field=str(target.parent))
    suffix = path.suffix.lower()
    if macro is None:
        return target
    if macro and suffix not in MACRO_SUFFIXES:
        raise SbtError("macro_needs_xlsm", field=str(path))
    if not macro and suffix in MACRO_SUFFIXES:
        raise SbtError("xlsx_not_xlsm", field=str(path))
    return target


def check_output(path: str | Path, *, force: bool, suffixes: tuple[str, ...],
                 macro: bool | None = None) -> Path:
    """Everything :func:`check_target` refuses, and a name whose extension is not one of
    ``suffixes`` (the kind of content written: a workbook named .csv is refused) and an
    existing file unless ``force`` (files are people's property). Run it before any work,
    so that a refusal leaves everything as it was. Returns the real path."""
    path = Path(path)
    target = check_target(path, macro=macro)
    if path.suffix.lower() not in suffixes:
        raise SbtError("wrong_extension", field=str(path), value=", ".join(suffixes))
    if target.exists() and not force:
        raise SbtError("file_exists", field=str(path))
    return target


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files sbt-xl left in ``folder`` from runs that no longer exist."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = _TEMP.match(entry.name)
            if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Folders whose stale temporary files this process has cleared (once each: a batch writes
#: thousands of copies into one folder).
_CLEARED: set[Path] = set()


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (through a link to its target) all at once or not at all.

    A file it replaces is flushed to disk before the rename, so that a crash leaves the
    old file or the new one, never neither. A new file is not: losing a fresh copy loses
    nothing the user had, and the flush costs a batch ~40 ms per copy on a busy disk."""
    target = real(path)
    if target.parent not in _CLEARED:
        clean_stale(target.parent)
        _CLEARED.add(target.parent)
    replaces = target.exists()
    mode = target.stat().st_mode & 0o7777 if replaces else _umask_mode()
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if replaces:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
