"""``loom-tie-output{path port value}``: drive an output of the matched instances with a constant."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import PathOptions, option
from ..registry import loom_pass
from . import run_edit_pass, tie_output


@dataclass(frozen=True, kw_only=True)
class TieOutputOptions(PathOptions):
    """The options of ``loom-tie-output``."""

    port: str = option(help="the output port")
    value: int = option(help="the constant that drives it")


@loom_pass("loom-tie-output", kind=PassKind.HIERARCHY,
           summary="Replace the logic driving an output of the matched instances by a constant",
           options=TieOutputOptions)
def run(module: ir.Operation, options: TieOutputOptions) -> None:
    """Replace the logic driving an output of the matched instances by a constant."""
    run_edit_pass(module, options, "loom-tie-output", tie_output(options.port, options.value))
