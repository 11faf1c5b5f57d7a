"""Finding the subsidiaries' workbooks and reading them in parallel, as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sbt_xl.errors import SbtError
from sbt_xl.group.entity import Entity
from sbt_xl.workbook import files


def is_lock_file(name: str) -> bool:
    """Excel's ``~$book.xlsx`` and LibreOffice's ``.~lock.book.xlsx#`` (a book open)."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def collect(items: list[str], out: Path) -> list[Path]:
    """Files named, or found in folders (and their subfolders), in a stable order: every
    file, whatever its extension (one that is not a workbook is listed as not counted);
    lock files and the output itself are left out."""
    found: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found += sorted(x for x in p.rglob("*")
                            if not is_lock_file(x.name) and x.is_file())
        elif p.is_file():
            found.append(p)
        else:
            raise SbtError("file_missing", field=item)
    real_out = files.real(out)
    seen, unique = set(), []
    for p in found:
        key = files.real(p)
        if key != real_out and key not in seen:
            seen.add(key)
            unique.append(p)
    if not unique:
        raise SbtError("group_no_files", field=", ".join(items))
    return unique


def default_workers(n: int, jobs: int | None = None) -> int:
    """Worker processes for ``n`` files: ``jobs``, else one per core (one process for fewer
    than four files, where starting workers costs more than it saves)."""
    import os
    if jobs is not None:
        return max(1, min(jobs, n))
    return min(n, os.cpu_count() or 1) if n >= 4 else 1


def read_all(paths: list[Path], workers: int, scheduler: str | None = None
             ) -> Iterator[Entity]:
    """Each workbook's :class:`~sbt_xl.group.entity.Entity`, in input order, read in
    worker processes (or on a Dask cluster), streamed: only rows are kept, not workbooks.
    The workers start on return, so the caller can get its output ready meanwhile."""
    stream = _read(paths, workers, scheduler)
    next(stream)  # the work is handed out
    return (e for e in stream if e is not None)  # only the first item is the None marker


def _read(paths: list[Path], workers: int, scheduler: str | None
          ) -> Iterator[Entity | None]:
    from sbt_xl.group.entity import read_entity
    names = [str(p) for p in paths]
    if scheduler:
        yield None
        yield from _read_on_dask(names, scheduler)
        return
    if workers <= 1:
        yield None
        yield from map(read_entity, names)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from sbt_xl.interrupts import as_job, worker_init
    with ProcessPoolExecutor(workers, initializer=worker_init) as pool:
        results = pool.map(partial(as_job, read_entity), names,
                           chunksize=max(1, len(names) // (workers * 8)))
        yield None
        yield from results


def _read_on_dask(names: list[str], address: str) -> Iterator[Entity]:
    try:
        from distributed import Client
    except ImportError:
        raise SbtError("dask_missing", field="--scheduler") from None
    from sbt_xl.group.entity import read_entity
    with Client(address, timeout="30s") as client:
        batch = 256  # bounded: results come back in order, a batch at a time
        for start in range(0, len(names), batch):
            futures = client.map(read_entity, names[start:start + batch], pure=False)
            yield from client.gather(futures)
