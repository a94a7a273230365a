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
- a fact is for one root op and is taken once (``take`` removes it);
- ``carried``: consecutive runs on one root may share a store (``VerilogModule`` runs the kratos passes, then
  the lowering, which starts from what the first run found after its last change of the IR, not from
  nothing), if their caller changes nothing between them and calls ``invalidate`` after it changes the IR
  outside a run. A run that raises forgets every fact (its failing step may have changed the IR), also
  when its caller catches the error inside ``carried``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import cast

from circt import ir

_Store = dict[tuple[str, ir.Operation], object]
_STORE: ContextVar[_Store | None] = ContextVar("loom_analyses", default=None)
_CARRIED: ContextVar[tuple[ir.Operation, _Store] | None] = ContextVar("loom_carried_analyses", default=None)


@contextlib.contextmanager
def scope(root: ir.Operation | None = None) -> Iterator[None]:
    """A store for the facts of one pipeline run (``run_pipeline``) on ``root``: the ``carried`` one when it is
    for ``root``, else a new one."""
    carried = _CARRIED.get()
    token = _STORE.set(carried[1] if carried is not None and root is not None and carried[0] == root else {})
    try:
        yield
    finally:
        _STORE.reset(token)


@contextlib.contextmanager
def carried(root: ir.Operation) -> Iterator[None]:
    """Let the pipeline runs on ``root`` inside share one store, so the facts one run leaves (those found after
    its last change of the IR) serve the next. Nothing may change the IR between the runs unless followed by
    ``invalidate``; a run on another root (a scratch module) keeps its own store."""
    token = _CARRIED.set((root, {}))
    try:
        yield
    finally:
        _CARRIED.reset(token)


def invalidate() -> None:
    """Forget every fact: a step may have changed the IR (or, outside a run, the caller of ``carried`` did)."""
    for store in (_STORE.get(), (_CARRIED.get() or (None, None))[1]):
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


TOP_OPS = "top-level-ops"


def top_level_ops(root: ir.Operation) -> list[ir.OpView]:
    """The ops at the top of ``root``'s body (do not change the list), listed once for the passes of a run while
    none changes the IR: each listing makes a Python object per op (10,000 modules: about 6 ms), and the kratos
    passes' generator attributes, loom-checks and loom-verify all start from it."""
    kept = take(root, TOP_OPS)
    ops = cast("list[ir.OpView]", kept) if kept is not None else list(root.regions[0].blocks[0].operations)
    remember(root, TOP_OPS, ops)
    return ops
