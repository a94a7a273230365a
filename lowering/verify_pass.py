"""``loom-verify``: run the loom dialect verifiers as a pass."""

from __future__ import annotations

from circt import ir

from ..dialect.verify import verify_or_raise
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import preserves_ir


@loom_pass("loom-verify", kind=PassKind.DESIGN,
           summary="Check the invariants of loom ops (fails on the first broken module)")
@preserves_ir
def run(module: ir.Operation, options: NoOptions) -> None:
    """Check the invariants of loom ops; raises VerifyError at the first problem's location."""
    del options
    verify_or_raise(module)
