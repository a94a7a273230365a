"""``remove-fanout-one-wires``: collapse chains of plain copies onto their last variable.

kratos follows, from every variable, the chain of plain copies at the
generator's top level: ``v0`` is read once, by ``v1 = v0``; ``v1`` is read
once, by ``v2 = v1``; ... up to ``vk``, which is read by anything else (or
several times, or is an output port). When the chain has an unnecessary wire
in its middle (three variables or more), the last one takes the first one's
driver and the others go: ``s = a + 1; t = s; o = t`` becomes ``o = a + 1``.
A single copy (``t = s; o = t`` would need a third link) keeps its name, as
in kratos: the user named that value.

On loom IR a link is an ``hw.wire`` whose input is the previous variable, an
output port (``loom.output`` / ``hw.output`` operand, always the chain's
end), or an ``sv.logic`` / ``sv.wire`` written once by a module-level
``sv.assign`` and read once by ``sv.read_inout``. A variable read by an
expression, a slice, an instance or more than one reader ends the chain, so
a slice or a bit reversal is never turned into a copy (kratos stops at
expressions too); the expression that drove the chain's first variable moves
unchanged.

An output port that statements assign is a variable in loom IR (the
procedural frontend writes ``%p = sv.logic sym @p`` and ``loom.output`` of
its read); in kratos it is the port itself. Such a variable -- named like the
output port it alone feeds -- is taken as the port: it goes, and the port
takes its driver (``assign p = w`` instead of ``assign p_0 = w; assign p =
p_0``), whatever the chain's length.

A single walk over each module body (a chain is a property of several ops,
not of one: no local pattern decides it).
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles a field's annotation given as a string,
# 30-40 us a field at import, every run (docs/architecture.md, "Start-up").
from typing import NamedTuple

from circt import ir
from circt.dialects import hw

from ...dialect.opkinds import MODULE_OUTPUTS, MODULES
from ...dialect.ops import IN, ModuleOp
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import CONTINUOUS_ASSIGN, collect, has_uses, idle, parent_op, users


class _Var(NamedTuple):
    """A variable that can be a chain link: its ops, its driver and the value readers see."""

    ops: list[ir.Operation]  # erased together, readers first
    driver: ir.Value
    value: ir.Value


def _as_var(op: ir.Operation) -> _Var | None:
    if op.name == "hw.wire":
        return _Var([op], op.operands[0], op.results[0])
    if op.name not in ("sv.logic", "sv.wire"):
        return None
    readers = users(op.results[0])
    # A module-level loom.assign is continuous too (fix-assignment-type has not run yet).
    writes = [r for r in readers if r.name in (CONTINUOUS_ASSIGN, "loom.assign") and r.operands[0] == op.results[0]]
    reads = [r for r in readers if r.name == "sv.read_inout"]
    live = [r for r in reads if has_uses(r)]  # the frontend may leave unused reads behind
    if len(writes) != 1 or len(live) != 1 or len(readers) != 1 + len(reads):
        return None
    parent = parent_op(writes[0])
    if parent is None or parent.name not in MODULES:
        return None
    dead = [r for r in reads if not has_uses(r)]
    return _Var([live[0], *dead, writes[0], op], writes[0].operands[1], live[0].results[0])


def _output_names(module: ir.Operation) -> list[str]:
    if module.name == "hw.module":
        return [str(name) for name in hw.ModuleType(ir.TypeAttr(module.attributes["module_type"]).value).output_names]
    return [port.name for port in ModuleOp(module).ports if port.direction != IN]


def _var_name(var: _Var) -> str | None:
    op = var.ops[-1]
    return ir.StringAttr(op.attributes["name"]).value if "name" in op.attributes else None


class _Chains:
    """The chain links of one module."""

    def __init__(self, module: ir.Operation, ops: list[ir.Operation]):
        self.module = module
        self.vars: dict[int, _Var] = {}
        for op in ops:
            var = _as_var(op)
            if var is not None:
                self.vars[hash(op)] = var

    @property
    def outputs(self) -> list[str]:
        if not hasattr(self, "_outputs"):
            self._outputs = _output_names(self.module)
        return self._outputs

    def fold_port_variables(self) -> None:
        """Bypass each variable that stands for the output port it alone feeds (same name)."""
        for key, var in list(self.vars.items()):
            uses = list(var.value.uses)
            if len(uses) != 1 or uses[0].owner.operation.name not in MODULE_OUTPUTS:
                continue
            index = uses[0].operand_number
            if index >= len(self.outputs) or _var_name(var) != self.outputs[index]:
                continue
            var.value.replace_all_uses_with(var.driver)
            for op in var.ops:
                op.erase()
            del self.vars[key]

    def _var_of(self, op: ir.Operation) -> _Var | None:
        return self.vars.get(hash(op))

    def next(self, var: _Var) -> _Var | str | None:
        """The variable (or ``"port"``) that copies ``var`` as its only reader; None if there is none."""
        uses = list(var.value.uses)
        if len(uses) != 1:
            return None
        user = uses[0].owner.operation
        if user.name in MODULE_OUTPUTS:
            return "port"
        if user.name == "hw.wire":
            return self._var_of(user)
        if user.name in (CONTINUOUS_ASSIGN, "loom.assign") and uses[0].operand_number == 1:
            return self._var_of(user.operands[0].owner.operation)
        return None

    def collapse(self) -> None:
        successors = {id(var): self.next(var) for var in self.vars.values()}
        inner = {id(nxt) for nxt in successors.values() if isinstance(nxt, _Var)}
        for head in self.vars.values():
            if id(head) in inner:
                continue
            chain: list[_Var] = [head]
            end: _Var | str | None = successors[id(head)]
            while isinstance(end, _Var) and len(chain) <= len(self.vars):
                chain.append(end)
                end = successors[id(end)]
            links = len(chain) + (1 if end == "port" else 0)
            if links < 3:
                continue
            removed = chain if end == "port" else chain[:-1]
            removed[-1].value.replace_all_uses_with(head.driver)
            for var in reversed(removed):
                for op in var.ops:
                    op.erase()


CANDIDATES = ["hw.wire", "sv.logic", "sv.wire"]
"""The variable ops a chain is made of."""


@loom_pass("remove-fanout-one-wires", kind=PassKind.MODULE,
           summary="Remove wires whose single reader copies them into another variable or an output")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Collapse chains of plain copies (three variables or more) onto their last variable."""
    del options
    if idle(module, "remove-fanout-one-wires"):
        return False  # no variable: the IR is untouched
    with module.context:
        # The walk driver finds the candidates in C++; Python sees only variable ops.
        by_module: dict[int, tuple[ir.Operation, list[ir.Operation]]] = {}
        for op in collect(module, CANDIDATES):
            owner = parent_op(op)
            if owner is not None and owner.name in MODULES:
                by_module.setdefault(hash(owner), (owner, []))[1].append(op)
        for owner, ops in by_module.values():
            chains = _Chains(owner, ops)
            chains.fold_port_variables()
            chains.collapse()
    return None if by_module else False  # no variable in a module body: the IR is untouched
