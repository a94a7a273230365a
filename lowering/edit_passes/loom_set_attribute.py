"""``loom-set-attribute{path name value}``: set a generator attribute on the matched instances' modules."""

from __future__ import annotations

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import required
from ..registry import loom_pass
from . import run_edit_pass, set_attribute


@loom_pass("loom-set-attribute", kind=PassKind.HIERARCHY,
           summary="Set a generator attribute on the modules of the instances a path pattern matches",
           options=("path", "name", "value", "top"))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Set a generator attribute on the modules of the instances a path pattern matches."""
    name, value = required(options, "loom-set-attribute", "name", "value")
    run_edit_pass(module, options, "loom-set-attribute", set_attribute(name, value))
