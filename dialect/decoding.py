"""Decode each distinct attribute once while a pipeline runs (``shared_decoding``).

A ``loom.module``'s ports and parameters are attributes, and reading them as
Python objects (``ModuleOp.ports``: a dictionary per port, a string and a
type per entry) costs tens of microseconds through the bindings. Every pass
that looks at a module's interface reads them again: at 10,000 modules,
``loom-verify``, ``loom-specialize-to-hw`` and the checks each paid that for
every module. MLIR attributes are immutable and uniqued, so 10,000 modules
with the same ports hold *one* ports attribute, and its decoding can be
shared: inside ``shared_decoding()`` (``run_pipeline`` opens one around its
passes) a decoded value is kept per (kind, attribute).

The memo lives only as long as the block: attributes keep their context
alive, so a process-wide memo would keep every design's context alive. A
pass that edits a module's ports sets a new attribute, which is a new key; the
decoded values are frozen and handed out as fresh lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from circt import ir

_MEMO: ContextVar[dict[tuple[str, ir.Attribute], tuple[object, ...]] | None] = ContextVar("loom_decoded",
                                                                                       default=None)
"""The memo of the innermost ``shared_decoding`` block of this thread (a context variable: two threads
running pipelines never share or clear each other's memo)."""


@contextmanager
def shared_decoding() -> Iterator[None]:
    """Share decoded attributes inside the block (a nested block shares the outer one's memo)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def decoded[T](kind: str, attr: ir.Attribute, decode: Callable[[ir.Attribute], Iterable[T]]) -> list[T]:
    """``list(decode(attr))``, decoded once per ``kind`` and attribute inside ``shared_decoding``."""
    memo = _MEMO.get()
    if memo is None:
        return list(decode(attr))
    key = (kind, attr)
    value = memo.get(key)
    if value is None:
        value = memo[key] = tuple(decode(attr))
    return list(value)  # type: ignore[arg-type]
