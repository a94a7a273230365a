"""Facts one pass found about the IR, kept for a later pass of the same pipeline run while no pass changes it.

This is MLIR's "preserved analyses" for loom's Python passes. ``loom-verify``
reads every instance's ``module``, ``parameters``, ``identity`` and port-name
attributes to check it; ``loom-specialize-to-hw`` groups the instances by those
same attributes (``instance_graph.BodyIndex``). At 50,000 instances the second
read costs a tenth of a second, so the verifier leaves its grouping here and the
specialiser takes it, when nothing ran in between that changed the IR.

Rules that keep a fact from going stale:

- facts live only inside ``run_pipeline`` (``scope``), one store per run (a
  pipeline a pass runs on a scratch module has its own), and are gone when the
  run ends; outside a pipeline ``remember`` keeps nothing and ``take`` finds
  nothing, so a pass called directly always computes its own;
- the pipeline forgets every fact after a step that may have changed the IR
  (``invalidate``): any MLIR pass, any loom pass not marked ``@preserves_ir``
  that did not return ``False``;
- a fact is for one root op and is taken once (``take`` removes it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from circt import ir

_STORE: ContextVar[dict[tuple[str, ir.Operation], object] | None] = ContextVar("loom_analyses", default=None)


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """A store for the facts of one pipeline run (``run_pipeline``)."""
    token = _STORE.set({})
    try:
        yield
    finally:
        _STORE.reset(token)


def invalidate() -> None:
    """Forget every fact: a step may have changed the IR."""
    store = _STORE.get()
    if store:
        store.clear()


def remember(root: ir.Operation, name: str, fact: object) -> None:
    """Keep ``fact`` about ``root`` for a later pass of this run (nothing is kept outside a pipeline run)."""
    store = _STORE.get()
    if store is not None:
        store[(name, root)] = fact


def take(root: ir.Operation, name: str) -> object | None:
    """The fact ``name`` about ``root`` if a pass of this run left it and the IR has not changed since; it is
    handed out once."""
    store = _STORE.get()
    return None if store is None else store.pop((name, root), None)
