"""Ctrl-C in a batch: the first press stops it cleanly; presses while it stops are ignored.

A batch (``validate`` of many files, ``consolidate``) runs in worker processes that share
the terminal's process group, so each Ctrl-C reaches every process. Without this, a second
press broke the clean-up in the main process and hit idle workers between jobs: Python
tracebacks on the screen and outcomes never reported.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
_working = False


def _stop_once(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the first press only
    raise KeyboardInterrupt


def _stop_job(signum: int, frame: FrameType | None) -> None:
    if _working:  # a worker stops the job it is doing, never the pool's loop between jobs
        _stop_once(signum, frame)


@contextmanager
def stopping_once() -> Iterator[None]:
    """In the main process, around a batch: one Ctrl-C is a KeyboardInterrupt, later ones
    are ignored until the batch has stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _stop_once)
    try:
        yield
    finally:  # after a Ctrl-C the process is ending: presses while it exits stay ignored
        if signal.getsignal(signal.SIGINT) is _stop_once:
            signal.signal(signal.SIGINT, previous)


def worker_init() -> None:
    """A worker process's initializer: see :func:`_stop_job`."""
    signal.signal(signal.SIGINT, _stop_job)


def as_job(fn: Callable[[T], R], arg: T) -> R:
    """``fn(arg)`` as one job of a worker (a Ctrl-C stops it: KeyboardInterrupt)."""
    global _working
    _working = True
    try:
        return fn(arg)
    finally:
        _working = False
