"""``loom-expose{path signal port punch}``: make a named signal of the matched instances an output port."""

from __future__ import annotations

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import required
from ..registry import loom_pass
from . import expose, run_edit_pass


@loom_pass("loom-expose", kind=PassKind.HIERARCHY,
           summary="Add an output port driven by a named signal to the matched instances' modules, routed up to the top",
           options=("path", "signal", "port", "punch", "top"))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Add an output port driven by a named signal to the modules of the matched instances."""
    (signal,) = required(options, "loom-expose", "signal")
    punch = options.get("punch", "true").lower() in ("true", "1", "")
    run_edit_pass(module, options, "loom-expose", expose(signal, options.get("port"), punch))
