"""``loom-dedup``: merge structurally equal modules (the merging itself is ``merge.py``)."""

from __future__ import annotations

from circt import ir

from ..merge import deduplicate
from ..pass_kinds import PassKind
from ..registry import loom_pass


@loom_pass("loom-dedup", kind=PassKind.HIERARCHY,
           summary="Merge structurally equal modules (hash, then text equality)", options=("top",))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Merge structurally equal modules (hash to find candidates, text equality to decide)."""
    deduplicate(module, options.get("top"))
