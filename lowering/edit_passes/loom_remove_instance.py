"""``loom-remove-instance{path}``: remove the instances a path pattern matches."""

from __future__ import annotations

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import PathOptions
from ..registry import loom_pass
from . import remove_instance, run_edit_pass


@loom_pass("loom-remove-instance", kind=PassKind.HIERARCHY,
           summary="Remove the instances a path pattern matches (their outputs read as zero)", options=PathOptions)
def run(module: ir.Operation, options: PathOptions) -> None:
    """Remove the matched instances (their outputs read as zero)."""
    run_edit_pass(module, options, "loom-remove-instance", remove_instance())
