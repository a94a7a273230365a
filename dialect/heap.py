"""Keep Python's cyclic garbage collector off the objects that outlive a pipeline run (``frozen_heap``).

When loom lowers a design, the process holds the user's generators, their
signals and everything imported: at 10,000 modules about 300,000 objects the
collector tracks. A pass allocates many short-lived objects (an ``OpView`` per
op it reads), so full collections start during the run, and each one visits
every tracked object: three of them were 0.33 s of the 2.7 s the 10,000-module
pipeline took. None of those objects can become garbage because of a pass, so
``frozen_heap`` moves them out of the collector's sight for the run
(``gc.freeze``) and back afterwards (``gc.unfreeze``); objects the run creates
are collected as usual.

A caller that froze objects itself (a server before it forks, say) keeps its
freeze: then this does nothing, and so does a nested use.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Inside the block, the collector ignores the objects that existed when it began."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
