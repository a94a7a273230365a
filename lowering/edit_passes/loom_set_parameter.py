"""``loom-set-parameter{path name value}``: set a parameter of the instances a path pattern matches."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import PathOptions, option
from ..registry import loom_pass
from . import run_edit_pass, set_parameter


@dataclass(frozen=True, kw_only=True)
class SetParameterOptions(PathOptions):
    """The options of ``loom-set-parameter``."""

    name: str = option(help="the parameter (or identity parameter)")
    value: int = option(help="its new value")


@loom_pass("loom-set-parameter", kind=PassKind.HIERARCHY,
           summary="Set a parameter of the instances a path pattern matches (module variants only where needed)",
           options=SetParameterOptions)
def run(module: ir.Operation, options: SetParameterOptions) -> None:
    """Set a parameter of the instances a path pattern matches (variants only where needed)."""
    run_edit_pass(module, options, "loom-set-parameter", set_parameter(options.name, options.value))
