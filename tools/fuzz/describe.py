"""Random design descriptions: small Python data, independent of loom.

A ``DesignDesc`` is what both sides of the differential test are made from:
``source.py`` writes it as a loom program, ``model.py`` evaluates it directly.
Nothing here imports loom, so the model cannot borrow loom's interpretation.

Semantics the description fixes (docs/pitfalls.md's rules, restated here so the
model follows them and not loom's code): widths of binary operands match; a value
is signed only when declared ``signed=True`` or converted with ``as_signed()``;
an operation on two signed values is signed; an integer operand takes the
signedness and width of the signal it meets; ``>>`` is arithmetic when the shifted
value is signed; ``sext`` and ``zext`` keep their operand's signedness; slices,
concatenations, replications, reductions and comparisons are unsigned.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import cast

BINARY = ("add", "sub", "mul", "and", "or", "xor")
COMPARE = ("eq", "ne", "lt", "le", "gt", "ge")
UNARY = ("not", "neg")
REDUCE = ("r_or", "r_and", "r_xor")
CAST = ("as_signed", "as_unsigned")


@dataclass
class Port:
    name: str
    width: int
    signed: bool = False


@dataclass
class Reset:
    name: str
    asynchronous: bool
    active_low: bool


@dataclass
class Node:
    """One value of a module's expression DAG; ``args`` index earlier nodes.

    ``value`` is an integer operand (``a + 5``, ``a < 3``, ``mux(c, a, 2)``),
    ``rev`` puts it first (``5 - a``); ``attrs`` carries the op's other data
    (input name, slice bounds, register index, instance output, ...).
    """

    op: str
    width: int
    signed: bool = False
    args: tuple[int, ...] = ()
    value: int | None = None
    rev: bool = False
    attrs: tuple = ()


@dataclass
class Register:
    name: str
    width: int
    signed: bool
    clock: str
    reset: str | None
    reset_value: int
    enable: int | None = None  # node index of a 1-bit enable
    next: int = -1  # node index of the next value


@dataclass
class Stmt:
    """A statement of a procedural block.

    ``assign``: target = node ``value`` (``self_op``: target = target <op> node, always_ff only);
    ``bits``: for i in range(low, high + 1): target[i] = node ``value``[(i * step + offset) % width];
    ``if``: ``branches`` [(cond node, body), ..., (None, else body)];
    ``match``: on node ``subject``, ``branches`` [(labels, body), ..., (None, default body)].
    """

    kind: str
    value: int | None = None
    self_op: str | None = None
    subject: int | None = None
    bits: tuple[int, int, int, int] = (0, 0, 1, 0)  # low, high, step, offset
    branches: list[tuple] = field(default_factory=list)


@dataclass
class Block:
    """``@always_comb`` (target starts from node ``default``) or ``@always_ff`` on ``clock`` with ``reset``."""

    kind: str  # comb | ff
    target: str
    width: int
    signed: bool
    body: list[Stmt]
    default: int | None = None
    clock: str | None = None
    reset: str | None = None
    reset_value: int = 0


@dataclass
class Fsm:
    """``self.fsm(name, clock=, reset=)`` with states ``S0..``, outputs into vars, Moore and Mealy values.

    ``outputs``: (var name, width, default); ``moore``: {(state, output): value}; ``transitions``: per state,
    [(target, condition node or None, {output: value})], the first that holds wins. A value is a node index,
    or an ``int`` constant when given as ``("const", n)``.
    """

    name: str
    clock: str
    reset: str
    states: int
    reset_state: int
    outputs: list[tuple[str, int, tuple]] = field(default_factory=list)
    moore: dict[tuple[int, int], tuple] = field(default_factory=dict)
    transitions: list[list[tuple[int, int | None, dict[int, tuple]]]] = field(default_factory=list)

    @property
    def reset_value(self) -> int:
        return self.reset_state


@dataclass
class InstanceDesc:
    """``add_child(name, modules[child].create(k=k), ...)``; every output lands in a var ``<name>_<port>``."""

    name: str
    child: int
    k: int
    inputs: dict[str, int] = field(default_factory=dict)  # child input -> parent node
    clocks: dict[str, str] = field(default_factory=dict)  # child clock -> parent clock
    resets: dict[str, str] = field(default_factory=dict)  # child reset -> parent reset


@dataclass
class ModuleDesc:
    name: str
    clocks: list[str] = field(default_factory=list)
    resets: list[Reset] = field(default_factory=list)
    inputs: list[Port] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    registers: list[Register] = field(default_factory=list)
    instances: list[InstanceDesc] = field(default_factory=list)
    outputs: list[tuple[Port, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    fsms: list[Fsm] = field(default_factory=list)

    def reset(self, name: str) -> Reset:
        return next(r for r in self.resets if r.name == name)


@dataclass
class DesignDesc:
    """Modules in definition order: children before parents, the top last."""

    seed: int
    modules: list[ModuleDesc]

    @property
    def top(self) -> ModuleDesc:
        return self.modules[-1]


def mask(width: int) -> int:
    return (1 << width) - 1


def k_value(k: int, width: int) -> int:
    """The value of a ``kconst`` node in a child created with argument ``k``."""
    return (k * 37 + 5) & mask(width)


class Designer:
    """Draws one random ``DesignDesc`` from a seed."""

    def __init__(self, seed: int, prefix: str = ""):
        self.rng = random.Random(seed)
        self.seed = seed
        self.prefix = prefix or f"R{seed}"
        self.leaf = False

    # -- widths and leaves ------------------------------------------------------

    def width(self) -> int:
        roll = self.rng.random()
        if roll < 0.15:
            return 1
        if roll < 0.9:
            return self.rng.randint(2, 12)
        return self.rng.choice((16, 31, 32, 33, 40))

    def constant(self, width: int) -> int:
        """An integer operand that fits: usually unsigned, sometimes negative (two's complement)."""
        roll = self.rng.random()
        if roll < 0.15 and width > 1:
            return -self.rng.randint(1, 1 << (width - 1))
        if roll < 0.3:
            return self.rng.choice((0, 1, mask(width)))
        return self.rng.getrandbits(width)

    # -- design -------------------------------------------------------------------

    def design(self) -> DesignDesc:
        modules: list[ModuleDesc] = []
        children = self.rng.choice((0, 0, 1, 1, 2))
        for index in range(children):
            modules.append(self.module(f"{self.prefix}_C{index}", modules, leaf=True))
        modules.append(self.module(f"{self.prefix}_Top", modules, leaf=False))
        return DesignDesc(self.seed, modules)

    def module(self, name: str, children: list[ModuleDesc], leaf: bool) -> ModuleDesc:
        rng = self.rng
        m = ModuleDesc(name)
        registers = rng.choice((0, 1, 2, 3, 4)) if leaf else rng.choice((1, 2, 3, 4, 5))
        if registers:
            m.clocks = ["clk", "clk2"] if rng.random() < 0.3 and registers > 1 else ["clk"]
            for index in range(rng.choice((0, 1, 1, 2)) if registers > 1 else rng.choice((0, 1))):
                m.resets.append(Reset(f"rst{index}", rng.random() < 0.5, rng.random() < 0.5))
        for index in range(rng.randint(1, 4)):
            m.inputs.append(Port(f"i{index}", self.width(), rng.random() < 0.3))
        for port in m.inputs:
            m.nodes.append(Node("input", port.width, port.signed, attrs=(port.name,)))
        # Registers: read anywhere (their node comes first), driven at the end. Every clock and reset is used.
        self.leaf = leaf
        for index in range(registers):
            enable = self.operand(m, 1) if rng.random() < 0.4 else None
            clock = m.clocks[index % len(m.clocks)] if index < len(m.clocks) else rng.choice(m.clocks)
            if m.resets and (index < len(m.resets) or rng.random() < 0.85):
                reset = m.resets[index % len(m.resets)].name if index < len(m.resets) else rng.choice(m.resets).name
            else:
                reset = None
            width = self.width()
            signed = rng.random() < 0.3
            register = Register(f"r{index}", width, signed, clock, reset, rng.getrandbits(width), enable)
            m.registers.append(register)
            m.nodes.append(Node("reg", width, signed, attrs=(index,)))
        for _ in range(rng.randint(3, 10)):
            self.operation(m)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            self.block(m)
            for _ in range(rng.randint(1, 3)):
                self.operation(m)
        if m.clocks and m.resets and rng.random() < 0.35:
            self.fsm(m)
            for _ in range(rng.randint(1, 3)):
                self.operation(m)
        if children and not leaf:
            for index in range(rng.randint(1, 3)):
                self.instance(m, children, index)
            for _ in range(rng.randint(2, 8)):
                self.operation(m)
        for index in range(rng.randint(1, 3)):
            node = self.late_node(m)
            signed = rng.random() < 0.3
            m.outputs.append((Port(f"o{index}", m.nodes[node].width, signed), node))
        for register in m.registers:
            # A register that only holds itself is a constant (CIRCT folds it and its clock goes unused).
            # A register that never changes (it holds itself, or loads a constant) is folded by CIRCT and its
            # clock goes unused (verilator UNUSEDSIGNAL, caused by the design): mix an input into each one.
            register.next = self.operand(m, register.width)
            if m.nodes[register.next].op != "input":
                data = self.operand_of(m, register.width, [i for i, n in enumerate(m.nodes) if n.op == "input"])
                if data != register.next:  # (x ^ x would be the constant 0)
                    register.next = self.add(m, Node("xor", register.width, False, (register.next, data)))
        self.sink(m)
        return m

    def late_node(self, m: ModuleDesc) -> int:
        """A node from the later half of the DAG (so outputs see deep expressions)."""
        count = len(m.nodes)
        return self.rng.randrange(count // 2, count)

    def sink(self, m: ModuleDesc) -> None:
        """An output ``chk`` reading every bit of every leaf, so no signal is left unused (-Wall UNUSED)."""
        leaves = [i for i, n in enumerate(m.nodes) if n.op in ("input", "reg", "child", "var", "block", "fsm_out")]
        if not leaves:
            return
        parts = tuple(leaves)
        width = sum(m.nodes[i].width for i in parts)
        whole = parts[0] if len(parts) == 1 else self.add(m, Node("concat", width, False, parts))
        node = self.add(m, Node("r_xor", 1, False, (whole,)))
        m.outputs.append((Port("chk", 1), node))

    def instance(self, m: ModuleDesc, children: list[ModuleDesc], index: int) -> None:
        rng = self.rng
        child_index = rng.randrange(len(children))
        child = children[child_index]
        inst = InstanceDesc(f"u{index}", child_index, rng.choice((0, 1, 2, 3)))
        for clock in child.clocks:
            inst.clocks[clock] = rng.choice(m.clocks)
        for reset in child.resets:
            # A reset that one flop uses synchronously and another asynchronously is a design smell
            # verilator flags (SYNCASYNCNET): pass on a parent reset of the same kind, declared if need be.
            same_kind = [r for r in m.resets if r.asynchronous == reset.asynchronous]
            if not same_kind:
                m.resets.append(Reset(f"rst{len(m.resets)}", reset.asynchronous, rng.random() < 0.5))
                self.ensure_reset_used(m, m.resets[-1].name)
                same_kind = [m.resets[-1]]
            inst.resets[reset.name] = rng.choice(same_kind).name
        for port in child.inputs:
            inst.inputs[port.name] = self.operand(m, port.width)
        m.instances.append(inst)
        for port, _ in child.outputs:
            width = port.width
            m.nodes.append(Node("child", width, False, attrs=(len(m.instances) - 1, port.name)))

    def ensure_reset_used(self, m: ModuleDesc, reset: str) -> None:
        """Give the new reset to a register that had none (the instance reads it anyway)."""
        for register in m.registers:
            if register.reset is None:
                register.reset = reset
                return

    def add(self, m: ModuleDesc, node: Node) -> int:
        m.nodes.append(node)
        return len(m.nodes) - 1

    # -- operations ----------------------------------------------------------------

    def pick(self, m: ModuleDesc, width: int | None = None) -> int | None:
        candidates = [i for i, n in enumerate(m.nodes) if width is None or n.width == width]
        if not candidates:
            return None
        # Prefer recent nodes a little, so the DAG gets deep.
        if self.rng.random() < 0.5:
            return candidates[-1 - min(len(candidates) - 1, int(self.rng.expovariate(0.7)))]
        return self.rng.choice(candidates)

    def operand(self, m: ModuleDesc, width: int) -> int:
        """A node of exactly ``width`` bits: an existing one, or one adapted by slice/extension/concat."""
        found = self.pick(m, width) if self.rng.random() < 0.6 else None
        if found is not None:
            return found
        source = self.pick(m)
        assert source is not None
        node = m.nodes[source]
        if node.width > width:
            low = self.rng.randint(0, node.width - width)
            return self.add(m, Node("slice", width, False, (source,), attrs=(low + width - 1, low)))
        if node.width == width:
            return source
        extra = width - node.width
        roll = self.rng.random()
        if roll < 0.7:
            return self.add(m, Node("sext" if roll < 0.35 else "zext", width, node.signed, (source,)))
        if width % node.width == 0 and roll < 0.8:
            return self.add(m, Node("replicate", width, False, (source,), attrs=(width // node.width,)))
        low = self.operand(m, extra)
        return self.add(m, Node("concat", width, False, (low, source) if self.rng.random() < 0.5 else (source, low)))

    # -- state machines ----------------------------------------------------------------

    def fsm_value(self, m: ModuleDesc, width: int) -> tuple:
        """An output value: a constant (``("const", n)``) or a node (``("node", i)``)."""
        if self.rng.random() < 0.5:
            return ("const", self.rng.getrandbits(width))
        return ("node", self.operand(m, width))

    def fsm(self, m: ModuleDesc) -> None:
        rng = self.rng
        index = len(m.fsms)
        states = rng.randint(2, 5)
        machine = Fsm(f"f{index}", rng.choice(m.clocks), rng.choice(m.resets).name, states, rng.randrange(states))
        for number in range(rng.randint(1, 3)):
            width = self.width()
            machine.outputs.append((f"f{index}_o{number}", width, self.fsm_value(m, width)))
        for state in range(states):
            for output, (_, width, _) in enumerate(machine.outputs):
                if rng.random() < 0.4:
                    machine.moore[(state, output)] = self.fsm_value(m, width)
            transitions = []
            for _ in range(rng.randint(0, 3)):
                condition = self.operand(m, 1) if rng.random() < 0.85 else None
                mealy = {o: self.fsm_value(m, w) for o, (_, w, _) in enumerate(machine.outputs) if rng.random() < 0.3}
                transitions.append((rng.randrange(states), condition, mealy))
                if condition is None:
                    break  # later transitions could never be taken
            machine.transitions.append(transitions)
        m.fsms.append(machine)
        for output, (_, width, _) in enumerate(machine.outputs):
            m.nodes.append(Node("fsm_out", width, False, attrs=(index, output)))
        for state in rng.sample(range(states), rng.randint(1, states)):
            m.nodes.append(Node("fsm_in", 1, False, attrs=(index, state)))

    # -- procedural blocks ------------------------------------------------------------

    def block(self, m: ModuleDesc) -> int:
        """An always_comb (or, with a clock, always_ff) block driving a new var; returns the var's node."""
        rng = self.rng
        ff = bool(m.clocks) and rng.random() < 0.5
        width, signed = self.width(), rng.random() < 0.3
        index = len(m.blocks)
        block = Block("ff" if ff else "comb", f"t{index}", width, signed, [])
        if ff:
            block.clock = rng.choice(m.clocks)
            block.reset = rng.choice([r.name for r in m.resets] + [None])
            block.reset_value = rng.getrandbits(width)
        else:
            block.default = self.operand(m, width)
        if ff:
            # One assignment per bit and path (loom rejects a second one, which would have no effect), and a
            # whole-target assignment on the last path (else only the reset would set some bits: a latch).
            # It mixes an input in, so that the flop is no constant that CIRCT folds away.
            inputs = [i for i, n in enumerate(m.nodes) if n.op == "input"]
            data = self.operand_of(m, width, inputs)
            last = Stmt("assign", value=data, self_op=rng.choice(("^", "+", None)))
            # The condition is an input bit: a constant one would leave the whole-target path dead.
            block.body = [Stmt("if", branches=[(self.operand_of(m, 1, inputs), self.statements(m, block, 1)),
                                               (None, [last])])]
        else:
            block.body = self.statements(m, block, depth=0)
        m.blocks.append(block)
        return self.add(m, Node("block", width, signed, attrs=(index,)))

    def statements(self, m: ModuleDesc, block: Block, depth: int) -> list[Stmt]:
        count = 1 if block.kind == "ff" else self.rng.randint(1, 3 if depth else 4)
        return [self.statement(m, block, depth) for _ in range(count)]

    def statement(self, m: ModuleDesc, block: Block, depth: int) -> Stmt:
        rng = self.rng
        roll = rng.random()
        if depth < 2 and roll < 0.3:
            branches: list[tuple] = [(self.operand(m, 1), self.statements(m, block, depth + 1))]
            for _ in range(rng.choice((0, 0, 1, 2))):
                branches.append((self.operand(m, 1), self.statements(m, block, depth + 1)))
            if rng.random() < 0.6:
                branches.append((None, self.statements(m, block, depth + 1)))
            return Stmt("if", branches=branches)
        if depth < 2 and roll < 0.5:
            width = rng.randint(1, 3)
            subject = self.operand(m, width)
            labels = list(range(1 << width))
            rng.shuffle(labels)
            branches = []
            while labels and rng.random() < 0.75:
                taken = tuple(sorted(labels[:rng.randint(1, 2)]))
                del labels[:len(taken)]
                branches.append((taken, self.statements(m, block, depth + 1)))
            if rng.random() < 0.5 or not branches:
                branches.append((None, self.statements(m, block, depth + 1)))
            return Stmt("match", subject=subject, branches=branches)
        if roll < 0.65:
            source = self.pick(m)
            assert source is not None
            low = rng.randrange(block.width)
            high = rng.randint(low, block.width - 1)
            bits = (low, high, rng.randint(1, 3), rng.randint(0, 5))
            return Stmt("bits", value=source, bits=bits)
        value = self.operand(m, block.width)
        if block.kind == "ff" and rng.random() < 0.4:
            return Stmt("assign", value=value, self_op=rng.choice(("+", "^", "&")))
        return Stmt("assign", value=value)

    def operand_of(self, m: ModuleDesc, width: int, sources: list[int]) -> int:
        """A ``width``-bit node made from one of ``sources`` (zero-extended or sliced)."""
        source = self.rng.choice(sources)
        node = m.nodes[source]
        if node.width > width:
            return self.add(m, Node("slice", width, False, (source,), attrs=(width - 1, 0)))
        if node.width < width:
            return self.add(m, Node("zext", width, node.signed, (source,)))
        return source

    def operation(self, m: ModuleDesc) -> int:
        rng = self.rng
        kinds = ("binary", "binary", "binary_const", "compare", "compare_const", "shift", "unary", "reduce",
                 "slice", "concat", "mux", "mux", "mux_const", "extend", "cast", "var")
        kind = rng.choice(kinds + ("kconst",) * self.leaf)
        width = self.width()
        if kind == "kconst":
            return self.add(m, Node("kconst", width))
        if kind == "binary":
            a, b = self.operand(m, width), self.operand(m, width)
            na, nb = m.nodes[a], m.nodes[b]
            return self.add(m, Node(rng.choice(BINARY), width, na.signed and nb.signed, (a, b)))
        if kind == "binary_const":
            a = self.operand(m, width)
            na = m.nodes[a]
            op = rng.choice(BINARY)
            return self.add(m, Node(op, width, na.signed, (a,), value=self.constant(width), rev=rng.random() < 0.3))
        if kind == "compare":
            a, b = self.operand(m, width), self.operand(m, width)
            return self.add(m, Node(rng.choice(COMPARE), 1, False, (a, b)))
        if kind == "compare_const":
            a = self.operand(m, width)
            return self.add(m, Node(rng.choice(COMPARE), 1, False, (a,), value=self.constant(width),
                                    rev=rng.random() < 0.3))
        if kind == "shift":
            a = self.operand(m, width)
            op = rng.choice(("shl", "shr"))
            if rng.random() < 0.5:
                amount = rng.randint(0, width + 2)
                return self.add(m, Node(op, width, m.nodes[a].signed, (a,), value=amount))
            b = self.operand(m, rng.randint(1, 6))
            return self.add(m, Node(op, width, m.nodes[a].signed, (a, b)))
        if kind == "unary":
            a = self.operand(m, width)
            return self.add(m, Node(rng.choice(UNARY), width, m.nodes[a].signed, (a,)))
        if kind == "reduce":
            a = self.operand(m, width)
            return self.add(m, Node(rng.choice(REDUCE), 1, False, (a,)))
        if kind == "slice":
            source = self.pick(m)
            assert source is not None
            total = m.nodes[source].width
            low = rng.randint(0, total - 1)
            high = rng.randint(low, total - 1)
            return self.add(m, Node("slice", high - low + 1, False, (source,), attrs=(high, low)))
        if kind == "concat":
            parts = tuple(cast(int, self.pick(m)) for _ in range(rng.randint(2, 3)))  # the module has nodes by now
            total = sum(m.nodes[p].width for p in parts)
            if total > 64:
                parts = parts[:1]
                total = m.nodes[parts[0]].width
                if len(parts) == 1:
                    return parts[0]
            return self.add(m, Node("concat", total, False, parts))
        if kind in ("mux", "mux_const"):
            c, a = self.operand(m, 1), self.operand(m, width)
            if kind == "mux_const":
                return self.add(m, Node("mux", width, m.nodes[a].signed, (c, a), value=self.constant(width),
                                        rev=rng.random() < 0.5))
            b = self.operand(m, width)
            return self.add(m, Node("mux", width, m.nodes[a].signed and m.nodes[b].signed, (c, a, b)))
        if kind == "extend":
            source = self.pick(m)
            assert source is not None
            target = m.nodes[source].width + rng.randint(0, 8)
            return self.add(m, Node(rng.choice(("sext", "zext")), target, m.nodes[source].signed, (source,)))
        if kind == "cast":
            a = self.operand(m, width)
            op = rng.choice(CAST)
            return self.add(m, Node(op, width, op == "as_signed", (a,)))
        a = self.operand(m, width)
        name = f"v{sum(1 for n in m.nodes if n.op == 'var')}"
        return self.add(m, Node("var", width, m.nodes[a].signed, (a,), attrs=(name,)))


def random_design(seed: int) -> DesignDesc:
    return Designer(seed).design()


def block_operands(m: ModuleDesc) -> set[int]:
    """Nodes the blocks read: they become attributes (``self.n5``), which is how a block sees them."""
    found: set[int] = set()

    def visit(statements: list[Stmt]) -> None:
        for st in statements:
            found.update(i for i in (st.value, st.subject) if i is not None)
            for guard, body in st.branches:
                if isinstance(guard, int):
                    found.add(guard)
                visit(body)

    for block in m.blocks:
        if block.default is not None:
            found.add(block.default)
        visit(block.body)
    return found
