"""``loom-expose{path signal port punch}``: make a named signal of the matched instances an output port."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..pass_kinds import PassKind
from ..pass_options import PathOptions, option
from ..registry import loom_pass
from . import expose, run_edit_pass


@dataclass(frozen=True, kw_only=True)
class ExposeOptions(PathOptions):
    """The options of ``loom-expose``."""

    signal: str = option(help="the named signal to expose")
    port: str | None = option(None, help="the new output port (default: the signal's name)")
    punch: bool = option(True, help="route the port up to the top as <path>_<port>")


@loom_pass("loom-expose", kind=PassKind.HIERARCHY,
           summary="Add an output port driven by a named signal to the matched instances' modules, routed up"
                   " to the top",
           options=ExposeOptions)
def run(module: ir.Operation, options: ExposeOptions) -> None:
    """Add an output port driven by a named signal to the modules of the matched instances."""
    run_edit_pass(module, options, "loom-expose", expose(options.signal, options.port, options.punch))
