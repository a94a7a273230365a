"""``auto-insert-clock-enable``: gate every register under the top with its clock enable (kratos).

When the top has a clock-enable input (``gen.clock_en("clk_en")``, recorded
as the generator attribute ``clock_enable`` = the port name; or the pass
option ``port=NAME``), every register below it only updates while that
input is 1:

- every module reachable from the top without passing through a
  ``dont_touch`` module gets an input of that name (unless it has one), and
  each of its instances connects it to the parent's; an existing enable input
  that was tied to a constant is re-wired to the parent's, one connected to
  anything else is left alone (kratos's rules);
- in those modules and in the top, ``seq.firreg``/``seq.compreg`` take
  ``mux(en, next, current)`` as their next value, and each ``sv.alwaysff``
  body is wrapped in ``if (en)``. A reset is never gated, as kratos keeps it
  outside the enable: not a register's, not the asynchronous-reset branch of a
  block, and not a synchronous reset written as the block's only ``if``
  testing a declared reset port (then only its ``else`` branch is wrapped);
- FSMs in those modules are realized first (``realize-fsm``), so their state
  registers are gated too;
- a register or block already gated by the enable is left as it is, so the
  pass can run twice.

``dont_touch`` (the attribute's type string, or, as kratos tests it, its
value string) keeps a module and everything only reachable through it
ungated. A module that gains the port but is also instantiated inside a
``dont_touch`` module gets the constant 1 there (always enabled).
"""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..dialect.constants import create_constant
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.opkinds import ENABLED_REGISTERS, REGISTERS
from ..dialect.ops import IN, InstanceOp, ModuleOp, PortInfo
from ..dialect.resets import ResetStyle
from .checks.model import HIGH, LOW, reset_test
from .fsm_realization import realize_all
from .pass_kinds import PassKind
from .pass_options import TopOptions, option
from .registry import loom_pass
from .stage import needs_loom_ir
from .structure import (
    defining_op,
    instances_by_target,
    loom_modules,
    modules_with_attribute,
    rebuild_instance,
    top_module,
)
from .visitor import user_attributes

NAME = "auto-insert-clock-enable"
ATTRIBUTE = "clock_enable"
DONT_TOUCH = "dont_touch"
_GATED = REGISTERS - ENABLED_REGISTERS
"""Registers that get the enable (``seq.compreg.ce`` already has one)."""


def dont_touch(module: ModuleOp) -> bool:
    attributes = user_attributes(module.operation)
    return DONT_TOUCH in attributes or DONT_TOUCH in attributes.values()


class ClockEnable:
    def __init__(self, root: ir.Operation, top: str, port: str):
        self.modules = {m.sym_name: m for m in loom_modules(root)}
        self.users = instances_by_target(root)
        self.top = top
        self.port = port
        self.i1 = ir.IntegerType.get_signless(1)

    def gated_modules(self) -> list[str]:
        """The top and every module reachable from it without entering a dont_touch module."""
        order, seen = [self.top], {self.top}
        for name in order:
            if name != self.top and dont_touch(self.modules[name]):
                continue
            for op in self.modules[name].body.operations:
                if isinstance(op, InstanceOp) and op.module_name in self.modules and op.module_name not in seen:
                    seen.add(op.module_name)
                    order.append(op.module_name)
        return [n for n in order if n == self.top or not dont_touch(self.modules[n])]

    def enable_value(self, name: str) -> ir.Value:
        """The enable input of module ``name`` (its block argument), adding the port if needed."""
        module = self.modules[name]
        ports = module.ports
        inputs = [p for p in ports if p.direction == IN]
        for index, port in enumerate(inputs):
            if port.name == self.port:
                if str(port.type) != "i1":
                    raise PassFailedError(f"{NAME}: port '{self.port}' of '{name}' must be 1 bit wide to be a clock"
                                          f" enable, it is {port.type}", location_text(module.location))
                return module.body.arguments[index]
        if name == self.top:
            raise PassFailedError(f"{NAME}: top module '{name}' has no input '{self.port}'",
                                  location_text(module.location))
        new_ports = inputs + [PortInfo(self.port, IN, self.i1)] + [p for p in ports if p.direction != IN]
        module.operation.attributes["ports"] = ir.ArrayAttr.get([p.to_attr() for p in new_ports])
        return module.body.add_argument(self.i1, module.location)

    def connect(self, name: str, gated: set[str], enables: dict[str, ir.Value]) -> None:
        """Connect the enable of every instance of ``name`` to its parent's (or to 1 in an ungated parent)."""
        for inst in self.users.get(name, []):
            parent = inst.operation.parent.opview.sym_name
            connected = dict(zip(inst.input_names, inst.operation.operands, strict=True))
            current = connected.get(self.port)
            if current is not None and not _is_constant(current):
                continue
            if parent in gated:
                connected[self.port] = enables[parent]
            else:
                with inst.location, ir.InsertionPoint(inst.operation):
                    connected[self.port] = create_constant(self.i1, 1).results[0]
            order = [p.name for p in self.modules[name].ports if p.direction == IN]
            rebuild_instance(inst, [(n, connected[n]) for n in order if n in connected],
                             list(zip(inst.output_names, (r.type for r in inst.operation.results), strict=True)))

    def gate(self, module: ModuleOp, enable: ir.Value) -> None:
        resets = declared_resets(module)
        for op in list(module.body.operations):
            operation = op.operation
            if operation.name in _GATED:
                gate_register(operation, enable)
            elif operation.name == "sv.alwaysff":
                clocked = synchronous_reset_else(operation.regions[0].blocks[0], resets)
                if clocked is not None:
                    gate_block(clocked, enable)

    def run(self) -> None:
        gated = self.gated_modules()
        enables = {name: self.enable_value(name) for name in gated}
        gated_set = set(gated)
        for name in gated:
            if name != self.top:
                self.connect(name, gated_set, enables)
        for name in gated:
            realize_all(self.modules[name].operation)  # an FSM's state register is gated like any other
            self.gate(self.modules[name], enables[name])


