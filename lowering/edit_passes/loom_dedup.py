"""``loom-dedup``: merge structurally equal modules (the merging itself is ``merge.py``)."""

from __future__ import annotations

from circt import ir

from ..merge import deduplicate
from ..pass_kinds import PassKind
from ..pass_options import TopOptions
from ..registry import loom_pass


@loom_pass("loom-dedup", kind=PassKind.HIERARCHY,
           summary="Merge structurally equal modules (hash, then text equality)", options=TopOptions)
def run(module: ir.Operation, options: TopOptions) -> None:
    """Merge structurally equal modules (hash to find candidates, text equality to decide)."""
    deduplicate(module, options.top)
