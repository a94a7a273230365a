"""Drawing the data-type parts of a random design: structs, arrays, enums, memories, parameters.

A mixin of ``describe.Designer`` (which supplies ``rng``, ``add``, ``operand``,
``pick`` and ``width``). Everything it draws is plain description data
(``description.py``); the semantics it fixes for the model:

- a struct or array value is its packed bits (first struct field, last array
  element most significant); reading a part is reading those bits, a dynamic
  index past the last element reads unknown bits and a write there changes
  nothing (SystemVerilog's rule for packed arrays);
- an unpacked array has no bits in the program: it is built element by element
  (continuous assignments by constant index, procedural ones by constant or
  signal index), passed whole through child ports, and read by element (constant
  or signal index, with the packed array's rules past the end). The model keeps
  its elements packed like an array's. Unpacked arrays appear only in some designs
  (``Designer.unpacked``) and never at the top's ports (the testbench drives bits);
- an enum value is a number of the enum's width, unsigned;
- a parameter used next to a signal is an unsigned value of the signal's width
  (a value is signed only when declared so, docs/operators.md);
- an absent conditional input reads as zero inside its module;
- an identity parameter (``Designer.identity``: about a quarter of the designs) is a
  value like any other parameter, set per instance (distinct values for the
  instances of one child in one parent); a child reads it in expressions, in port
  conditions, in both or not at all;
- a memory word holds unknown bits until written; a write past the last word
  changes nothing; a read past it is unknown.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from .description import BINARY, COMPARE, Block, MemoryDesc, ModuleDesc, Node, ParamDesc, Port, Stmt, TypeDesc

if TYPE_CHECKING:
    from .description import InstanceDesc

CONDITIONS = ("==", "!=", "<", ">=")
IDENTITY_VALUES = 6  # identity values are drawn from range(6): port conditions compare with the same range


class DataDesigner:
    """Struct, array, enum, memory and parameter drawing for ``Designer``."""

    rng: random.Random
    unpacked: bool
    identity: bool
    readable: set[tuple[str, str]]  # (module, identity parameter) its logic reads as a value
    deciding: set[tuple[str, str]]  # (module, identity parameter) its port conditions read
    prefix: str
    types: dict[str, TypeDesc]
    add: Callable[[ModuleDesc, Node], int]
    operand: Callable[[ModuleDesc, int], int]
    operand_of: Callable[[ModuleDesc, int, list[int]], int]
    pick: Callable[..., int | None]
    width: Callable[[], int]

    # -- types ------------------------------------------------------------------------------------

    def new_type(self, kind: str) -> str:
        """Declare a fresh struct, array or enum; returns its Python name (``S0``, ``A1``, ``E2``)."""
        rng = self.rng
        key = f"{kind[0].upper()}{len(self.types)}"
        name = f"{self.prefix}_{key.lower()}"
        if kind == "struct":
            parts = [(f"f{i}", rng.randint(1, 8)) for i in range(rng.randint(2, 4))]
            self.types[key] = TypeDesc("struct", name, parts)
        elif kind in ("array", "uarray"):
            self.types[key] = TypeDesc(kind, name, [("", rng.randint(1, 8))] * rng.randint(2, 5))
        else:
            count = rng.randint(2, 5)
            values = sorted(rng.sample(range(1 << 3), count)) if rng.random() < 0.3 else list(range(count))
            width = max(1, max(values).bit_length()) + (rng.random() < 0.2)
            # Members carry the type's name: two enums of a module may not share a member name.
            self.types[key] = TypeDesc("enum", name, [(f"{key}_{chr(65 + i)}", v) for i, v in enumerate(values)],
                                       width)
        return key

    def some_type(self, kind: str) -> str:
        """An existing type of ``kind`` (usually) or a new one."""
        known = [k for k, t in self.types.items() if t.kind == kind]
        if known and self.rng.random() < 0.6:
            return self.rng.choice(known)
        return self.new_type(kind)

    def aggregate_kind(self, unpacked: bool = False) -> str:
        """A struct or a packed array; an unpacked array too where the caller can take one (never as bits, a
        register or a top port) and the design has them."""
        if unpacked and self.unpacked and self.rng.random() < 0.35:
            return "uarray"
        return self.rng.choice(("struct", "array"))

    # -- aggregate values -------------------------------------------------------------------------

    def aggregates(self, m: ModuleDesc, dtype: str) -> list[int]:
        return [i for i, n in enumerate(m.nodes) if n.dtype == dtype]

    def aggregate(self, m: ModuleDesc, dtype: str) -> int:
        """A node holding a value of ``dtype``: an existing one, or one built from parts, bits or a mux."""
        rng = self.rng
        found = self.aggregates(m, dtype)
        if found and rng.random() < 0.5:
            return rng.choice(found)
        t = self.types[dtype]
        name = f"g{sum(1 for n in m.nodes if n.op == 'agg' and n.attrs[0] != 'expr')}"
        if t.kind == "uarray":  # no expression makes one: a var driven element by element
            parts = tuple(self.operand(m, width) for _, width in t.parts)
            return self.add(m, Node("agg", t.bits, False, parts, attrs=("parts", name), dtype=dtype))
        roll = rng.random()
        if found and roll < 0.15:
            c = self.operand(m, 1)
            return self.add(m, Node("agg_mux", t.bits, False, (c, rng.choice(found), rng.choice(found)), dtype=dtype))
        if roll < 0.4:
            return self.add(m, Node("agg", t.bits, False, (self.operand(m, t.bits),), attrs=("bits",), dtype=dtype))
        parts = tuple(self.operand(m, width) for _, width in t.parts)
        mode = rng.choice(("expr", "var", "parts"))
        return self.add(m, Node("agg", t.bits, False, parts, attrs=(mode, name), dtype=dtype))

    def aggregate_read(self, m: ModuleDesc) -> int:
        """A number read from a struct or array: a field, an element (constant or dynamic index) or its bits."""
        rng = self.rng
        dtype = self.some_type(self.aggregate_kind(unpacked=True))
        source = self.aggregate(m, dtype)
        t = self.types[dtype]
        roll = rng.random()
        if roll < 0.2 and t.kind != "uarray":
            return self.add(m, Node("to_bits", t.bits, False, (source,)))
        if t.kind in ("array", "uarray") and roll < 0.6:
            index_width = max(1, (len(t.parts) - 1).bit_length())
            if rng.random() < 0.2 and index_width > 1:
                index_width -= 1  # a narrower index is zero-extended
            index = self.index(m, index_width)
            return self.add(m, Node("part_dyn", t.parts[0][1], False, (source, index)))
        part = rng.randrange(len(t.parts))
        return self.add(m, Node("part", t.parts[part][1], False, (source,), attrs=(part,)))

    def index(self, m: ModuleDesc, width: int) -> int:
        """A signal index made from an input: a constant one past the end would be a verilator SELRANGE
        warning about the design itself."""
        return self.operand_of(m, width, self.data_inputs(m))  # type: ignore[attr-defined]

    # -- enums --------------------------------------------------------------------------------

    def enum_value(self, m: ModuleDesc, dtype: str, member: int | None = None) -> int:
        t = self.types[dtype]
        name, value = t.parts[self.rng.randrange(len(t.parts)) if member is None else member]
        return self.add(m, Node("enum", t.width, False, attrs=(dtype, name)))

    def enum_use(self, m: ModuleDesc) -> int:
        """A comparison with an enum member, or a mux between two members."""
        dtype = self.some_type("enum")
        t = self.types[dtype]
        if self.rng.random() < 0.7:
            subject = self.operand(m, t.width)
            member = self.rng.randrange(len(t.parts))
            # An ordering against the smallest or largest value of the width is constant (verilator CMPCONST).
            inside = 0 < t.parts[member][1] < (1 << t.width) - 1
            op = self.rng.choice(COMPARE if inside else ("eq", "ne"))
            args = (subject, self.enum_value(m, dtype, member))
            return self.add(m, Node(op, 1, False, args[::-1] if self.rng.random() < 0.3 else args))
        c = self.operand(m, 1)
        return self.add(m, Node("mux", t.width, False, (c, self.enum_value(m, dtype), self.enum_value(m, dtype))))

    def enum_next(self, m: ModuleDesc, state: int, dtype: str, inputs: list[int]) -> int:
        """The next value of an enum register ``state``: per member, a member chosen by an input bit."""
        t = self.types[dtype]
        result = self.enum_value(m, dtype, 0)
        for member in range(len(t.parts) - 1, -1, -1):
            condition = self.operand_of(m, 1, inputs)
            target = self.add(m, Node("mux", t.width, False, (condition, self.enum_value(m, dtype),
                                                               self.enum_value(m, dtype))))
            here = self.add(m, Node("eq", 1, False, (state, self.enum_value(m, dtype, member))))
            result = self.add(m, Node("mux", t.width, False, (here, target, result)))
        return result

    def enum_block(self, m: ModuleDesc, block: Block, inputs: list[int]) -> list[Stmt]:
        """``match self.t: case E.A: if input bit: self.t = E.B else: ...``, a default last."""
        rng = self.rng
        t = self.types[block.dtype]  # type: ignore[index]
        branches: list[tuple] = []
        for _, value in t.parts:
            if rng.random() < 0.2:
                continue  # left to the default
            first = Stmt("assign", value=self.enum_value(m, block.dtype))  # type: ignore[arg-type]
            if rng.random() < 0.6:
                body = [Stmt("if", branches=[(self.operand_of(m, 1, inputs), [first]),
                                             (None, [Stmt("assign", value=self.enum_value(m, block.dtype))])])]  # type: ignore[arg-type]
            else:
                body = [first]
            branches.append(((value,), body))
        branches.append((None, [Stmt("assign", value=self.enum_value(m, block.dtype, 0))]))  # type: ignore[arg-type]
        return [Stmt("match", subject=-1, branches=branches)]

    # -- aggregate procedural targets -----------------------------------------------------------------

    def aggregate_statement(self, m: ModuleDesc, block: Block) -> Stmt:
        """An always_comb statement on a struct or array target: a part (array: constant or dynamic index)."""
        rng = self.rng
        t = self.types[block.dtype]  # type: ignore[index]
        if t.kind != "uarray" and rng.random() < 0.15:  # (an unpacked array is assigned element by element)
            return Stmt("assign", value=self.aggregate(m, block.dtype))  # type: ignore[arg-type]
        part = rng.randrange(len(t.parts))
        value = self.operand(m, t.parts[part][1])
        if t.kind in ("array", "uarray") and rng.random() < 0.5:
            index = self.index(m, max(1, (len(t.parts) - 1).bit_length()))
            return Stmt("part", value=value, subject=index)
        return Stmt("part", value=value, bits=(part, 0, 1, 0))

    def register_file(self, m: ModuleDesc, block: Block, inputs: list[int]) -> None:
        """An unpacked array written in ``always_ff``: reset element by element, then one or two write ports
        (``if we: rf[i] = d``, the first port that is enabled wins), the first at a signal index, a second at a
        signal or a constant index."""
        rng = self.rng
        block.dtype = self.some_type("uarray")
        t = self.types[block.dtype]
        block.width, block.signed = t.bits, False
        block.clock, block.reset = rng.choice(m.clocks), rng.choice(m.resets).name
        block.reset_value = rng.getrandbits(t.bits)
        branches: list[tuple] = []
        for port in range(rng.randint(1, 2)):
            value = self.operand(m, t.parts[0][1])
            # The first port writes at a signal index: an element written only on reset is a constant, which
            # loom's checks report (a flop that never loads: the design's fault).
            if port == 0 or rng.random() < 0.6:
                write = Stmt("part", value=value, subject=self.index(m, max(1, (len(t.parts) - 1).bit_length())))
            else:
                write = Stmt("part", value=value, bits=(rng.randrange(len(t.parts)), 0, 1, 0))
            branches.append((self.operand_of(m, 1, inputs), [write]))
        block.body = [Stmt("if", branches=branches)]

    # -- parameters and conditional ports ----------------------------------------------------------

    def parameters(self, m: ModuleDesc, leaf: bool) -> None:
        """Value parameters (read next to signals), and in a child a ``MODE`` deciding conditional ports."""
        rng = self.rng
        for index in range(rng.choice((0, 0, 1, 2)) if leaf else rng.choice((0, 0, 0, 1))):
            width = rng.randint(1, 8)
            m.params.append(ParamDesc(f"P{index}", width, rng.getrandbits(width)))
        if leaf and rng.random() < 0.4:
            m.params.append(ParamDesc("MODE", 2, rng.randrange(4)))
        if leaf and self.identity and (not (self.readable or self.deciding) or rng.random() < 0.6):
            self.identity_parameters(m)

    def identity_parameters(self, m: ModuleDesc) -> None:
        """``X`` (and sometimes ``Y``), each read as a value, in port conditions, both or not at all; sometimes
        without a default (every instance sets it)."""
        rng = self.rng
        for name in ("X", "Y")[:rng.choice((1, 1, 2))]:
            default = None if rng.random() < 0.3 else rng.randrange(IDENTITY_VALUES)
            m.params.append(ParamDesc(name, rng.choice((3, 4, 8, 16)), default, identity=True))
            use = rng.choice(("none", "value", "value", "condition", "both"))
            if use in ("value", "both"):
                self.readable.add((m.name, name))
            if use in ("condition", "both"):
                self.deciding.add((m.name, name))

    def identify(self, m: ModuleDesc, inst: InstanceDesc, child: ModuleDesc) -> None:
        """Identity values for ``inst`` that no other instance of the child in ``m`` has (an identity parameter
        with a default is sometimes left to it); often the instance copies an earlier one's ``k`` and parameters,
        so that the two differ only in identity values (one module unless the child reads them)."""
        declared = [p for p in child.params if p.identity]
        if not declared:
            return
        rng = self.rng
        twins = [i for i in m.instances if i.child == inst.child]
        if twins and rng.random() < 0.6:
            inst.k, inst.params = twins[-1].k, dict(twins[-1].params)
        taken = [{p.name: i.identity.get(p.name, p.default) for p in declared} for i in twins]
        while True:
            chosen = {p.name: p.default if p.default is not None and rng.random() < 0.15 else
                      rng.randrange(IDENTITY_VALUES) for p in declared}
            if chosen not in taken:
                break
        inst.identity = {p.name: chosen[p.name] for p in declared if p.default is None or rng.random() < 0.85
                         or chosen[p.name] != p.default}

    def condition(self, m: ModuleDesc) -> tuple | None:
        """A ``when=`` for a port of ``m`` (None: unconditional): on ``MODE`` or on an identity parameter."""
        deciding = [p.name for p in m.params if p.name == "MODE" or (m.name, p.name) in self.deciding]
        if not deciding or self.rng.random() < 0.5:
            return None
        name = deciding[0] if len(deciding) == 1 else self.rng.choice(deciding)
        if self.rng.random() < 0.2:
            return (name,)
        return (name, self.rng.choice(CONDITIONS), self.rng.randrange(4 if name == "MODE" else IDENTITY_VALUES))

    def readable_params(self, m: ModuleDesc) -> list[ParamDesc]:
        """The parameters ``m``'s logic may read as values (not ``MODE``, nor an identity parameter left unread)."""
        return [p for p in m.params if p.name != "MODE" and (not p.identity or (m.name, p.name) in self.readable)]

    def read_identity(self, m: ModuleDesc) -> None:
        """One use of each identity parameter ``m`` reads as a value (more come from the random operations)."""
        for param in m.params:
            if (m.name, param.name) in self.readable:
                self.param_use(m, param)

    def param_use(self, m: ModuleDesc, param: ParamDesc | None = None) -> int:
        """A parameter as a value: a var assigned from it, or the operand of an operator."""
        rng = self.rng
        if param is None:
            param = rng.choice(self.readable_params(m))
        if rng.random() < 0.4:
            return self.add(m, Node("param", param.width, False, attrs=(param.name,)))
        # Comparisons with a kept parameter are constant for some values (verilator CMPCONST, the design's
        # fault), so a parameter meets only arithmetic; only + - * may put it first (P & x builds a condition).
        a = self.operand(m, param.width)
        op = rng.choice(BINARY)
        rev = op in ("add", "sub", "mul") and rng.random() < 0.3
        return self.add(m, Node(op, param.width, False, (a,), rev=rev, attrs=("param", param.name)))

    def parameter_values(self, module: ModuleDesc) -> dict[str, int]:
        """Values an instance sets (some parameters keep their default)."""
        return {p.name: self.rng.getrandbits(p.width) for p in module.params
                if not p.identity and self.rng.random() < 0.7}

    # -- memories -------------------------------------------------------------------------------

    def memory(self, m: ModuleDesc) -> None:
        """A memory with 1-2 write ports (drawn first: reads never feed a write of the same cycle's logic)."""
        rng = self.rng
        depth = rng.choice((1, 2, 3, 4, 5, 8, 16))
        memory = MemoryDesc(f"m{len(m.memories)}", rng.randint(1, 12), depth, rng.choice(m.clocks))
        inputs = self.data_inputs(m)  # type: ignore[attr-defined]
        for port in range(rng.randint(1, 2)):
            # Data and enable come from unconditional inputs: an enable that is constant 0 in some module
            # variant (an absent input reads as 0) leaves the memory never written (verilator UNDRIVEN). A
            # second port has an enable: two unconditional writes to one word leave the first without effect.
            enable = self.operand_of(m, 1, inputs) if port or rng.random() < 0.7 else None
            memory.writes.append((self.address(m, memory), self.operand_of(m, memory.width, inputs), enable))
        m.memories.append(memory)
        index = len(m.memories) - 1
        for number in range(rng.randint(1, 3)):
            address = self.address(m, memory)
            if number == 0 or rng.random() < 0.5:
                m.nodes.append(Node("mem_read", memory.width, False, (address,), attrs=(index,)))
            else:
                enable = self.operand(m, 1) if rng.random() < 0.5 else None
                args = (address,) if enable is None else (address, enable)
                syncs = sum(1 for n in m.nodes if n.op == "mem_sync" and n.attrs[0] == index)
                m.nodes.append(Node("mem_sync", memory.width, False, args, attrs=(index, syncs)))

    def address(self, m: ModuleDesc, memory: MemoryDesc) -> int:
        """An address of exactly the memory's address width, sometimes narrower (zero-extended); from an input
        like every signal index."""
        width = max(1, memory.address_width)
        if width > 1 and self.rng.random() < 0.15:
            width -= 1
        return self.index(m, width)

    # -- typed ports ------------------------------------------------------------------------------

    def typed_port(self, m: ModuleDesc, name: str, signed: bool, unpacked: bool) -> Port:
        """An input port, sometimes of a struct, array or enum type (an unpacked array with ``unpacked``: a
        child's port), sometimes conditional (integers only: an absent struct or array input has no zero to
        read as)."""
        roll = self.rng.random()
        if roll < 0.15:
            dtype = self.some_type(self.aggregate_kind(unpacked))
            return Port(name, self.types[dtype].bits, False, dtype)
        port = self.enum_or_plain_port(name, signed, roll)
        port.when = self.condition(m)
        return port

    def enum_or_plain_port(self, name: str, signed: bool, roll: float) -> Port:
        if roll < 0.25:
            dtype = self.some_type("enum")
            return Port(name, self.types[dtype].width, False, dtype)
        return Port(name, self.width(), signed)