def _is_constant(value: ir.Value) -> bool:
    op = defining_op(value)
    return op is not None and op.name == "hw.constant"


def gate_register(op: ir.Operation, enable: ir.Value) -> None:
    """``next`` becomes ``mux(enable, next, register)`` unless it already is gated by ``enable``."""
    current = op.results[0]
    next_value = op.operands[0]
    source = defining_op(next_value)
    if source is not None and source.name == "comb.mux" and source.operands[0] == enable:
        return
    with op.location, ir.InsertionPoint(op):
        mux = ir.Operation.create("comb.mux", results=[current.type], operands=[enable, next_value, current])
    op.operands[0] = mux.results[0]


def declared_resets(module: ModuleOp) -> list[tuple[ir.Value, ResetStyle]]:
    """The module's inputs declared as resets (``reset(...)``), with their styles."""
    inputs = [p for p in module.ports if p.direction == IN]
    found = []
    for port, argument in zip(inputs, module.body.arguments, strict=True):
        style = ResetStyle.from_port_entry(ir.DictAttr(port.to_attr()))
        if style is not None:
            found.append((argument, style))
    return found


def synchronous_reset_else(block: ir.Block, resets: list[tuple[ir.Value, ResetStyle]]) -> ir.Block | None:
    """What to gate in an ``always_ff`` body: all of it, or, for the synchronous reset template (one ``if``
    testing a declared reset at its asserted level), only its ``else`` branch (None if it has none): a reset
    is never gated, whether it is a register's, an FSM's or written in a procedural block."""
    operations = [op.operation for op in block.operations]
    if len(operations) != 1 or operations[0].name != "sv.if":
        return block
    branch = operations[0]
    for signal, style in resets:
        if reset_test(branch.operands[0], signal) == (LOW if style.active_low else HIGH):
            else_blocks = branch.regions[1].blocks
            return else_blocks[0] if len(else_blocks) else None
    return block


def gate_block(block: ir.Block, enable: ir.Value) -> None:
    """Move the block's statements into ``sv.if enable { ... }`` unless they already are."""
    operations = [op.operation for op in block.operations]
    if not operations:
        return
    first = operations[0]
    if len(operations) == 1 and first.name == "sv.if" and first.operands[0] == enable:
        return
    with first.location:
        guard = ir.Operation.create("sv.if", operands=[enable], regions=2, ip=ir.InsertionPoint.at_block_begin(block))
    then_block = guard.regions[0].blocks.append()
    for op in operations:
        op.detach_from_parent()
        ir.InsertionPoint(then_block).insert(op)


@dataclass(frozen=True, kw_only=True)
class ClockEnableOptions(TopOptions):
    """The options of ``auto-insert-clock-enable``."""

    port: str | None = option(None, help="the top's clock-enable input (default: its clock_enable attribute)")


@loom_pass("auto-insert-clock-enable", kind=PassKind.HIERARCHY,
           summary="Gate every register under the top with its clock enable (skips `dont_touch` generators)",
           options=ClockEnableOptions)
@needs_loom_ir
def run(module: ir.Operation, options: ClockEnableOptions) -> bool | None:
    """Gate every register under the top with the top's clock enable (except in dont_touch modules)."""
    if not options.port and not modules_with_attribute(module, ATTRIBUTE):
        return False  # no clock enable anywhere: skip finding the top (a walk over every instance)
    top = top_module(module, options.top, NAME)
    top_op = next(m for m in loom_modules(module) if m.sym_name == top)
    port = options.port or user_attributes(top_op.operation).get(ATTRIBUTE)
    if not port:
        return False  # the top has no clock enable: nothing to do, as in kratos
    ClockEnable(module, top, port).run()
    return None
