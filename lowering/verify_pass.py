"""``loom-verify``: run the loom dialect verifiers as a pass."""

from __future__ import annotations

from circt import ir

from ..dialect.verify import verify_or_raise


def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Check the invariants of loom ops; raises VerifyError at the first problem's location."""
    del options
    verify_or_raise(module)
