"""Work done in a forked process (Linux) while this one goes on (``csv_halves``).

A process runs Python on one core at a time; a forked one has the same data and a core of its
own. What it makes comes back through a pipe; it never touches the database (the connection
and its locks stay this process's), and it ends with ``os._exit``: nothing of this process
(atexit handlers, a server connection's goodbye) is run or closed twice.
"""

from __future__ import annotations

import fcntl
import marshal
import os
import signal
import sys
import warnings
from collections.abc import Callable
from contextlib import suppress
from typing import IO, Any

_PIPE_SIZE = 1 << 20  # a result is megabytes: fewer turns between the two processes


def can_fork() -> bool:
    # macOS: a forked child of a process using its frameworks may only exec; Windows: no fork
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Child:
    """A forked process running ``work(pipe)``: what it writes to ``pipe`` is read here from
    ``pipe``. Raises ``OSError`` if no process can be made. ``stop`` ends it if it still runs
    and reaps it; ``finished`` says whether it ran ``work`` to its end."""

    def __init__(self, work: Callable[[IO[bytes]], object]) -> None:
        read, write = os.pipe()
        with suppress(OSError):
            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        try:
            with warnings.catch_warnings():  # 3.12+ warns of threads: the child uses none
                warnings.filterwarnings("ignore", ".*fork.*", DeprecationWarning)
                self.pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if self.pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as pipe:
                    work(pipe)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pipe: IO[bytes] = os.fdopen(read, "rb")

    def finished(self) -> bool:
        """Wait for the child's end (read ``pipe`` to its end first): did ``work`` return?"""
        self.pipe.close()
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return status == 0

    def stop(self) -> None:
        self.pipe.close()
        if self.pid:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def read_all(child: Child) -> Any:
    """What ``child`` wrote (one ``marshal``-ed value), or None if it failed."""
    data = child.pipe.read()
    return marshal.loads(data) if child.finished() and data else None
