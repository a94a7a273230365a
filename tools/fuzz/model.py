"""A cycle-accurate Python model of a ``DesignDesc``, written from the description alone.

Values are unsigned integers of the node's width (``None`` = unknown, e.g. a
register before any reset: a "don't care" when compared). Signedness only changes
how comparisons, ``>>`` and ``sext`` read the bits.

One cycle, as the testbench runs it (``testbench.py``): inputs are applied; an
asserted asynchronous reset sets its registers at once; the outputs are sampled;
then every clock that ticks this cycle updates its registers from the values
just computed (reset, else enable, else the next value).
"""

from __future__ import annotations

from collections.abc import Mapping

from .description import (
    BINARY,
    COMPARE,
    Block,
    DesignDesc,
    Fsm,
    ModuleDesc,
    Node,
    Register,
    Stmt,
    TypeDesc,
    k_value,
    mask,
    param_values,
    present,
)
from .model_data import MemoryModel, evaluate_data, write_part

Value = int | None


def to_signed(value: int, width: int) -> int:
    return value - (1 << width) if value >> (width - 1) & 1 else value


def compare(op: str, a: int, b: int) -> bool:
    return {"eq": a == b, "ne": a != b, "lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[op]


ARITHMETIC = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
              "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b}


def evaluate(m: ModuleDesc, node: Node, values: list[Value], k: int, params: dict[str, int],
             types: dict[str, TypeDesc]) -> Value:
    """The node's value from its operands' values; unknown when an operand is."""
    operands = [values[i] for i in node.args]
    if any(v is None for v in operands):
        return None
    args: list[int] = operands  # type: ignore[assignment]
    sources = [m.nodes[i] for i in node.args]
    op, width = node.op, node.width
    if op in BINARY or op in COMPARE:
        first = sources[0]
        if node.attrs[:1] == ("param",):  # a parameter is unsigned, at the signal's width
            a, b, signed = args[0], params[node.attrs[1]] & mask(first.width), False
            if node.rev:
                a, b = b, a
        elif node.value is None:
            a, b, signed = args[0], args[1], first.signed and sources[1].signed
        else:  # the integer takes the other operand's width and signedness
            a, b, signed = args[0], node.value & mask(first.width), first.signed
            if node.rev:
                a, b = b, a
        if op in BINARY:
            return ARITHMETIC[op](a, b) & mask(width)
        if signed:
            a, b = to_signed(a, first.width), to_signed(b, first.width)
        return int(compare(op, a, b))
    if op in ("shl", "shr"):
        amount = node.value if node.value is not None else args[1]
        a = args[0]
        if op == "shl":
            return (a << amount) & mask(width)
        return ((to_signed(a, width) if node.signed else a) >> amount) & mask(width)
    if op == "not":
        return ~args[0] & mask(width)
    if op == "neg":
        return -args[0] & mask(width)
    if op == "r_or":
        return int(args[0] != 0)
    if op == "r_and":
        return int(args[0] == mask(sources[0].width))
    if op == "r_xor":
        return bin(args[0]).count("1") & 1
    if op in ("as_signed", "as_unsigned", "var", "zext"):
        return args[0]
    if op == "sext":
        return to_signed(args[0], sources[0].width) & mask(width)
    if op == "slice":
        high, low = node.attrs
        return (args[0] >> low) & mask(high - low + 1)
    if op == "concat":
        result = 0
        for value, source in zip(args, sources, strict=True):
            result = (result << source.width) | value
        return result
    if op == "replicate":
        result = 0
        for _ in range(node.attrs[0]):
            result = (result << sources[0].width) | args[0]
        return result
    if op in ("mux", "agg_mux"):  # (agg_mux: of structs or arrays, as their bits)
        if node.value is None:
            return args[1] if args[0] else args[2]
        constant = node.value & mask(width)
        if node.rev:
            return constant if args[0] else args[1]
        return args[1] if args[0] else constant
    if op == "kconst":
        return k_value(k, width)
    return evaluate_data(node, sources, args, params, types)


SELF_OPS = {"+": lambda a, b: a + b, "^": lambda a, b: a ^ b, "&": lambda a, b: a & b}


def execute(m: ModuleDesc, block: Block, statements: list[Stmt], value: Value, values: list[Value],
            types: dict[str, TypeDesc]) -> Value:
    """Run a block's statements on the target's ``value`` (unknown once anything it depends on is)."""
    for st in statements:
        if value is None:
            return None
        if st.kind == "part":
            index = st.bits[0] if st.subject is None else values[st.subject]
            value = write_part(types[block.dtype], value, index, values[st.value])  # type: ignore[index]
        elif st.kind == "assign":
            operand = values[st.value]  # type: ignore[index]
            if operand is None:
                return None
            value = SELF_OPS[st.self_op](value, operand) & mask(block.width) if st.self_op else operand
        elif st.kind == "bits":
            source = values[st.value]  # type: ignore[index]
            if source is None:
                return None
            low, high, step, offset = st.bits
            width = m.nodes[st.value].width  # type: ignore[index]
            for i in range(low, high + 1):
                bit = source >> ((i * step + offset) % width) & 1
                value = value & ~(1 << i) | bit << i
        else:
            chosen = None
            subject = None
            if st.kind == "match":
                subject = value if st.subject == -1 else values[st.subject]  # type: ignore[index]
            if st.kind == "match" and subject is None:
                return None
            for guard, body in st.branches:
                if st.kind == "if" and guard is not None:
                    taken = values[guard]
                    if taken is None:
                        return None
                else:
                    taken = guard is None or subject in guard
                if taken:
                    chosen = body
                    break
            if chosen is not None:
                value = execute(m, block, chosen, value, values, types)
    return value


class ModuleModel:
    """One instance of a module: its registers' state and its children's models."""

    def __init__(self, design: DesignDesc, module: ModuleDesc, k: int = 0, params: dict[str, int] | None = None):
        self.module = module
        self.k = k
        self.types = design.types
        self.params = param_values(module, params or {})
        self.memories = [MemoryModel(memory) for memory in module.memories]
        self.state: list[Value] = [None] * len(module.registers)
        self.block_state: list[Value] = [None] * len(module.blocks)
        self.fsm_state: list[Value] = [None] * len(module.fsms)
        self.fsm_next: list[Value] = [None] * len(module.fsms)
        self.fsm_outputs: list[list[Value]] = [[] for _ in module.fsms]
        # An identity value is read like any other parameter value.
        self.children = [ModuleModel(design, design.modules[i.child], i.k, {**i.params, **i.identity})
                         for i in module.instances]
        self.values: list[Value] = []

    def reset_active(self, register: Register | Block | Fsm, inputs: Mapping[str, Value]) -> Value:
        if register.reset is None:
            return 0
        level = inputs[register.reset]
        if level is None:
            return None
        return int(level == (0 if self.module.reset(register.reset).active_low else 1))

    def flops(self) -> list[tuple[Register | Block | Fsm, list[Value], int]]:
        """Everything with state: registers and always_ff blocks, with where their state lives."""
        found: list[tuple[Register | Block | Fsm, list[Value], int]] = [
            (r, self.state, i) for i, r in enumerate(self.module.registers)]
        found += [(b, self.block_state, i) for i, b in enumerate(self.module.blocks) if b.kind == "ff"]
        found += [(f, self.fsm_state, i) for i, f in enumerate(self.module.fsms)]
        return found

    def step_fsm(self, index: int) -> None:
        """The outputs and the next state of state machine ``index`` from its state and the values so far."""
        machine = self.module.fsms[index]
        state = self.fsm_state[index]

        def value(given: tuple) -> Value:
            return given[1] if given[0] == "const" else self.values[given[1]]

        if state is None:
            self.fsm_outputs[index] = [None] * len(machine.outputs)
            self.fsm_next[index] = None
            return
        outputs = [value(default) for _, _, default in machine.outputs]
        for (where, output), given in machine.moore.items():
            if where == state:
                outputs[output] = value(given)
        following: Value = state
        for target, condition, mealy in machine.transitions[state]:
            taken = 1 if condition is None else self.values[condition]
            if taken is None:
                outputs, following = [None] * len(outputs), None
                break
            if taken:
                following = target
                for output, given in mealy.items():
                    outputs[output] = value(given)
                break
        self.fsm_outputs[index], self.fsm_next[index] = outputs, following

    def child_inputs(self, index: int, inputs: Mapping[str, Value]) -> dict[str, Value]:
        inst = self.module.instances[index]
        given: dict[str, Value] = {c: inputs[p] for c, p in inst.clocks.items()}
        given.update({c: inputs[p] for c, p in inst.resets.items()})
        given.update({port: self.values[node] for port, node in inst.inputs.items()})
        return given

    def apply_async_resets(self, inputs: Mapping[str, Value]) -> None:
        for flop, state, index in self.flops():
            if flop.reset is not None and self.module.reset(flop.reset).asynchronous:
                active = self.reset_active(flop, inputs)
                if active:
                    state[index] = flop.reset_value
                elif active is None:
                    state[index] = None

    def settle(self, inputs: Mapping[str, Value]) -> dict[str, Value]:
        """Asynchronous resets, then every node; returns the outputs. ``inputs`` hold clock tick bits too."""
        self.apply_async_resets(inputs)
        m = self.module
        self.values = []
        outputs_of: list[dict[str, Value] | None] = [None] * len(m.instances)
        stepped: set[int] = set()
        for index, node in enumerate(m.nodes):
            if node.op == "input":
                port = next(p for p in m.inputs if p.name == node.attrs[0])
                value = inputs[port.name] if present(port, self.params) else 0  # an absent input reads as 0
            elif node.op in ("mem_read", "mem_sync"):
                value = self.memories[node.attrs[0]].read(node, index, self.values)
            elif node.op == "reg":
                value = self.state[node.attrs[0]]
            elif node.op in ("fsm_out", "fsm_in"):
                index = node.attrs[0]
                if index not in stepped:
                    stepped.add(index)
                    self.step_fsm(index)
                if node.op == "fsm_out":
                    value = self.fsm_outputs[index][node.attrs[1]]
                else:
                    state = self.fsm_state[index]
                    value = None if state is None else int(state == node.attrs[1])
            elif node.op == "block":
                block = m.blocks[node.attrs[0]]
                if block.kind == "ff":
                    value = self.block_state[node.attrs[0]]
                else:
                    value = execute(m, block, block.body, self.values[block.default], self.values,
                                    self.types)
            elif node.op == "child":
                index, port = node.attrs
                if outputs_of[index] is None:
                    outputs_of[index] = self.children[index].settle(self.child_inputs(index, inputs))
                value = outputs_of[index][port]
            else:
                value = evaluate(m, node, self.values, self.k, self.params, self.types)
            self.values.append(value)
        for index, found in enumerate(outputs_of):  # children whose outputs nobody reads still settle
            if found is None:
                self.children[index].settle(self.child_inputs(index, inputs))
        return {port.name: self.values[node] for port, node in m.outputs}

    def tick(self, inputs: Mapping[str, Value], ticking: set[str]) -> None:
        """The clock edges of this cycle (``ticking``: this module's clocks that rise)."""
        for index, inst in enumerate(self.module.instances):
            child_ticking = {c for c, p in inst.clocks.items() if p in ticking}
            self.children[index].tick(self.child_inputs(index, inputs), child_ticking)
        updates = []
        for flop, state, index in self.flops():
            if flop.clock not in ticking:
                continue
            active = self.reset_active(flop, inputs)
            if isinstance(flop, Fsm):
                following = self.fsm_next[index]
            elif isinstance(flop, Block):
                following = execute(self.module, flop, flop.body, state[index], self.values, self.types)
            else:
                enable = 1 if flop.enable is None else self.values[flop.enable]
                following = None if enable is None else self.values[flop.next] if enable else state[index]
            updates.append((state, index, flop.reset_value if active else None if active is None else following))
        memories = [memory for memory in self.memories if memory.memory.clock in ticking]
        for memory in memories:  # every memory's reads and writes sample the words before the edge
            memory.prepare(self.module, self.values)
        for memory in memories:
            memory.commit()
        for state, index, value in updates:
            state[index] = value


class DesignModel:
    """The top module's model, stepped one testbench cycle at a time."""

    def __init__(self, design: DesignDesc):
        self.top = ModuleModel(design, design.top)

    def step(self, inputs: Mapping[str, int], ticking: set[str]) -> dict[str, Value]:
        outputs = self.top.settle(inputs)
        self.top.tick(inputs, ticking)
        return outputs
