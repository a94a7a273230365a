"""Realizing finite state machines into more basic primitives (the ``realize-fsm`` pass, kratos ``realize_fsm``).

Every ``loom.fsm`` op (docs/ir-conventions.md; the frontend's ``Generator.fsm``)
becomes, in the module that holds it:

- one ``loom.localparam`` per state (``localparam [1:0] IDLE = 0;``; states are
  numbered in declaration order);
- ``<fsm>_state`` (``sv.reg``) and ``<fsm>_next`` (``sv.logic``), and one
  ``sv.logic`` ``<fsm>_<output>`` per output;
- an ``sv.alwaysff`` that loads ``<fsm>_next`` into the state register and
  the reset state on reset (synchronous or asynchronous, active high or low,
  as the op's ``reset``/``reset_active_low`` say);
- an ``sv.alwayscomb`` that first gives ``<fsm>_next`` the current state and
  every output its default, then ``sv.case`` over the state: per state
  (labelled by its number, named in ``loom.case_names`` so that
  lower-data-types makes the label the state's localparam), the Moore outputs,
  then the transitions as an ``if``/``else if`` chain in
  declaration order, each setting the next state and its Mealy outputs. When
  the states do not fill the state register's range, the ``default`` branch
  goes to the reset state, so the case is full and nothing is latched.

The op's results are replaced by reads of the state register and of the
output variables. The pass writes the realization as MLIR text and parses it
(like the frontend: one parse instead of an op-by-op build), with the source
locations of the FSM, its states and its transitions on the ops they made.
It runs in the default lowering pipeline right after ``loom-verify``. The pass itself is ``realize_fsm.py``,
which imports this module only for a design with an FSM (docs/architecture.md, "Start-up").
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles a field's annotation given as a string,
# 30-40 us a field at import, every run (docs/architecture.md, "Start-up").
from typing import Any, NamedTuple

from circt import ir

from ..dialect.case_names import case_names_text
from ..dialect.constants import signed_literal
from ..dialect.errors import PassFailedError
from ..dialect.opkinds import MODULES
from ..dialect.resets import ResetStyle
from ..dialect.statement_ops import FsmOp, FsmOutputOp, FsmStateOp, FsmTransitionOp, YieldOp
from .rewrites.common import collect
from .structure import report_problems

FSM_OP = FsmOp.OPERATION_NAME
_REQUIRED = object()  # ``_Decoder.text``'s default: the attribute must be there


def _strings(attr: ir.Attribute) -> list[str]:
    return [ir.StringAttr(item).value for item in ir.ArrayAttr(attr)]


class Transition(NamedTuple):
    target: str
    condition: ir.Value | None
    outputs: dict[str, ir.Value]
    location: ir.Location


class StateInfo:
    __slots__ = ("location", "name", "outputs", "transitions")

    def __init__(self, name: str, location: ir.Location) -> None:
        self.name, self.location = name, location
        self.outputs: dict[str, ir.Value] = {}
        self.transitions: list[Transition] = []


class Machine(NamedTuple):
    """A ``loom.fsm`` op, decoded and checked."""

    op: ir.Operation
    name: str
    states: list[StateInfo]
    reset_state: str
    outputs: list[str]
    asynchronous: bool
    active_low: bool

    @property
    def width(self) -> int:
        return max(1, (len(self.states) - 1).bit_length())


class _Decoder:
    """Reads one ``loom.fsm`` op and collects every problem with it (at the op, state or transition)."""

    def __init__(self, op: ir.Operation):
        self.op = op
        self.problems: list[tuple[ir.Location, str]] = []

    def text(self, operation: ir.Operation, key: str, array: bool = False, default: object = _REQUIRED) -> Any:
        """Attribute ``key`` of ``operation`` as a string (or a list of strings); None, with a problem, if it is
        missing (and has no ``default``) or of another kind: hand-written IR gets an error, not a traceback."""
        if key not in operation.attributes:
            if default is not _REQUIRED:
                return default
            self.problems.append((operation.location, f"'{operation.name}' requires attribute '{key}'"))
            return None
        attr = operation.attributes[key]
        try:
            return _strings(attr) if array else ir.StringAttr(attr).value
        except ValueError:
            kind = "an array of strings" if array else "a string"
            self.problems.append((operation.location, f"'{operation.name}' attribute '{key}' must be {kind},"
                                  f" not {attr}"))
            return None

    def decode(self) -> Machine | None:
        op = self.op
        name, declared, reset_state, outputs = (self.text(op, "name"), self.text(op, "states", array=True),
                                                self.text(op, "reset_state"), self.text(op, "outputs", array=True))
        reset = self.text(op, "reset", default="sync")
        if None in (name, declared, reset_state, outputs, reset) or len(op.regions) != 1:
            return None
        label = f"FSM '{name}'"
        if len(self.op.operands) != 2 + len(outputs) or len(self.op.results) != 1 + len(outputs):
            self.problems.append((self.op.location, f"{label}: 'loom.fsm' takes a clock, a reset and one default per"
                                  f" output ({len(outputs)}) and has one result more than outputs"))
            return None
        states = self.states(label, outputs)
        names = [s.name for s in states]
        if names != declared:
            self.problems.append((self.op.location, f"{label}: the state ops ({', '.join(names)}) do not match the"
                                  f" 'states' attribute ({', '.join(declared)})"))
        if not states:
            self.problems.append((self.op.location, f"{label} has no states"))
        if not reset_state:
            self.problems.append((self.op.location, f"{label} has no reset state"))
        elif states and reset_state not in names:
            self.problems.append((self.op.location, f"{label}: the reset state '{reset_state}' is not one of its"
                                  f" states ({', '.join(names)})"))
        for state in states:
            for transition in state.transitions:
                if transition.target not in names:
                    self.problems.append((transition.location, f"{label}: state '{state.name}' has a transition to"
                                          f" unknown state '{transition.target}' (states: {', '.join(names)})"))
        if reset not in ("sync", "async"):
            self.problems.append((self.op.location, f"{label}: reset must be \"sync\" or \"async\", not \"{reset}\""))
        low = False
        if "reset_active_low" in self.op.attributes:
            attr = self.op.attributes["reset_active_low"]
            try:
                low = ir.BoolAttr(attr).value
            except ValueError:
                self.problems.append((self.op.location,
                                      f"{label}: 'reset_active_low' must be true or false, not {attr}"))
        if self.problems:
            return None
        return Machine(self.op, name, states, reset_state, outputs, reset == "async", low)

    def states(self, label: str, outputs: list[str]) -> list[StateInfo]:
        states: list[StateInfo] = []
        seen: set[str] = set()
        blocks = self.op.regions[0].blocks
        for op in (blocks[0].operations if len(blocks) else []):
            operation = op.operation
            if operation.name != FsmStateOp.OPERATION_NAME or "name" not in operation.attributes:
                self.problems.append((operation.location, f"{label}: expected a 'loom.fsm.state' op with a name,"
                                      f" found '{operation.name}'"))
                continue
            state_name = self.text(operation, "name")
            if state_name is None:
                continue
            state = StateInfo(state_name, operation.location)
            if state.name in seen:
                self.problems.append((operation.location, f"{label} has two states named '{state.name}'"))
            seen.add(state.name)
            self.state_body(label, state, operation, outputs)
            states.append(state)
        return states

    def named_values(self, label: str, operation: ir.Operation, values: list[ir.Value], key: str,
                     outputs: list[str]) -> dict[str, ir.Value]:
        names = self.text(operation, key, array=True, default=[])
        if names is None:
            return {}
        if len(names) != len(values):
            self.problems.append((operation.location, f"{label}: '{operation.name}' names {len(names)} outputs for"
                                  f" {len(values)} values"))
            return {}
        unknown = [n for n in names if n not in outputs]
        if unknown:
            self.problems.append((operation.location, f"{label} has no output '{unknown[0]}' (outputs:"
                                  f" {', '.join(outputs) or 'none'})"))
        return dict(zip(names, values, strict=True))

    def state_body(self, label: str, state: StateInfo, operation: ir.Operation, outputs: list[str]) -> None:
        region = operation.regions[0] if len(operation.regions) else None
        ops = region.blocks[0].operations if region is not None and len(region.blocks) else []
        unconditional: ir.Location | None = None
        for op in ops:
            inner = op.operation
            if inner.name == FsmOutputOp.OPERATION_NAME:
                state.outputs.update(self.named_values(label, inner, list(inner.operands), "names", outputs))
            elif inner.name == FsmTransitionOp.OPERATION_NAME:
                if "to" not in inner.attributes:
                    self.problems.append((inner.location, f"{label}: a transition needs a 'to' state"))
                    continue
                target, names = self.text(inner, "to"), self.text(inner, "outputs", array=True, default=[])
                if target is None or names is None:
                    continue
                operands = list(inner.operands)
                condition = operands[0] if len(operands) == len(names) + 1 else None
                values = operands[1:] if condition is not None else operands
                if unconditional is not None:
                    self.problems.append((inner.location, f"{label}: state '{state.name}' has a transition after an"
                                          " unconditional one; it is never taken"))
                if condition is None:
                    unconditional = inner.location
                state.transitions.append(Transition(target, condition,
                                                    self.named_values(label, inner, values, "outputs", outputs),
                                                    inner.location))
            else:
                self.problems.append((inner.location, f"{label}: unexpected '{inner.name}' in state '{state.name}'"))


class _Text:
    """The realization of one machine as MLIR text over block arguments standing for the op's values."""

    def __init__(self, machine: Machine):
        self.machine = machine
        self.arguments: list[ir.Value] = []
        self.index: dict[ir.Value, str] = {}
        self.lines: list[str] = []
        self.temp = 0

    def value(self, value: ir.Value) -> str:
        name = self.index.get(value)
        if name is None:
            name = self.index[value] = f"%a{len(self.arguments)}"
            self.arguments.append(value)
        return name

    def fresh(self) -> str:
        self.temp += 1
        return f"%t{self.temp}"

    def emit(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)

    def build(self) -> str:
        m = self.machine
        loc = str(m.op.location)
        t = f"i{m.width}"
        types = [str(r.type) for r in m.op.results]
        prefix = m.name
        clock, reset = self.value(m.op.operands[0]), self.value(m.op.operands[1])
        defaults = [self.value(v) for v in list(m.op.operands)[2:]]
        state_value = {s.name: f"%s_{s.name}" for s in m.states}
        for number, state in enumerate(m.states):
            value = signed_literal(number, m.width)
            self.emit(1, f'{state_value[state.name]} = "loom.localparam"() {{name = "{state.name}", value = {value}'
                         f" : {t}}} : () -> {t} {loc}")  # the machine's location: listed together
        self.emit(1, f"%{prefix}_state = sv.reg : !hw.inout<{t}> {loc}")
        self.emit(1, f"%{prefix}_next = sv.logic : !hw.inout<{t}> {loc}")
        outputs = {name: f"%{prefix}_{name}" for name in m.outputs}
        for name, out_type in zip(m.outputs, types[1:], strict=True):
            self.emit(1, f"{outputs[name]} = sv.logic : !hw.inout<{out_type}> {loc}")
        self.emit(1, f"%current = sv.read_inout %{prefix}_state : !hw.inout<{t}> {loc}")
        self.emit(1, f"%next_value = sv.read_inout %{prefix}_next : !hw.inout<{t}> {loc}")
        self.emit(1, f"%clock = seq.from_clock {clock} {loc}")
        clause = ResetStyle(m.asynchronous, m.active_low).alwaysff_clause(reset, self.fresh,
                                                                          lambda line: self.emit(1, line), loc)
        self.emit(1, "sv.alwaysff(posedge %clock) {")
        self.emit(2, f"sv.passign %{prefix}_state, %next_value : {t} {loc}")
        self.emit(1, f"}} {clause} {{")
        self.emit(2, f"sv.passign %{prefix}_state, {state_value[m.reset_state]} : {t} {loc}")
        self.emit(1, f"}} {loc}")
        self.emit(1, "sv.alwayscomb {")
        self.emit(2, f"sv.bpassign %{prefix}_next, %current : {t} {loc}")
        for name, default, out_type in zip(m.outputs, defaults, types[1:], strict=True):
            self.emit(2, f"sv.bpassign {outputs[name]}, {default} : {out_type} {loc}")
        names = [state.name for state in m.states] + ([""] if len(m.states) < (1 << m.width) else [])
        self.emit(2, f"sv.case %current : {t}{case_names_text(names)}")
        out_types = dict(zip(m.outputs, types[1:], strict=True))
        for number, state in enumerate(m.states):
            self.emit(2, f"case b{number:0{m.width}b}: {{")
            if not state.outputs and not state.transitions:
                self.emit(3, "^bb0:")  # an empty region still needs its block
            for name, output in state.outputs.items():
                self.emit(3, f"sv.bpassign {outputs[name]}, {self.value(output)} : {out_types[name]} {state.location}")
            self.transitions(3, state.transitions, state_value, outputs, out_types, t)
            self.emit(2, "}")
        if len(m.states) < (1 << m.width):
            self.emit(2, "default: {")
            self.emit(3, f"sv.bpassign %{prefix}_next, {state_value[m.reset_state]} : {t} {loc}")
            self.emit(2, "}")
        self.emit(2, loc)  # the sv.case's location
        self.emit(1, f"}} {loc}")
        reads = ["%current"]
        for name, out_type in zip(m.outputs, types[1:], strict=True):
            read = self.fresh()
            self.emit(1, f"{read} = sv.read_inout {outputs[name]} : !hw.inout<{out_type}> {loc}")
            reads.append(read)
        self.emit(1, f'"loom.yield"({", ".join(reads)}) : ({", ".join(types)}) -> () {loc}')
        arguments = ", ".join(f"%a{i}: {v.type}" for i, v in enumerate(self.arguments))
        return ('module {\n"loom.fsm_realization"() ({\n' + f"^bb0({arguments}):\n" + "\n".join(self.lines)
                + "\n}) : () -> ()\n}\n")

    def transitions(self, depth: int, transitions: list[Transition], state_value: dict[str, str],
                    outputs: dict[str, str], out_types: dict[str, str], t: str) -> None:
        if not transitions:
            return
        first, rest = transitions[0], transitions[1:]
        body = depth
        if first.condition is not None:
            self.emit(depth, f"sv.if {self.value(first.condition)} {{")
            body = depth + 1
        self.emit(body, f"sv.bpassign %{self.machine.name}_next, {state_value[first.target]} : {t} {first.location}")
        for name, value in first.outputs.items():
            self.emit(body, f"sv.bpassign {outputs[name]}, {self.value(value)} : {out_types[name]} {first.location}")
        if first.condition is None:
            return
        if rest:
            self.emit(depth, "} else {")
            self.transitions(depth + 1, rest, state_value, outputs, out_types, t)
        self.emit(depth, f"}} {first.location}")


