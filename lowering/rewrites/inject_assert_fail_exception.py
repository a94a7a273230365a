"""``inject-assert-fail-exception``: a failing assertion stops the simulation at its Python line.

In kratos this pass gives every assertion that has source information an
``else`` action calling ``hgdb_assert_fail(generator, file, line)``, which
kratos-runtime turns into an exception in the debugger. A SystemVerilog
immediate assertion on its own only reports ``$error`` and lets the
simulation run on. loom keeps the assertion (its message, and what formal
tools see) and adds the failure action after it:

    assert (ok) else $error("...");
    if (~ok) begin
    `ifdef LOOM_ASSERT_DPI
      loom_assert_fail(32'h3);          // DPI-C: a debugger or test bench raises its own exception
    `else
      $fatal(1, "loom: assertion 3 failed in %m at gen.py:12:8: <message>");
    `endif
    end

Without any macro the failure is an exception in the simulator's terms: it
stops (``$fatal``) and names the instance and the Python line. With
``+define+LOOM_ASSERT_DPI`` it calls the C function
``void loom_assert_fail(int id)`` instead (a ``context`` import, so
``svGetScope()`` names the instance), and the id -> Python line table is
``debug_sites(root)`` / the ``loom.debug_sites`` attribute. See
docs/debug-hooks.md.

Immediate ``sv.assert`` statements are handled (what loom's frontend writes
for an assertion); concurrent assertions have no procedural place for an
action and keep their default reporting. Running the pass again adds
nothing. A single walk finds the assertions (MLIR's walk driver; Python
sees only them).
"""

from __future__ import annotations

from circt import ir

from ...dialect import macros
from ...dialect.constants import create_constant
from ...dialect.context import location_text
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from . import debug_hooks as hooks
from .common import collect, enclosing_module

KIND = "assertion"
DPI_MACRO = macros.ASSERT_DPI
FUNCTION = "loom_assert_fail"


def _inject(assertion: ir.Operation, site: hooks.DebugSite) -> None:
    message = ir.StringAttr(assertion.attributes["message"]).value if "message" in assertion.attributes else ""
    text = f"loom: assertion {site.id} failed in %m at {hooks.escape(site.locations[0])}"
    if message:
        text += f": {hooks.escape(message)}"
    condition = assertion.operands[0]
    with assertion.location, ir.InsertionPoint.after(assertion):
        true = create_constant(condition.type, -1)
        failed = ir.Operation.create("comb.xor", results=[condition.type], operands=[condition, true.results[0]],
                                     ip=ir.InsertionPoint.after(true))
        branch = ir.Operation.create("sv.if", operands=[failed.results[0]], regions=2,
                                     ip=ir.InsertionPoint.after(failed))
        then = branch.regions[0].blocks.append()
        hooks.hook(None, then, [(DPI_MACRO, hooks.dpi_call(FUNCTION, site.id))], hooks.fatal(text))


@loom_pass("inject-assert-fail-exception", kind=PassKind.MODULE,
           summary="Make a failing immediate assertion stop the simulation ($fatal) or call a DPI-C hook")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Make a failing immediate assertion stop the simulation ($fatal) or call a DPI-C hook."""
    del options
    with module.context:
        if hooks.has_sites(module, KIND):
            return
        sites = []
        for assertion in collect(module, ["sv.assert"]):
            owner = enclosing_module(assertion)
            site = hooks.DebugSite(len(sites), KIND, owner, (location_text(assertion.location),))
            sites.append(site)
            _inject(assertion, site)
        if sites:
            hooks.declare_dpi_function(module, FUNCTION, DPI_MACRO)
            hooks.add_sites(module, sites)
