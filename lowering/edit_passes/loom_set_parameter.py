"""``loom-set-parameter{path name value}``: set a parameter of the instances a path pattern matches."""

from __future__ import annotations

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import integer_option, required
from ..registry import loom_pass
from . import run_edit_pass, set_parameter


@loom_pass("loom-set-parameter", kind=PassKind.HIERARCHY,
           summary="Set a parameter of the instances a path pattern matches (module variants only where needed)",
           options=("path", "name", "value", "top"))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Set a parameter of the instances a path pattern matches (variants only where needed)."""
    name, value = required(options, "loom-set-parameter", "name", "value")
    run_edit_pass(module, options, "loom-set-parameter",
                  set_parameter(name, integer_option(value, "loom-set-parameter", "value")))