def realize(machine: Machine) -> None:
    """Replace one decoded ``loom.fsm`` op by its realization, in place."""
    op = machine.op
    builder = _Text(machine)
    text = builder.build()
    parsed = ir.Module.parse(text, op.context)
    wrapper = parsed.body.operations[0].operation
    block = wrapper.regions[0].blocks[0]
    for argument, value in zip(block.arguments, builder.arguments, strict=True):
        argument.replace_all_uses_with(value)
    point = ir.InsertionPoint(op)
    yielded: list[ir.Value] = []
    for inner in list(block.operations):
        operation = inner.operation
        if operation.name == YieldOp.OPERATION_NAME:
            yielded = list(operation.operands)
            continue
        operation.detach_from_parent()
        point.insert(operation)
    for result, value in zip(op.results, yielded, strict=True):
        result.replace_all_uses_with(value)
    op.erase()


def _machines(root: ir.Operation) -> list[ir.Operation]:
    """The ``loom.fsm`` ops directly in a module body (MLIR walks in C++; only FSMs reach Python)."""
    return [op.operation for op in collect(root, [FSM_OP]) if op.operation.parent.name in MODULES]


def realize_all(root: ir.Operation) -> bool:
    """Realize every FSM in ``root`` (a module, or the top-level module holding modules); whether there was one."""
    found = _machines(root)
    if not found:
        return False
    machines: list[Machine] = []
    problems: list[tuple[ir.Location, str]] = []
    for op in found:
        decoder = _Decoder(op)
        machine = decoder.decode()
        problems.extend(decoder.problems)
        if machine is not None:
            machines.append(machine)
    report_problems(problems)
    for machine in machines:
        try:
            realize(machine)
        except ir.MLIRError as error:  # a bug in the template, not the user's design
            raise PassFailedError(f"realize-fsm: cannot build FSM '{machine.name}': {error}") from None
    return True
