"""Pausing CPython's cyclic garbage collector where a burst of allocation makes no cyclic garbage.

A big import makes millions of tuples and a start makes modules, classes and widgets that live
as long as the program: the collector walked that ever larger heap again and again for nothing
(about 1 s of a million-reading import; a twentieth of the window's start). Reference counting
still frees what is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile; switched on again at the end if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
