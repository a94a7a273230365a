"""``loom-set-attribute{path name value}``: set a generator attribute on the matched instances' modules."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import PathOptions, option
from ..registry import loom_pass
from . import run_edit_pass, set_attribute


@dataclass(frozen=True, kw_only=True)
class SetAttributeOptions(PathOptions):
    """The options of ``loom-set-attribute``."""

    name: str = option(help="the generator attribute")
    value: str = option(help="its new value")


@loom_pass("loom-set-attribute", kind=PassKind.HIERARCHY,
           summary="Set a generator attribute on the modules of the instances a path pattern matches",
           options=SetAttributeOptions)
def run(module: ir.Operation, options: SetAttributeOptions) -> None:
    """Set a generator attribute on the modules of the instances a path pattern matches."""
    run_edit_pass(module, options, "loom-set-attribute", set_attribute(options.name, options.value))
