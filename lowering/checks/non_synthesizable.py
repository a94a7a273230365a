"""``check-non-synthesizable-content``: report everything synthesis cannot build, each at its line.

kratos's ``check_non_synthesizable_content`` lists the offending code and
throws. Reported here, one error per op:

- simulation output and control: ``sv.fwrite`` ($fwrite/$display),
  ``sv.fflush``, ``sv.fclose``, ``sv.finish``, ``sv.stop``, ``sv.exit``,
  the severity tasks ($fatal, $error, $warning, $info), ``sv.readmem``,
  system functions (``sv.system*``: $time, $random, ...), ``force``,
  ``release`` and deposits, any op of the ``sim`` dialect;
- ``initial`` blocks (reported once, not op by op);
- calls of DPI-imported functions (``sv.func.call*`` of an ``sv.func.dpi.import``);
- delayed assignments (an assignment carrying a ``delay`` attribute,
  kratos's ``assign(...).delay``);
- immediate and concurrent assertions, assumptions and covers (``sv`` and
  ``verif``).

Anything inside the ``else`` region of ``sv.ifdef @SYNTHESIS`` (that is
`` `ifndef SYNTHESIS``) is simulation-only by construction and not
reported, in loom IR as after lowering (``loom.module`` lets the guard's
symbol reference through; docs/rationale.md, "Symbols inside loom bodies").
So is what sits under `` `ifdef`` on one of the debug hooks' macros
(``LOOM_BREAKPOINT_DPI`` ..., docs/debug-hooks.md), which only a simulation
defines.
"""

from __future__ import annotations

from typing import Iterable

from circt import ir

from ...dialect.macros import SIMULATION_ONLY, SYNTHESIS
from ...dialect.opkinds import ASSIGNS, CALLS, GUARDS, STATEMENT_CONTAINERS
from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import INITIAL, ModuleModel, Scan, ops_in, str_attr
from .runner import Check


_WHAT = {
    "sv.fwrite": "$fwrite/$display (simulation output)",
    "sv.write": "$write (simulation output)",
    "sv.fflush": "$fflush (simulation output)",
    "sv.fclose": "$fclose (simulation output)",
    "sv.finish": "$finish (ends the simulation)",
    "sv.stop": "$stop (stops the simulation)",
    "sv.exit": "$exit (ends the simulation)",
    "sv.readmem": "$readmemh/$readmemb (reads a file)",
    "sv.force": "force (simulation only)",
    "sv.release": "release (simulation only)",
    "sv.nonstandard.deposit": "a deposit (simulation only)",
    INITIAL: "an initial block (simulation only)",
}
_SEVERITY_TASKS = ("fatal", "error", "warning", "info")
_ASSERTIONS = {"assert": "an assertion", "assume": "an assumption", "cover": "a cover statement"}
# Module-level ops whose regions may hold reported content (procedural blocks, ifdefs, generates).
_CONTAINERS = STATEMENT_CONTAINERS | {"sv.for", "sv.generate", "sv.generate.case", "sv.ordered"}


def describe(name: str) -> str | None:
    """What is not synthesizable about an op named ``name`` (None: nothing)."""
    if name in _WHAT:
        return _WHAT[name]
    dialect, _, rest = name.partition(".")
    base = rest.removesuffix(".procedural")
    if dialect == "sv" and base in _SEVERITY_TASKS:
        return f"${base} (a simulation severity task)"
    if dialect == "sv" and rest.startswith("system"):
        return "a system function call (simulation only)"
    if dialect in ("sv", "verif") and any(base.startswith(kind) or base.startswith(f"clocked_{kind}")
                                          for kind in _ASSERTIONS):
        kind = next(k for k in _ASSERTIONS if k in base)
        return f"{_ASSERTIONS[kind]} outside an `ifndef SYNTHESIS guard"
    if dialect == "sim":
        return f"'{name}' (simulation only)"
    return None


def check(report: DiagnosticReport, found: Scan) -> None:
    """Report each non-synthesizable op of the module."""
    top_level = [op for ops in found.ops.values() for op in ops]  # diagnostics are sorted by line later
    _Visitor(report, found.model).visit(top_level, top_level=True)


def _is_dpi_import(root: ir.Operation | None, callee: str) -> bool:
    """Whether ``callee`` is imported from DPI-C at the top of ``root``, also under a top-level `` `ifdef``."""
    if root is None:
        return False
    return any(_imports(op.operation, callee) for op in root.regions[0].blocks[0].operations)


def _imports(op: ir.Operation, callee: str) -> bool:
    if op.name == "sv.func.dpi.import":
        return str(op.attributes["callee"]).lstrip("@") == callee
    return op.name == "sv.ifdef" and any(_imports(inner.operation, callee) for region in op.regions
                                         for block in region.blocks for inner in block.operations)


class _Visitor:
    def __init__(self, report: DiagnosticReport, model: ModuleModel):
        self.report = report
        self.model = model

    def visit(self, ops: Iterable[ir.Operation], top_level: bool = False) -> None:
        for op in ops:
            name = op.name
            what = describe(name) or self._special(op, name)
            if what is not None:
                self.report.error(op, f"non-synthesizable content: {what}")
                if name == INITIAL:
                    continue
            if top_level and name not in _CONTAINERS:
                continue  # instances and expressions: no regions worth reading
            if name in GUARDS and _macro(op) == SYNTHESIS:
                self.visit(ops_in(op.regions[0]))  # `ifdef SYNTHESIS: synthesis sees it; the else is simulation
                continue
            if name in GUARDS and _macro(op) in SIMULATION_ONLY:
                self.visit(ops_in(op.regions[1]))  # a debug hook's macro: only a simulation defines it
                continue
            for region in op.regions:
                self.visit(ops_in(region))

    def _special(self, op: ir.Operation, name: str) -> str | None:
        if name in CALLS:
            callee = str(op.attributes["callee"]).lstrip("@")
            return f"a call of the DPI function '{callee}'" if _is_dpi_import(self.model.root, callee) else None
        if "delay" in op.attributes and name in ASSIGNS:
            return f"a delayed assignment (#{str(op.attributes['delay']).split(':')[0].strip()})"
        return None


def _macro(op: ir.Operation) -> str | None:
    text = str(op.attributes["cond"]) if "cond" in op.attributes else ""
    if "@" not in text:
        return str_attr(op, "cond")
    return text.split("@", 1)[1].rstrip(">").strip()


# Every top-level sv/sim/verif op (blocks, ifdefs, concurrent assertions, ...) and loom.assign (delays).
CHECK = Check("check-non-synthesizable-content", check, frozenset({"loom.assign"}), ("sv.", "sim.", "verif."))
run = loom_pass("check-non-synthesizable-content", kind=PassKind.CHECK,
                summary="Report $display/$fwrite, $finish, initial blocks, DPI calls and unguarded assertions")(CHECK.run)
