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
from typing import cast

from .describe_data import DataDesigner
from .description import (
    BINARY,
    CAST,
    COMPARE,
    REDUCE,
    UNARY,
    Block,
    DesignDesc,
    Fsm,
    InstanceDesc,
    ModuleDesc,
    Node,
    Port,
    Register,
    Reset,
    Stmt,
    TypeDesc,
    give_defaults,
    instance_values,
    mask,
    present,
)


class Designer(DataDesigner):
    """Draws one random ``DesignDesc`` from a seed."""

    def __init__(self, seed: int, prefix: str = ""):
        self.rng = random.Random(seed)
        self.seed = seed
        self.prefix = prefix or f"R{seed}"
        self.leaf = False
        self.types: dict[str, TypeDesc] = {}
        # Unpacked arrays in about a third of the designs, decided apart from the main draws: the others
        # come out as before unpacked arrays were drawn (the same seed, the same design).
        self.unpacked = random.Random(seed * 7919 + 1).random() < 0.35
        self.parametric: dict[tuple[str, int], bool] = {}  # from_parameter's answers (nodes never change)
        # Identity parameters in about a quarter of the designs, decided apart like unpacked arrays.
        self.identity = random.Random(seed * 7919 + 2).random() < 0.25
        self.readable: set[tuple[str, str]] = set()
        self.deciding: set[tuple[str, str]] = set()

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
        children = self.rng.choice((1, 1, 2) if self.identity else (0, 0, 1, 1, 2))
        for index in range(children):
            modules.append(self.module(f"{self.prefix}_C{index}", modules, leaf=True))
        modules.append(self.module(f"{self.prefix}_Top", modules, leaf=False))
        design = DesignDesc(self.seed, modules, self.types, self.rng.random() < 0.4)
        if design.keep_parameters:
            give_defaults(design)
        return design

    def module(self, name: str, children: list[ModuleDesc], leaf: bool) -> ModuleDesc:
        rng = self.rng
        m = ModuleDesc(name)
        registers = rng.choice((0, 1, 2, 3, 4)) if leaf else rng.choice((1, 2, 3, 4, 5))
        if registers:
            m.clocks = ["clk", "clk2"] if rng.random() < 0.3 and registers > 1 else ["clk"]
            for index in range(rng.choice((0, 1, 1, 2)) if registers > 1 else rng.choice((0, 1))):
                m.resets.append(Reset(f"rst{index}", rng.random() < 0.5, rng.random() < 0.5))
        self.parameters(m, leaf)
        # i0 is a plain, unconditional input: registers and memories mix it in (data_inputs).
        m.inputs.append(Port("i0", self.width(), rng.random() < 0.3))
        for index in range(1, rng.randint(1, 4)):
            m.inputs.append(self.typed_port(m, f"i{index}", rng.random() < 0.3, unpacked=leaf))
        for port in m.inputs:
            dtype = port.dtype if port.dtype is not None and self.types[port.dtype].kind != "enum" else None
            m.nodes.append(Node("input", port.width, port.signed, attrs=(port.name,), dtype=dtype))
        # Registers: read anywhere (their node comes first), driven at the end. Every clock and reset is used.
        self.leaf = leaf
        for index in range(registers):
            # An enable from an unconditional input: one that is 0 in some variant freezes the register.
            enable = self.operand_of(m, 1, self.data_inputs(m)) if rng.random() < 0.4 else None
            clock = m.clocks[index % len(m.clocks)] if index < len(m.clocks) else rng.choice(m.clocks)
            if m.resets and (index < len(m.resets) or rng.random() < 0.85):
                reset = m.resets[index % len(m.resets)].name if index < len(m.resets) else rng.choice(m.resets).name
            else:
                reset = None
            width, signed, dtype = self.width(), rng.random() < 0.3, None
            roll = rng.random()
            if roll < 0.25:
                dtype = self.some_type("enum" if roll < 0.12 else self.aggregate_kind())
                width, signed = self.types[dtype].bits, False
            reset_value = rng.getrandbits(width)
            if dtype is not None and self.types[dtype].kind == "enum":
                reset_value = rng.choice(self.types[dtype].parts)[1]
            register = Register(f"r{index}", width, signed, clock, reset, reset_value, enable, dtype=dtype)
            m.registers.append(register)
            aggregate = dtype if dtype is not None and self.types[dtype].kind != "enum" else None
            m.nodes.append(Node("reg", width, signed, attrs=(index,), dtype=aggregate))
        for _ in range(rng.randint(3, 10)):
            self.operation(m)
        self.read_identity(m)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            self.block(m)
            for _ in range(rng.randint(1, 3)):
                self.operation(m)
        if m.clocks and rng.random() < 0.3:
            self.memory(m)
            for _ in range(rng.randint(1, 3)):
                self.operation(m)
        if m.clocks and m.resets and rng.random() < 0.35:
            self.fsm(m)
            for _ in range(rng.randint(1, 3)):
                self.operation(m)
        if children and not leaf:
            for index in range(rng.randint(2, 4) if self.identity else rng.randint(1, 3)):
                self.instance(m, children, index)
            for _ in range(rng.randint(2, 8)):
                self.operation(m)
        for index in range(rng.randint(1, 3)):
            node = self.late_node(m, unpacked=leaf)
            signed = rng.random() < 0.3 and m.nodes[node].dtype is None
            port = Port(f"o{index}", m.nodes[node].width, signed, m.nodes[node].dtype)
            port.when = self.condition(m) if leaf and port.dtype is None else None
            m.outputs.append((port, node))
        inputs = self.data_inputs(m)
        for index, register in enumerate(m.registers):
            # A register that only holds itself is a constant (CIRCT folds it and its clock goes unused).
            # A register that never changes (it holds itself, or loads a constant) is folded by CIRCT and its
            # clock goes unused (verilator UNUSEDSIGNAL, caused by the design): mix an input into each one.
            kind = self.types[register.dtype].kind if register.dtype is not None else None
            if kind == "enum":
                state = next(i for i, n in enumerate(m.nodes) if n.op == "reg" and n.attrs == (index,))
                register.next = self.enum_next(m, state, register.dtype, inputs)  # type: ignore[arg-type]
                continue
            register.next = self.operand(m, register.width)
            if register.next not in inputs:
                data = self.operand_of(m, register.width, inputs)
                if data != register.next:  # (x ^ x would be the constant 0)
                    register.next = self.add(m, Node("xor", register.width, False, (register.next, data)))
            if kind is not None:
                register.next = self.add(m, Node("agg", register.width, False, (register.next,), attrs=("bits",),
                                                 dtype=register.dtype))
        self.sink(m)
        return m

    def data_inputs(self, m: ModuleDesc) -> list[int]:
        """The nodes of the plain, unconditional inputs (at least ``i0``)."""
        return [i for i, n in enumerate(m.nodes) if n.op == "input" and n.dtype is None
                and next(p for p in m.inputs if p.name == n.attrs[0]).when is None]

    def late_node(self, m: ModuleDesc, unpacked: bool) -> int:
        """A node from the later half of the DAG (so outputs see deep expressions); an unpacked array only
        with ``unpacked`` (a child's output: the top's ports are bits the testbench drives)."""
        count = len(m.nodes)
        while True:
            found = self.rng.randrange(count // 2, count)
            dtype = m.nodes[found].dtype
            if m.nodes[found].op != "enum" and (unpacked or dtype is None or self.types[dtype].kind != "uarray"):
                return found

    def sink(self, m: ModuleDesc) -> None:
        """An output ``chk`` reading every bit of every leaf, so no signal is left unused (-Wall UNUSED)."""
        leaf_ops = ("input", "reg", "child", "var", "block", "fsm_out", "mem_read", "mem_sync", "param", "agg")
        leaves = [i for i, n in enumerate(m.nodes) if n.op in leaf_ops and n.attrs[:1] != ("expr",)
                  and n.attrs[:1] != ("bits",)]
        if not leaves:
            return
        parts = tuple(self.bits_of(m, i) for i in leaves)
        width = sum(m.nodes[i].width for i in parts)
        whole = parts[0] if len(parts) == 1 else self.add(m, Node("concat", width, False, parts))
        node = self.add(m, Node("r_xor", 1, False, (whole,)))
        m.outputs.append((Port("chk", 1), node))

    def bits_of(self, m: ModuleDesc, index: int) -> int:
        """Node ``index`` as a number: itself, its bits, or (an unpacked array) its elements concatenated."""
        node = m.nodes[index]
        if node.dtype is None:
            return index
        t = self.types[node.dtype]
        if t.kind != "uarray":
            return self.add(m, Node("to_bits", node.width, False, (index,)))
        elements = [self.add(m, Node("part", width, False, (index,), attrs=(k,))) for k, (_, width) in
                    enumerate(t.parts)]
        return self.add(m, Node("concat", node.width, False, tuple(reversed(elements))))

    def instance(self, m: ModuleDesc, children: list[ModuleDesc], index: int) -> None:
        rng = self.rng
        child_index = rng.randrange(len(children))
        child = children[child_index]
        inst = InstanceDesc(f"u{index}", child_index, rng.choice((0, 1, 2, 3)), params=self.parameter_values(child))
        self.identify(m, inst, child)
        params = instance_values(child, inst)
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
            if present(port, params):
                aggregate = port.dtype is not None and self.types[port.dtype].kind != "enum"
                inst.inputs[port.name] = (self.aggregate(m, cast(str, port.dtype)) if aggregate
                                          else self.operand(m, port.width))
        m.instances.append(inst)
        for port, _ in child.outputs:
            if present(port, params):
                dtype = port.dtype if port.dtype is not None and self.types[port.dtype].kind != "enum" else None
                m.nodes.append(Node("child", port.width, False, attrs=(len(m.instances) - 1, port.name), dtype=dtype))

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

    def from_parameter(self, m: ModuleDesc, index: int) -> bool:
        """Whether node ``index`` is computed from a parameter.

        With ``keep_parameters`` such a value is a constant of each instance (``x & P0`` is 0 where bit 0 of
        P0 is), and a comparison with it can be constant for some parameter values: verilator -Wall reports
        it (UNSIGNED, CMPCONST) per instance, and it is the design's own doing, not loom's."""
        key = (m.name, index)
        if key not in self.parametric:
            node = m.nodes[index]
            self.parametric[key] = node.op == "param" or node.attrs[:1] == ("param",) or any(
                self.from_parameter(m, arg) for arg in node.args)
        return self.parametric[key]

    def pick(self, m: ModuleDesc, width: int | None = None, plain: bool = False) -> int | None:
        """An existing node (of ``width`` bits if given); ``plain``: none computed from a parameter."""
        candidates = [i for i, n in enumerate(m.nodes)
                      if (width is None or n.width == width) and n.dtype is None and n.op not in ("enum", "param")
                      and not (plain and self.from_parameter(m, i))]
        if not candidates:
            return None
        # Prefer recent nodes a little, so the DAG gets deep.
        if self.rng.random() < 0.5:
            return candidates[-1 - min(len(candidates) - 1, int(self.rng.expovariate(0.7)))]
        return self.rng.choice(candidates)

    def operand(self, m: ModuleDesc, width: int, plain: bool = False) -> int:
        """A node of exactly ``width`` bits: an existing one, or one adapted by slice/extension/concat."""
        found = self.pick(m, width, plain) if self.rng.random() < 0.6 else None
        if found is not None:
            return found
        source = self.pick(m, plain=plain)
        assert source is not None  # the inputs come first, and no input is computed from a parameter
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
        low = self.operand(m, extra, plain)
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
        inputs = self.data_inputs(m)
        if ff and m.resets and rng.random() < 0.3:  # an enum state: reset to a member, match on itself
            block.dtype = self.some_type("enum")
            block.width, block.signed = self.types[block.dtype].width, False
            block.clock, block.reset = rng.choice(m.clocks), rng.choice(m.resets).name
            block.reset_value = rng.choice(self.types[block.dtype].parts)[1]
            block.body = self.enum_block(m, block, inputs)
        elif ff and self.unpacked and m.resets and rng.random() < 0.4:  # a register file
            self.register_file(m, block, inputs)
        elif not ff and rng.random() < 0.3:  # a struct or array, written part by part
            block.dtype = self.some_type(self.aggregate_kind(unpacked=True))
            block.width, block.signed = self.types[block.dtype].bits, False
            block.default = self.aggregate(m, block.dtype)
            block.body = self.statements(m, block, depth=0)
        elif ff:
            block.clock = rng.choice(m.clocks)
            block.reset = rng.choice([r.name for r in m.resets] + [None])
            block.reset_value = rng.getrandbits(width)
            # One assignment per bit and path (loom rejects a second one, which would have no effect), and a
            # whole-target assignment on the last path (else only the reset would set some bits: a latch).
            # It mixes an input in, so that the flop is no constant that CIRCT folds away.
            data = self.operand_of(m, width, inputs)
            last = Stmt("assign", value=data, self_op=rng.choice(("^", "+", None)))
            # The condition is an input bit: a constant one would leave the whole-target path dead.
            block.body = [Stmt("if", branches=[(self.operand_of(m, 1, inputs), self.statements(m, block, 1)),
                                               (None, [last])])]
        else:
            block.default = self.operand(m, width)
            block.body = self.statements(m, block, depth=0)
        m.blocks.append(block)
        aggregate = block.dtype if block.dtype is not None and self.types[block.dtype].kind != "enum" else None
        return self.add(m, Node("block", block.width, block.signed, attrs=(index,), dtype=aggregate))

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
        if block.dtype is not None:
            return self.aggregate_statement(m, block)
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
        kinds: tuple[str, ...] = ("binary", "binary", "binary_const", "compare", "compare_const", "shift", "unary",
                                  "reduce", "slice", "concat", "mux", "mux", "mux_const", "extend", "cast", "var")
        kinds += ("aggregate", "aggregate", "enum") + ("param", "param") * bool(self.readable_params(m))
        kind = rng.choice(kinds + ("kconst",) * self.leaf)
        width = self.width()
        if kind == "kconst":
            return self.add(m, Node("kconst", width))
        if kind == "aggregate":
            return self.aggregate_read(m)
        if kind == "enum":
            return self.enum_use(m)
        if kind == "param":
            return self.param_use(m)
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
            a, b = self.operand(m, width, plain=True), self.operand(m, width, plain=True)
            return self.add(m, Node(rng.choice(COMPARE), 1, False, (a, b)))
        if kind == "compare_const":
            a = self.operand(m, width, plain=True)
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
            found.update(i for i in (st.value, st.subject) if i is not None and i >= 0)
            for guard, body in st.branches:
                if isinstance(guard, int):
                    found.add(guard)
                visit(body)

    for block in m.blocks:
        if block.default is not None:
            found.add(block.default)
        visit(block.body)
    return found
