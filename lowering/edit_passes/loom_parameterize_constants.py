"""``loom-parameterize-constants``: merge modules that differ only in constants (the merging is ``merge.py``)."""

from __future__ import annotations

from circt import ir

from ..merge import parameterize_constants
from ..pass_kinds import PassKind
from ..pass_options import TopOptions
from ..registry import loom_pass


@loom_pass("loom-parameterize-constants", kind=PassKind.HIERARCHY,
           summary="Merge modules that differ only in constants into one module with a parameter per constant",
           options=TopOptions)
def run(module: ir.Operation, options: TopOptions) -> None:
    """Merge modules that differ only in constants into one module with a parameter per differing constant."""
    parameterize_constants(module, options.top)
