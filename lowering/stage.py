"""Which IR a pass works on: loom IR (before lowering) or hw/sv IR (after it).

A pass function may be marked with ``@needs_loom_ir`` or ``@needs_lowered_ir``;
unmarked passes work on either. ``PassManager`` uses the mark to run the
lowering (specialise, loom -> hw, CIRCT clean-up) right before the first pass
that needs lowered IR, and to refuse a loom-IR pass placed after it, instead
of letting it silently find nothing to do. ``loom-opt`` checks the same
marks, so ``dead-code-elimination`` on unlowered IR says what to add.

``@preserves_ir`` marks a pass that only reads the IR (a check, an
analysis): ``run_pipeline`` then skips the MLIR verifier after it, which
walks the whole design (about 1 s for 50,000 instances). A pass that only
sometimes has nothing to do returns ``False`` in that case instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from circt import ir

from ..dialect.errors import PassFailedError
from .rewrites.common import collect

ANY, LOOM, LOWERED = "any", "loom", "lowered"
LOOM_MODULE = "loom.module"

F = TypeVar("F", bound=Callable[..., object])


def needs_loom_ir[F: Callable[..., object]](fn: F) -> F:
    """Mark a pass that reads ``loom.module``/``loom.instance`` (generator attributes live there)."""
    fn.loom_stage = LOOM  # type: ignore[attr-defined]
    return fn


def needs_lowered_ir[F: Callable[..., object]](fn: F) -> F:
    """Mark a pass that works on ``hw.module``/``hw.instance`` after the lowering."""
    fn.loom_stage = LOWERED  # type: ignore[attr-defined]
    return fn


def preserves_ir[F: Callable[..., object]](fn: F) -> F:
    """Mark a pass that never changes the IR, so no verification is needed after it."""
    fn.loom_preserves_ir = True  # type: ignore[attr-defined]
    return fn


PASS_MARKS = ("loom_stage", "loom_preserves_ir")
"""The attributes the marks above set; a wrapper around a pass copies them (``copy_marks``)."""


def copy_marks(source: Callable[..., object], wrapper: Callable[..., object]) -> None:
    """Give ``wrapper`` the marks of the pass ``source`` it runs."""
    for attribute in PASS_MARKS:
        if hasattr(source, attribute):
            setattr(wrapper, attribute, getattr(source, attribute))


def left_unchanged(fn: Callable[..., object], result: object) -> bool:
    """Whether pass ``fn``, having returned ``result``, left the IR untouched (MLIR's "all analyses preserved")."""
    return result is False or getattr(fn, "loom_preserves_ir", False)


def stage_of(fn: Callable[..., object]) -> str:
    return getattr(fn, "loom_stage", ANY)


def is_lowered(root: ir.Operation) -> bool:
    """Whether the design holds no ``loom.module`` any more (an empty design counts as lowered).

    Asked before every staged pass: loom IR usually answers at its first op; a design of few modules is
    answered from its top-level ops (the walk would visit every op below them: 50,000 instances, 5 ms);
    otherwise MLIR's walk driver looks for ``loom.module`` in C++ (reading 10,000 top-level ops from Python
    would cost 5 ms a pass).
    """
    operations = root.regions[0].blocks[0].operations
    count = len(operations)
    if not count:
        return True
    if operations[0].operation.name == LOOM_MODULE:
        return False
    if count <= _FEW_MODULES:
        return all(op.operation.name != LOOM_MODULE for op in operations)
    return not any(op.parent is not None and op.parent.operation == root for op in collect(root, [LOOM_MODULE]))


_FEW_MODULES = 256
"""Up to this many top-level ops ``is_lowered`` reads them (about 0.5 us each) rather than walk the design."""


def check_stage(name: str, fn: Callable[..., object], root: ir.Operation, known_lowered: bool = False) -> bool:
    """Raise a PassFailedError naming the fix when ``fn`` cannot work on ``root`` as it is.

    ``known_lowered``: the caller knows the design is lowered (``run_pipeline``: it was when last asked, and
    only built-in passes and MLIR passes ran since, none of which makes a ``loom.module``), so nothing is
    looked at. Returns whether the design is lowered, as far as it looked (False when it did not need to).
    """
    stage = stage_of(fn)
    if stage == ANY:
        return known_lowered
    lowered = known_lowered or is_lowered(root)
    if stage == LOWERED and not lowered:
        raise PassFailedError(f"pass '{name}' works on lowered hw IR, but the design is still loom IR;"
                              " run lower-to-hw (and cleanup) before it")
    if stage == LOOM and lowered and any(True for _ in root.regions[0].blocks[0].operations):
        raise PassFailedError(f"pass '{name}' works on loom IR (loom.module), but the design is already"
                              " lowered to hw; run it before lower-to-hw")
    return lowered
