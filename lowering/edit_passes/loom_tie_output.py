"""``loom-tie-output{path port value}``: drive an output of the matched instances with a constant."""

from __future__ import annotations

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import integer_option, required
from ..registry import loom_pass
from . import run_edit_pass, tie_output


@loom_pass("loom-tie-output", kind=PassKind.HIERARCHY,
           summary="Replace the logic driving an output of the matched instances by a constant",
           options=("path", "port", "value", "top"))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Replace the logic driving an output of the matched instances by a constant."""
    port, value = required(options, "loom-tie-output", "port", "value")
    run_edit_pass(module, options, "loom-tie-output", tie_output(port, integer_option(value, "loom-tie-output",
                                                                                       "value")))
