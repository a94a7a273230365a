"""The procedural statement tree: what ``always_comb`` / ``always_ff`` blocks hold.

Both ways of writing procedural logic end up here:

- the AST translator (``frontend.procedural``) turns a decorated method into a
  ``ProceduralBlock`` whose statements it builds one by one, knowing their
  assignment kind (blocking in ``always_comb``, non-blocking in ``always_ff``);
- the kratos-style statement builder (``loom.assign``, ``If``, ``Switch``,
  ``Generator.combinational()`` / ``sequential()`` / ``add_stmt``) lets a
  program make an assignment *before* it decides where the assignment goes.
  Such an assignment keeps the kind ``undefined`` and is emitted as
  ``loom.assign {kind = "undefined"}``; the ``fix-assignment-type`` pass gives
  it the kind its final position calls for.

``frontend.emit_procedural`` writes the tree as ``sv`` ops (docs/ir-conventions.md).

A signal assigned by a statement is stored in an ``sv.logic`` (a
``LogicDecl``). Vars and output ports assigned procedurally get one under
their own name; a Python local that holds hardware (``tmp = a + b``) becomes a
``LocalVar`` with its own ``LogicDecl``, so the SystemVerilog keeps the name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError
from ..dialect.ops import IN, OUT
from ..dialect.srcloc import SourceLoc, user_location
from .clones import replaying
from .shared_parts import DrivenPart, PartKey, claim, two_blocks_message
from .signals import Const, Expr, InstancePort, Named, Operand, Port, Reg, Signal, Width, coerce, same_width, width_text
from .typebase import DataType
from .types import EnumValue, Member

if TYPE_CHECKING:
    from .generator import Generator


class Edge(enum.Enum):
    """A clock or reset edge in an ``always_ff`` sensitivity list."""

    posedge = "posedge"
    negedge = "negedge"

    def __repr__(self) -> str:
        return self.value


posedge = Edge.posedge
negedge = Edge.negedge


class AssignKind(enum.Enum):
    """How an assignment is written in SystemVerilog (kratos ``AssignmentType``)."""

    blocking = "blocking"
    nonblocking = "nonblocking"
    continuous = "continuous"
    undefined = "undefined"


# -- storage of procedurally assigned signals ------------------------------------------


class LogicDecl:
    """One ``sv.logic`` at module level: the storage of a procedurally assigned signal.

    ``name`` is the name the user gave (var or port, kept as it is), or, when
    ``renamable``, a name the emitter makes unique in the module (a Python local;
    ``<instance>_<port>`` for a child's input, as two children may share port
    names). ``ssa`` is set then. ``block`` is the
    first block that assigns it; ``parts`` what each block assigns, so that
    blocks may share it only by driving disjoint constant parts
    (``frontend.shared_parts``).
    """

    __slots__ = ("name", "width", "signed", "loc", "block", "block_loc", "ssa", "sv_name", "wire", "renamable",
                 "user_attributes", "parts")

    def __init__(self, name: str, width: Width, signed: bool, loc: SourceLoc, renamable: bool = False,
                 user_attributes: dict[str, str] | None = None):
        self.name = name
        self.user_attributes = user_attributes
        """The attributes of the var or port this stores (``Named.add_attribute``), written on its sv.logic."""
        self.renamable = renamable
        self.width = width
        self.signed = signed
        self.loc = loc
        self.block: ProceduralBlock | TopLevel | None = None
        self.block_loc: SourceLoc | None = None
        self.ssa = ""
        self.sv_name = name
        self.wire = False
        """A named wire (an always_ff local, ``hw.wire``) rather than an ``sv.logic``."""
        self.parts: dict[tuple[int, PartKey | None], DrivenPart] = {}


class LogicRead(Signal):
    """The value of an ``sv.logic`` read at module level (the driver of a procedurally assigned var or port)."""

    __slots__ = ("decl",)

    def __init__(self, decl: LogicDecl, owner: Generator):
        super().__init__(owner, decl.width, decl.loc, decl.signed)
        self.decl = decl

    def describe(self) -> str:
        return f"procedural value of '{self.decl.name}'"


class LocalVar(Named):
    """A Python local inside a procedural block that holds hardware; it becomes a named ``logic``."""

    __slots__ = ("decl",)

    def __init__(self, owner: Generator, name: str, width: Width, loc: SourceLoc, signed: bool = False):
        super().__init__(owner, name, width, loc, signed)
        self.decl = LogicDecl(name, width, signed, loc)

    def describe(self) -> str:
        return f"local variable '{self.name}'"

    def assign(self, source: Operand) -> None:
        raise ElaborationError(f"{self.describe()} can only be assigned inside its procedural block",
                               str(user_location()))


# -- statements --------------------------------------------------------------------------


Step = tuple[str, "str | Signal"]
"""One step into an aggregate: ``("field", name)`` of a struct or ``("index", signal)`` of an array."""


@dataclass(eq=False)
class Target:
    """What an assignment writes: a signal, a part of it reached through ``steps`` (struct fields and
    array elements, ``self.s.r = ...``, ``self.mem[addr] = ...``), then optionally bits
    ``[low + width - 1 : low]`` of that.

    ``low`` is an int for a constant slice or a signal for a dynamic index
    (``x[i] = ...`` with a signal ``i``).
    """

    signal: Named
    low: int | Signal | None = None
    width: int | None = None
    steps: tuple[Step, ...] = ()
    part_width: Width | None = None
    """The type reached through ``steps`` (None: the signal's own)."""
    part: Signal | None = None
    """The expression that reads the same part (for messages)."""

    def describe(self) -> str:
        whole = self.part.describe() if self.part is not None else self.signal.describe()
        if self.low is None:
            return whole
        if isinstance(self.low, int):
            return f"bits [{self.low + (self.width or 1) - 1}:{self.low}] of {whole}"
        return f"an indexed bit of {whole}"

    @property
    def base_width(self) -> Width:
        return self.signal.width if self.part_width is None else self.part_width

    @property
    def value_width(self) -> Width:
        return self.base_width if self.low is None else (self.width or 1)


@dataclass(eq=False)
class Statement:
    """Base of procedural statements; ``loc`` is the user's line."""

    loc: SourceLoc = field(default_factory=lambda: user_location(3))

    def children(self) -> list[Body]:
        return []


@dataclass(eq=False)
class AssignStmt(Statement):
    """``target = value`` with an assignment kind (``undefined`` until placed, for the builder API)."""

    target: Target = field(default=None)  # type: ignore[assignment]
    value: Signal = field(default=None)  # type: ignore[assignment]
    kind: AssignKind = AssignKind.undefined
    placed: bool = False


@dataclass(eq=False)
class Body:
    """A list of statements (a block's body, a branch of an ``if``, a case of a ``match``)."""

    statements: list[Statement] = field(default_factory=list)

    def add(self, *statements: Statement) -> Body:
        for statement in statements:
            if not isinstance(statement, Statement):
                raise ElaborationError(f"expected a statement (loom.assign(...), If, Switch), got {statement!r}",
                                       str(user_location()))
            if isinstance(statement, AssignStmt):
                if statement.placed:
                    raise ElaborationError(f"the assignment to {statement.target.describe()} is already placed in a"
                                           " block; make a new one with loom.assign()", str(user_location()),
                                           (f"it was made at {statement.loc}",))
                statement.placed = True
            self.statements.append(statement)
        return self


@dataclass(eq=False)
class IfStmt(Statement):
    """``if cond: then_body else: else_body`` on a 1-bit signal."""

    cond: Signal = field(default=None)  # type: ignore[assignment]
    then_body: Body = field(default_factory=Body)
    else_body: Body = field(default_factory=Body)

    def children(self) -> list[Body]:
        return [self.then_body, self.else_body]


@dataclass(eq=False)
class CaseStmt(Statement):
    """``match subject`` -> ``case``: ``(values, body)`` items and a ``default`` body (always written).

    ``members`` keeps the enum member a label was written as (``case State.IDLE``), by value, so the
    SystemVerilog reads ``IDLE:`` rather than ``2'b00:`` (see ``lowering/case_names.py``).
    """

    subject: Signal = field(default=None)  # type: ignore[assignment]
    items: list[tuple[tuple[int, ...], Body]] = field(default_factory=list)
    default: Body = field(default_factory=Body)
    members: dict[int, EnumValue] = field(default_factory=dict)

    def label(self, value: object, loc: SourceLoc) -> int:
        """The int of case label ``value``, remembering its name when it is an enum member."""
        number = case_value(value, self.subject, loc)
        if isinstance(value, EnumValue):
            self.members.setdefault(number, value)
        return number

    def children(self) -> list[Body]:
        return [body for _, body in self.items] + [self.default]


@dataclass(eq=False)
class AssertStmt(Statement):
    """An immediate assertion: ``assert(cond) else $error(message, args...)``."""

    cond: Signal = field(default=None)  # type: ignore[assignment]
    message: str = ""
    args: tuple[Signal, ...] = ()


@dataclass(eq=False)
class DisplayStmt(Statement):
    """A simulation print (``$fwrite`` to standard output)."""

    format: str = ""
    args: tuple[Signal, ...] = ()


@dataclass(eq=False)
class CommentStmt(Statement):
    """A ``// text`` line in the SystemVerilog (kratos ``comment``), at module level or in a block."""

    text: str = ""


@dataclass(eq=False)
class FunctionStmt(Statement):
    """The inlined body of a hardware function (``@function``), kept as one ``loom.func`` op.

    ``result`` is the local that receives the return value (None for a
    function that returns nothing). ``check-function-return`` checks the
    body's ``ReturnStmt`` structure; ``inline-functions`` turns it into plain
    assignments.
    """

    name: str = ""
    result: LocalVar | None = None
    body: Body = field(default_factory=Body)

    def children(self) -> list[Body]:
        return [self.body]


@dataclass(eq=False)
class ReturnStmt(Statement):
    """``return value`` inside a hardware function."""

    value: Signal | int | None = None
    """A Python int until the function's result width is known; the inlining then makes it a signal."""


# -- blocks ------------------------------------------------------------------------------


class BlockKind(enum.Enum):
    comb = "always_comb"
    ff = "always_ff"
    latch = "always_latch"
    """Blocking assignments like ``always_comb``; the latches it infers are intended."""
    final = "final"
    """Runs once when the simulation ends: prints and checks; it assigns only its own locals."""


class ProceduralBlock:
    """An ``always_comb`` or ``always_ff`` block of a generator (kratos ``CombinationalCodeBlock`` /
    ``SequentialCodeBlock``); ``add_stmt`` places builder statements in it."""

    def __init__(self, generator: Generator, kind: BlockKind, edges: tuple[tuple[Edge, Signal], ...],
                 loc: SourceLoc, name: str = ""):
        self.generator = generator
        self.kind = kind
        self.edges = edges
        self.loc = loc
        self.name = name
        self.body = Body()
        self.reset_body: Body | None = None
        """For an ``always_ff`` with an asynchronous reset edge: the statements of the reset branch."""
        self.local_defaults: list[LogicDecl] = []
        """Locals first assigned inside a branch: they are set to 0 at the top of the block."""

    @property
    def default_kind(self) -> AssignKind:
        return AssignKind.nonblocking if self.kind is BlockKind.ff else AssignKind.blocking

    def add_stmt(self, *statements: Statement) -> ProceduralBlock:
        """Place builder statements at the end of this block (kinds stay undefined until ``fix-assignment-type``)."""
        self.body.add(*statements)
        return self

    def __repr__(self) -> str:
        return f"<{self.kind.value} block {self.name or ''} of {self.generator.name!r}>"


class TopLevel:
    """The module level of a generator, where builder statements become continuous assignments."""

    def __init__(self, generator: Generator):
        self.generator = generator
        self.body = Body()
        self.loc = generator.loc
        self.kind = None


Block = ProceduralBlock | TopLevel


class ProceduralState:
    """Everything procedural about one generator: its blocks, top-level statements and ``sv.logic`` storage."""

    def __init__(self, generator: Generator):
        self.generator = generator
        self.blocks: list[ProceduralBlock] = []
        self.top = TopLevel(generator)
        self.decls: dict[int, LogicDecl] = {}
        """Storage of procedurally assigned vars and ports, by ``id`` of the signal."""
        self.locals: list[LogicDecl] = []
        self.adds_blocks = False
        """Whether ``add_always`` was called: then only the blocks it added become hardware."""
        self.translated: set[str] = set()
        """Names of decorated methods already turned into blocks."""
        self.dpi_names: set[str] = set()
        """DPI-C functions the blocks call: no local may take their names (ExportVerilog does not rename
        signals that hide an imported function)."""

    def decl_of(self, assigned: Target, block: Block, loc: SourceLoc) -> LogicDecl:
        """The storage of the signal ``block`` assigns (part of); checks that it can be assigned procedurally,
        and that no other block drives the same bits."""
        target = assigned.signal
        decl: LogicDecl | None
        if isinstance(target, LocalVar):
            decl = target.decl
        else:
            decl = self.decls.get(id(target))
            if decl is None:
                check_assignable(target, self.generator, loc, isinstance(block, TopLevel))
                storage = getattr(target, "storage_name", None)  # a child's input or an interface signal
                if storage is not None:
                    decl = LogicDecl(storage, target.width, target.signed, target.loc, renamable=True)
                else:
                    decl = LogicDecl(target.name, target.width, target.signed, target.loc,
                                     user_attributes=None if isinstance(target, Port) else target.user_attributes)
                self.decls[id(target)] = decl
                target.driver, target.driver_loc = LogicRead(decl, self.generator), loc
        if decl.block is None:
            decl.block, decl.block_loc = block, loc
        if isinstance(target, LocalVar):
            if decl.block is not block:
                raise ElaborationError(two_blocks_message(target.describe()), str(loc),
                                       (f"first assigned at {decl.block_loc}",))
        else:
            shareable = isinstance(block, ProceduralBlock) and block.kind in (BlockKind.comb, BlockKind.ff)
            claim(decl, target.describe(), assigned, block, loc, shareable)
        return decl


def check_assignable(target: Named, generator: Generator, loc: SourceLoc, top_level: bool = False) -> None:
    """Whether ``target`` may be assigned in a procedural block of ``generator`` (or, ``top_level``, by a
    module-level statement such as a bit or slice assignment); raises if not."""
    if target.owner is not generator:
        owner = target.owner.name if target.owner is not None else "no generator"
        raise ElaborationError(f"{target.describe()} belongs to {owner!r}, not to '{generator.name}'", str(loc))
    if isinstance(target, Port) and target.direction == IN:
        raise ElaborationError(f"cannot assign {target.describe()}: an input is driven by the parent that"
                               " instantiates the generator", str(loc))
    if isinstance(target, InstancePort) and target.direction == OUT:
        raise ElaborationError(f"cannot assign {target.describe()}: it is driven by the child instance", str(loc))
    if isinstance(target, Reg):
        raise ElaborationError(f"{target.describe()} gets its next value from reg.assign(); to assign a variable in"
                               " an always_ff block, declare it with self.var() instead", str(loc))
    if target.is_clock:
        raise ElaborationError(f"cannot assign the clock {target.describe()} in a procedural block", str(loc))
    if target.driver is not None and not isinstance(target.driver, LogicRead):
        how = "as a whole and by a bit/slice assignment" if top_level else "continuously and in a procedural block"
        raise ElaborationError(f"{target.describe()} is driven twice: {how}", str(loc),
                               (f"first driven at {target.driver_loc}",))


def state_of(generator: Generator) -> ProceduralState:
    """The procedural state of ``generator``, created on first use."""
    state = generator.__dict__.get("_procedural")
    if state is None:
        state = generator.__dict__["_procedural"] = ProceduralState(generator)
    return state


def has_procedural(generator: Generator) -> bool:
    state = generator.__dict__.get("_procedural")
    return state is not None and bool(state.blocks or state.top.body.statements)


def part_target(part: object) -> Target | None:
    """The target for a struct field / array element expression (``types.Member``) of a named signal."""
    steps: list[Step] = []
    node = part
    while isinstance(node, Member):
        if isinstance(node.key, str):
            steps.append(("field", node.key))
        else:
            steps.append(("index", node.operands[1]))
        node = node.base
    if not steps or not isinstance(node, Named):
        return None
    assert isinstance(part, Signal)
    return Target(node, steps=tuple(reversed(steps)), part_width=part.width, part=part)


def target_of(destination: object, loc: SourceLoc) -> Target:
    """What ``assign(destination, ...)`` writes: a named signal, a field/element of one (``p.r``,
    ``arr[1]``), or a constant bit slice of those (``o[0]``, ``o[7:4]``, which read as ``extract``)."""
    if isinstance(destination, Named):
        return Target(destination)
    part = part_target(destination)
    if part is not None:
        return part
    if isinstance(destination, Expr) and destination.op == "extract" and isinstance(destination.width, int):
        base = destination.operands[0]
        whole = Target(base) if isinstance(base, Named) else part_target(base)
        if whole is not None:
            return Target(whole.signal, int(destination.attrs[0]), destination.width, whole.steps,  # type: ignore[call-overload]
                          whole.part_width, whole.part)
    shown = destination.describe() if isinstance(destination, Signal) else repr(destination)
    raise ElaborationError(f"cannot assign to {shown}: only vars, output ports, registers, locals, their"
                           " fields/elements and constant bit slices of them can be assigned", str(loc))


def make_assign(target: Named | Target, value: Operand, kind: AssignKind, loc: SourceLoc) -> AssignStmt:
    """An assignment statement with width and ownership checks (an int takes the target's width)."""
    if isinstance(target, Named):
        target = Target(target)
    signal = target.signal
    if not isinstance(signal, Named):
        shown = signal.describe() if isinstance(signal, Signal) else f"a {type(signal).__name__}"
        raise ElaborationError(f"cannot assign to {shown}: only vars, output ports and locals can be assigned",
                               str(loc))
    like: Signal = signal
    width = target.value_width
    if target.low is None and target.part is not None:
        like = target.part
    elif not same_width(width, signal.width):
        like = Const(0, width, loc)
        like.owner = signal.owner
    coerced = coerce(value, like, "assignment", loc)
    if coerced.is_clock:
        raise ElaborationError(f"cannot assign the clock {coerced.describe()} in a procedural block", str(loc))
    if not same_width(coerced.width, width):
        raise ElaborationError(f"width mismatch: cannot assign {width_text(coerced.width)}-bit {coerced.describe()}"
                               f" to {width_text(width)}-bit {target.describe()}", str(loc))
    return AssignStmt(loc, target, coerced, kind)


def parametric_slice_message(signal: Signal) -> str:
    """Why bits of a signal whose width is a parameter cannot be assigned (reading them works)."""
    return (f"cannot assign bits of {signal.describe()}: its width is a parameter, and CIRCT has no part select"
            " to assign at a parametric width (sv.indexed_part_select_inout needs a fixed one); assign the whole"
            " signal, or give it a fixed width (reading its bits, s[3:0], works)")


def drive_bits(part: Expr, source: Operand, loc: SourceLoc) -> None:
    """``o[3:0].assign(x)`` / ``self.wire(o[0], i[1])``: a continuous assignment to a bit or slice.

    It is the module-level statement ``add_stmt(assign(o[3:0], x))``: the statements that drive disjoint
    bits of one signal combine into one value, and bits driven twice are reported by
    ``check-multiple-driver`` at both lines (one place decides what "driven twice" means).
    """
    target = target_of(part, loc)
    signal = target.signal
    if replaying(signal.owner):
        return  # a clone's __init__ re-running: the shared definition is already wired (frontend/clones.py)
    signal._check_drivable(loc)
    if isinstance(signal, Reg):
        raise ElaborationError(f"cannot drive bits of {signal.describe()}: a register takes its whole next value"
                               " from reg.assign(); build it with concat() or declare a var", str(loc))
    if not isinstance(target.base_width, (int, DataType)):
        raise ElaborationError(parametric_slice_message(signal), str(loc))
    statement = make_assign(target, source, AssignKind.undefined, loc)
    state_of(signal.owner).top.body.add(statement)  # type: ignore[arg-type]


# -- the statement builder (kratos style) -----------------------------------------------


def assign(target: Signal, value: Operand) -> AssignStmt:
    """An assignment statement ``target = value`` whose kind is decided by where it is placed.

    Place it with ``block.add_stmt(stmt)`` (an ``always_comb`` / ``always_ff``
    block from ``self.combinational()`` / ``self.sequential(...)``), inside an
    ``If`` / ``Switch``, or with ``self.add_stmt(stmt)`` at module level. The
    IR keeps it as ``loom.assign {kind = "undefined"}`` until
    ``fix-assignment-type`` makes it blocking, non-blocking or continuous.
    """
    loc = user_location()
    return make_assign(target_of(target, loc), value, AssignKind.undefined, loc)


class If(IfStmt):
    """Builder for ``if``: ``If(cond).then_(stmts...).else_(stmts...)``."""

    def __init__(self, cond: Signal):
        loc = user_location()
        super().__init__(loc, check_condition(cond, loc, "If"))

    def then_(self, *statements: Statement) -> If:
        self.then_body.add(*statements)
        return self

    def else_(self, *statements: Statement) -> If:
        self.else_body.add(*statements)
        return self


class Switch(CaseStmt):
    """Builder for ``case``: ``Switch(sel).case(0, stmts...).case(1, ...).default(...)``."""

    def __init__(self, subject: Signal):
        loc = user_location()
        if not isinstance(subject, Signal) or not isinstance(subject.width, int):
            raise ElaborationError(f"Switch needs a signal of fixed width, got {subject!r}", str(loc))
        super().__init__(loc, subject)

    def case(self, value: int | tuple[int, ...], *statements: Statement) -> Switch:
        values = value if isinstance(value, tuple) else (value,)
        self.items.append((tuple(self.label(v, user_location()) for v in values), Body().add(*statements)))
        return self

    def default_(self, *statements: Statement) -> Switch:
        self.default.add(*statements)
        return self


def check_condition(cond: object, loc: SourceLoc, what: str) -> Signal:
    """A 1-bit data signal usable as an ``if`` condition."""
    if not isinstance(cond, Signal):
        raise ElaborationError(f"{what} condition must be a 1-bit signal, got {cond!r}", str(loc))
    if cond.is_clock:
        raise ElaborationError(f"{what} condition cannot be the clock {cond.describe()}", str(loc))
    if not same_width(cond.width, 1):
        raise ElaborationError(f"{what} condition must be 1 bit wide, but {cond.describe()} has"
                               f" {width_text(cond.width)} bits; compare it (x != 0) or reduce it (x.r_or())",
                               str(loc))
    return cond


def case_value(value: object, subject: Signal, loc: SourceLoc) -> int:
    """A case label as an int that fits the subject (ints, IntEnum members, constants, ``.value`` holders)."""
    raw: object = value
    if isinstance(raw, Const):
        raw = raw.value
    elif not isinstance(raw, int):
        inner = getattr(raw, "value", None)  # any holder of an int .value (an enum.Enum member, ...)
        if isinstance(inner, int):
            raw = inner
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ElaborationError(f"case label must be an int constant, got {value!r}", str(loc))
    width = subject.width
    assert isinstance(width, int)
    if not -(1 << (width - 1)) <= raw < (1 << width):
        raise ElaborationError(f"case label {raw} does not fit the {width}-bit {subject.describe()}", str(loc))
    return raw & ((1 << width) - 1)


__all__ = [
    "AssignKind", "AssignStmt", "AssertStmt", "Body", "BlockKind", "CaseStmt", "DisplayStmt", "Edge",
    "Expr", "FunctionStmt", "If", "IfStmt", "LocalVar", "LogicDecl", "LogicRead", "ProceduralBlock",
    "ProceduralState", "ReturnStmt", "Switch", "Target", "TopLevel", "assign", "negedge", "posedge",
]
