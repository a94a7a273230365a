"""``inject-debug-break-points``: a breakpoint hook before each procedural statement.

kratos gives every statement of a debug generator's always blocks an id and
puts a call ``breakpoint_trace(id)`` in front of it, which kratos-runtime (a
debugger inside the simulator) checks against the breakpoints the user set
on Python lines. In a clocked block, whose non-blocking assignments take
effect together, one call at the end of each block stands for all of its
statements. loom does the same without a runtime of its own: each hook is

    `ifdef LOOM_BREAKPOINT_DPI
      loom_breakpoint(32'h5);      // DPI-C: a debugger decides whether to stop
    `else
      `ifdef LOOM_BREAKPOINT_TRACE
        $write("loom breakpoint 5: %m gen.py:12:8\n");   // a statement trace
      `endif
    `endif

so a simulation built without either macro is unchanged, one built with
``+define+LOOM_BREAKPOINT_TRACE`` prints which Python statements run in which
instance, and one built with ``+define+LOOM_BREAKPOINT_DPI`` calls a C
function ``void loom_breakpoint(int id)`` (imported as a ``context`` function,
so ``svGetScope()`` names the instance) where a debugger can set a
breakpoint, look ids up in the table and inspect signals through VPI. The id
-> Python ``file:line:col`` table is ``debug_sites(root)`` / the
``loom.debug_sites`` attribute (see ``debug_hooks`` and docs/debug-hooks.md).

Hooks go into ``sv.alwayscomb``, ``sv.always`` and ``sv.initial`` before every
statement (nested if/case bodies included), and at the end of each block of
an ``sv.alwaysff`` or clocked ``sv.always``; the failure actions of
``inject-assert-fail-exception`` are not statements of the user's. Running
the pass again adds nothing. A single walk over the procedural blocks of each module.
"""

from __future__ import annotations

from circt import ir

from ...dialect import macros
from ...dialect.context import location_text
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from . import debug_hooks as hooks
from ...dialect.opkinds import BRANCHES, GUARDS, PROCEDURAL_BLOCKS
from .common import is_clocked, is_pure, module_bodies, module_name

KIND = "breakpoint"
DPI_MACRO = macros.BREAKPOINT_DPI
TRACE_MACRO = macros.BREAKPOINT_TRACE
FUNCTION = "loom_breakpoint"
_MACROS = frozenset({DPI_MACRO, TRACE_MACRO})


class _Injector:
    def __init__(self, root: ir.Operation):
        self.root = root
        self.sites: list[hooks.DebugSite] = []
        self.module = ""

    def _statements(self, block: ir.Block) -> list[ir.Operation]:
        return [op.operation for op in block.operations
                if not is_pure(op.operation) and not hooks.is_hook(op.operation, _MACROS)
                and not hooks.is_assert_action(op.operation)]

    def _hook(self, statements: list[ir.Operation], before: ir.Operation | None, block: ir.Block) -> None:
        site = hooks.DebugSite(len(self.sites), KIND, self.module,
                               tuple(location_text(op.location) for op in statements))
        self.sites.append(site)
        trace = hooks.write(f"loom breakpoint {site.id}: %m {hooks.escape(', '.join(site.locations))}")
        with ir.Location.fused([op.location for op in statements]):
            hooks.hook(before, block, [(DPI_MACRO, hooks.dpi_call(FUNCTION, site.id)), (TRACE_MACRO, trace)])

    def block(self, block: ir.Block, clocked: bool) -> None:
        statements = self._statements(block)
        if not statements:
            return
        if clocked:
            self._hook(statements, None, block)
        for statement in statements:
            if not clocked:
                self._hook([statement], statement, block)
            # A guard (`ifndef SYNTHESIS around an assertion) is one statement of the user's: its hook goes before it.
            if statement.name in BRANCHES and statement.name not in GUARDS:
                for region in statement.regions:
                    for inner in region.blocks:
                        self.block(inner, clocked)

    def run(self) -> None:
        for module, body in module_bodies(self.root):
            self.module = module_name(module)
            for op in body.operations:
                operation = op.operation
                if operation.name in PROCEDURAL_BLOCKS:
                    clocked = is_clocked(operation)
                    for region in operation.regions:
                        for block in region.blocks:
                            self.block(block, clocked)


@loom_pass("inject-debug-break-points", kind=PassKind.MODULE,
           summary="Add a breakpoint hook (DPI-C call or trace line, under `ifdef) before each procedural statement")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Add a breakpoint hook (DPI-C call or trace line, under `ifdef) before each procedural statement."""
    del options
    with module.context:
        if hooks.has_sites(module, KIND):
            return
        injector = _Injector(module)
        injector.run()
        if injector.sites:
            macros.declare(module, TRACE_MACRO)
            hooks.declare_dpi_function(module, FUNCTION, DPI_MACRO)
            hooks.add_sites(module, injector.sites)
