"""Procedural blocks -> ``sv`` ops in the loom IR text (docs/ir-conventions.md, "Procedural logic").

Called by ``frontend.emit.ModuleWriter`` for generators that have
``always_comb`` / ``always_ff`` blocks or builder statements. Every
procedurally assigned signal is an ``sv.logic`` at module level. Expressions
that read such storage are written *inside* the block, right before the
statement that uses them: with blocking assignments a read sees the value
assigned just before it (``tmp = a; tmp = tmp + 1``), so the read must sit at
that point of the block. Expressions that read no procedural storage are
shared module-level values (``ModuleWriter.value``), written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.case_names import case_names_text
from ..dialect.constants import signed_literal
from ..dialect.macros import SYNTHESIS
from ..dialect.marked_blocks import FINAL, LATCH, attribute
from ..dialect.srcloc import SourceLoc
from .attributes import attribute_entry
from .dpi import DpiFunction
from .emit_ops import expr_op_text, type_text
from .emit_types import write_aggregate_expr
from .emit_unpacked import value_inout
from .shared_parts import DrivenPart, PartKey, local_name, part_key, split_parts
from .signals import Expr, Named, Signal, Width
from .statements import (
    AssertStmt,
    AssignKind,
    AssignStmt,
    Block,
    BlockKind,
    Body,
    CaseStmt,
    CommentStmt,
    DisplayStmt,
    FunctionStmt,
    IfStmt,
    LocalVar,
    LogicDecl,
    ProceduralBlock,
    ProceduralState,
    ReturnStmt,
    Statement,
    Target,
    TopLevel,
)
from .unpacked import UnpackedElement

if TYPE_CHECKING:
    from .emit import ModuleWriter

_ASSIGN_OPS = {AssignKind.blocking: "sv.bpassign", AssignKind.nonblocking: "sv.passign",
               AssignKind.continuous: "sv.assign"}
_BLOCK_OPS = {BlockKind.comb: ("sv.alwayscomb", None), BlockKind.latch: ("sv.alwayscomb", LATCH),
              BlockKind.final: ("sv.initial", FINAL)}
"""The op of each block kind but always_ff, and the marker of the kinds CIRCT has no op for
(``dialect/marked_blocks.py``)."""
STDOUT_FD = 0x80000001
"""The SystemVerilog file descriptor of standard output (``$fwrite(32'h80000001, ...)`` is ``$write``)."""


def mlir_string(text: str) -> str:
    """``text`` as an MLIR string literal."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) > 0x7E:
            out.append("".join(f"\\{b:02X}" for b in char.encode()))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class ProceduralWriter:
    """Writes one generator's procedural storage, blocks and top-level statements."""

    def __init__(self, module_writer: ModuleWriter, state: ProceduralState):
        self.mw = module_writer
        self.state = state
        self.type_text = type_text
        self._dynamic: dict[int, bool] = {}
        self._constants: dict[tuple[int, int], str] = {}
        self._clocks: dict[int, str] = {}
        self._block: Block | None = None
        """The block being written: its assignments to a part that other blocks share go to the part's local."""
        self._part_locals: dict[tuple[int, PartKey | None], LogicDecl] = {}
        self._split: list[tuple[DrivenPart, LogicDecl]] = []
        """Each part of a signal that several blocks drive, and the local its block writes (``shared_parts``)."""

    # -- storage --------------------------------------------------------------------

    def prepare(self) -> None:
        """Register every assigned target, then give each ``sv.logic`` a unique name and SSA name."""
        blocks: list[ProceduralBlock | TopLevel] = [self.state.top, *self.state.blocks]
        for block in blocks:
            self._register(block, block.body)
        for decl in self.state.decls.values():
            for part in split_parts(decl):
                assert part.key is not None
                local = LogicDecl(local_name(decl.name, part.key), part.target.value_width, False, part.loc,
                                  renamable=True)
                local.block = part.block
                self._part_locals[(id(part.block), part.key)] = local
                self._split.append((part, local))
        taken = self.state.generator._declared_names() | self.state.dpi_names
        decls = list(self.state.decls.values())
        for decl in decls:
            if not decl.renamable:
                self._name(decl, decl.name, taken)  # a var or port: its own, unique name
        part_locals = [local for _, local in self._split]
        for decl in [d for d in decls if d.renamable] + self.state.locals + part_locals:
            if decl.block is None:
                continue  # a local that was never assigned (only possible through errors)
            name, suffix = decl.name, 0
            while name in taken:
                name = f"{decl.name}_{suffix}"
                suffix += 1
            self._name(decl, name, taken)

    @staticmethod
    def _name(decl: LogicDecl, name: str, taken: set[str]) -> None:
        taken.add(name)
        decl.sv_name = name
        decl.ssa = f"%io.{name}"

    def _register(self, block: Block, body: Body) -> None:
        for statement in body.statements:
            if isinstance(statement, AssignStmt):
                self.state.decl_of(statement.target, block, statement.loc)
            for child in statement.children():
                self._register(block, child)

    def inout_type(self, width: Width) -> str:
        return f"!hw.inout<{self.type_text(width)}>"

    def declarations(self) -> None:
        """The module-level ``sv.logic`` ops, and the reads that stand for procedurally driven vars."""
        decls = (list(self.state.decls.values()) + [d for d in self.state.locals if d.ssa and not d.wire]
                 + [local for _, local in self._split])
        for decl in decls:
            extra = f", {attribute_entry(decl.user_attributes)}" if decl.user_attributes else ""
            self.mw.op(f'{decl.ssa} = sv.logic sym @{decl.sv_name} {{name = "{decl.sv_name}"{extra}}} :'
                       f" {self.inout_type(decl.width)}", decl.loc)

    def read(self, decl: LogicDecl) -> str:
        """A module-level read of ``decl`` (the value of a procedurally driven var or port)."""
        return f"sv.read_inout {decl.ssa} : {self.inout_type(decl.width)}"

    # -- expressions --------------------------------------------------------------

    def storage(self, signal: Signal) -> LogicDecl | None:
        if isinstance(signal, LocalVar):
            return signal.decl
        if isinstance(signal, Named):
            return self.state.decls.get(id(signal))
        return None

    def dynamic(self, signal: Signal) -> bool:
        """Whether ``signal`` reads procedural storage (then it is computed inside the block)."""
        known = self._dynamic.get(id(signal))
        if known is not None:
            return known
        stack: list[tuple[Signal, bool]] = [(signal, False)]
        while stack:
            node, expanded = stack.pop()
            if id(node) in self._dynamic:
                continue
            if isinstance(node, Expr) and node.op == "dpi_call":
                self._dynamic[id(node)] = True  # a C call happens where the block calls it, never shared
                continue
            if isinstance(node, Expr) and node.op == "wire":
                self._dynamic[id(node)] = False  # an always_ff local: a module-level named wire
                continue
            if isinstance(node, Named) or not isinstance(node, Expr):
                self._dynamic[id(node)] = self.storage(node) is not None
                continue
            if expanded:
                self._dynamic[id(node)] = any(self._dynamic[id(o)] for o in node.operands)
                continue
            stack.append((node, True))
            stack.extend((o, False) for o in node.operands if id(o) not in self._dynamic)
        return self._dynamic[id(signal)]

    def value(self, signal: Signal, lines: list[str], cache: dict[int, str]) -> str:
        """The SSA name of ``signal`` at the current point of a block; ops it needs go to ``lines``."""
        if not self.dynamic(signal):
            return self.mw.value(signal)
        name = cache.get(id(signal))
        if name is not None:
            return name
        if isinstance(signal, Expr):
            if signal.op == "cast":
                name = self.value(signal.operands[0], lines, cache)
            elif signal.op == "dpi_call":
                name = self._dpi_call(signal, lines, cache)
            elif isinstance(signal, UnpackedElement):
                name = self.mw.fresh()
                slot = self._element_inout(signal, lines, cache)
                lines.append(self._located(f"{name} = sv.read_inout {slot} : {self.inout_type(signal.width)}",
                                           signal.loc))
            else:
                operands = [self.value(o, lines, cache) for o in signal.operands]
                name = self.mw.fresh()
                text = expr_op_text(signal, name, operands)
                if text is None:
                    text = self._aggregate_text(signal, name, operands)
                lines.append(self._located(text, signal.loc))
        else:
            decl = self.storage(signal)
            assert decl is not None
            name = self.mw.fresh()
            lines.append(self._located(f"{name} = {self.read(decl)}", signal.loc))
        cache[id(signal)] = name
        return name

    def _element_inout(self, element: UnpackedElement, lines: list[str], cache: dict[int, str]) -> str:
        """The ``sv.array_index_inout`` of an unpacked element inside a block: into the procedural storage of
        the array when the block assigns it, else into its module-level storage (``frontend.unpacked``)."""
        base = element.base
        decl = self.storage(base)
        if isinstance(base, UnpackedElement):
            ref = self._element_inout(base, lines, cache)
        elif decl is not None:
            ref = decl.ssa
        else:
            ref = value_inout(self.mw, base)
        index = element.operands[1]
        slot = self.mw.fresh()
        lines.append(self._located(f"{slot} = sv.array_index_inout {ref}[{self.value(index, lines, cache)}] :"
                                   f" {self.inout_type(base.width)}, {self.type_text(index.width)}", element.loc))
        return slot

    def _dpi_call(self, call: Expr, lines: list[str], cache: dict[int, str]) -> str:
        """``loom.dpi_call`` (lowered by lower-dpi-calls: its callee is a symbol, see ``frontend.dpi``)."""
        function, = call.attrs
        assert isinstance(function, DpiFunction), function
        operands = [self.value(o, lines, cache) for o in call.operands]
        name = self.mw.fresh()
        arg_names = ", ".join(mlir_string(a) for a in function.args)
        types = ", ".join(self.type_text(o.width) for o in call.operands)
        lines.append(self._located(f'{name} = "loom.dpi_call"({", ".join(operands)}) {{callee = '
                                   f'{mlir_string(function.name)}, arg_names = [{arg_names}]}} : ({types}) -> '
                                   f"{self.type_text(call.width)}", call.loc))
        return name

    def _aggregate_text(self, expr: Expr, name: str, operands: list[str]) -> str:
        """The op text of a struct/array expression (``emit_types`` writes those ops into the module writer)."""
        module_lines = self.mw.lines
        captured: list[str] = []
        self.mw.lines = captured
        try:
            if not write_aggregate_expr(self.mw, expr, operands, name):
                raise AssertionError(f"unknown expression op {expr.op}")
        finally:
            self.mw.lines = module_lines
        text, = captured
        return text.strip().rsplit(" loc(", 1)[0]

    def _located(self, text: str, loc: SourceLoc) -> str:
        return f"{text} {self.mw.locs.ref(loc)}"

    def constant(self, value: int, width: int, loc: SourceLoc) -> str:
        key = (value, width)
        name = self._constants.get(key)
        if name is None:
            name = self._constants[key] = self.mw.fresh()
            self.mw.op(f"{name} = hw.constant {signed_literal(value, width)} : i{width}", loc)
        return name

    # -- statements ----------------------------------------------------------------

    def body(self, body: Body, lines: list[str], indent: str) -> None:
        for statement in body.statements:
            self.statement(statement, lines, indent)

    def statement(self, statement: Statement, lines: list[str], indent: str) -> None:
        cache: dict[int, str] = {}
        here: list[str] = []
        if isinstance(statement, AssignStmt):
            self.assignment(statement, here, cache)
        elif isinstance(statement, IfStmt):
            self.if_statement(statement, here, cache, indent)
        elif isinstance(statement, CaseStmt):
            self.case_statement(statement, here, cache, indent)
        elif isinstance(statement, AssertStmt):
            self.assertion(statement, here, cache)
        elif isinstance(statement, DisplayStmt):
            self.display(statement, here, cache)
        elif isinstance(statement, FunctionStmt):
            self.function(statement, here, indent)
        elif isinstance(statement, CommentStmt):
            text = " ".join(statement.text.splitlines())
            here.append(self._located(f"sv.verbatim {mlir_string('// ' + text)}", statement.loc))
        elif isinstance(statement, ReturnStmt):
            self.return_statement(statement, here, cache)
        else:
            raise AssertionError(f"unknown statement {statement!r}")
        lines.extend(indent + line for line in here)

    def destination(self, target: Target, lines: list[str], cache: dict[int, str], loc: SourceLoc) -> tuple[str, str]:
        """The inout value an assignment writes, and its type: the signal's storage, through struct fields
        (``sv.struct_field_inout``) and array elements (``sv.array_index_inout``), then a bit range
        (``sv.indexed_part_select_inout``)."""
        if self._part_locals and self._block is not None:
            local = self._part_locals.get((id(self._block), part_key(target)))
            if local is not None:
                return local.ssa, self.inout_type(local.width)
        decl = self.storage(target.signal)
        assert decl is not None, target
        ref, width = decl.ssa, decl.width
        for kind, key in target.steps:
            part = self.mw.fresh()
            if kind == "field":
                lines.append(self._located(f'{part} = sv.struct_field_inout {ref}["{key}"] : {self.inout_type(width)}',
                                           loc))
                width = width.fields[key]  # type: ignore[union-attr]
            else:
                assert isinstance(key, Signal)
                index = self.value(key, lines, cache)
                lines.append(self._located(f"{part} = sv.array_index_inout {ref}[{index}] : {self.inout_type(width)},"
                                           f" {self.type_text(key.width)}", loc))
                width = width.element  # type: ignore[union-attr]
            ref = part
        if target.low is None:
            return ref, self.inout_type(width)
        assert isinstance(width, int)
        index_width = max(1, (width - 1).bit_length())
        if isinstance(target.low, int):
            base = self.constant(target.low, index_width, loc)
        else:
            base = self.value(target.low, lines, cache)
        part = self.mw.fresh()
        lines.append(self._located(f"{part} = sv.indexed_part_select_inout {ref}[{base} : {target.width}] :"
                                   f" {self.inout_type(width)}, i{index_width}", loc))
        return part, self.inout_type(target.width or 1)

    def assignment(self, statement: AssignStmt, lines: list[str], cache: dict[int, str]) -> None:
        value = self.value(statement.value, lines, cache)
        destination, inout = self.destination(statement.target, lines, cache, statement.loc)
        value_type = self.type_text(statement.target.value_width)
        if statement.kind is AssignKind.undefined:
            text = (f'"loom.assign"({destination}, {value}) {{kind = "undefined"}} : ({inout}, {value_type})'
                    " -> ()")
        else:
            text = f"{_ASSIGN_OPS[statement.kind]} {destination}, {value} : {value_type}"
        lines.append(self._located(text, statement.loc))

    def region(self, body: Body, indent: str) -> list[str]:
        """The ops of a branch; an empty branch is one empty block (``{}`` would be a region without a block,
        which ``sv.if`` and ``sv.case`` reject)."""
        inner: list[str] = []
        self.body(body, inner, "  ")
        return inner or ["^bb0:"]

    def if_statement(self, statement: IfStmt, lines: list[str], cache: dict[int, str], indent: str) -> None:
        cond = self.value(statement.cond, lines, cache)
        lines.append(f"sv.if {cond} {{")
        lines.extend(self.region(statement.then_body, indent))
        if statement.else_body.statements:
            lines.append("} else {")
            lines.extend(self.region(statement.else_body, indent))
        lines.append("} " + self.mw.locs.ref(statement.loc))

    def case_statement(self, statement: CaseStmt, lines: list[str], cache: dict[int, str], indent: str) -> None:
        subject = self.value(statement.subject, lines, cache)
        width = statement.subject.width
        assert isinstance(width, int)
        for member in statement.members.values():
            self.value(member, lines, cache)  # declares the localparam the label is named after
        lines.append(f"sv.case {subject} : i{width}" + case_names_text(
            [statement.members[v].name if v in statement.members else ""
             for values, _ in statement.items for v in values]
            + [""]))
        for values, body in statement.items:
            for value in values:
                lines.append(f"case b{value:0{width}b}: {{")
                lines.extend(self.region(body, indent))
                lines.append("}")
        lines.append("default: {")
        lines.extend(self.region(statement.default, indent))
        lines.append("} " + self.mw.locs.ref(statement.loc))

    def _arguments(self, args: tuple[Signal, ...], lines: list[str], cache: dict[int, str]) -> tuple[str, str]:
        if not args:
            return "", ""
        values = ", ".join(self.value(a, lines, cache) for a in args)
        types = ", ".join(self.type_text(a.width) for a in args)
        return f"({values})", f" : {types}"

    def assertion(self, statement: AssertStmt, lines: list[str], cache: dict[int, str]) -> None:
        """An immediate assertion, for simulation only: in the else region of ``sv.ifdef.procedural @SYNTHESIS``
        (`` `ifndef SYNTHESIS``). The operands are computed before the guard, where ``guard-assertions``
        would leave them, so the SystemVerilog is the same whichever put the guard there."""
        cond = self.value(statement.cond, lines, cache)
        values, types = self._arguments(statement.args, lines, cache)
        message = f" message {mlir_string(statement.message)}{values}" if statement.message else ""
        self.mw.macros.add(SYNTHESIS)
        lines.append(f"sv.ifdef.procedural @{SYNTHESIS} {{")
        lines.append("} else {")
        lines.append("  " + self._located(f"sv.assert {cond}, immediate{message}{types}", statement.loc))
        lines.append("} " + self.mw.locs.ref(statement.loc))

    def display(self, statement: DisplayStmt, lines: list[str], cache: dict[int, str]) -> None:
        values, types = self._arguments(statement.args, lines, cache)
        fd = self.constant(STDOUT_FD, 32, statement.loc)
        lines.append(self._located(f"sv.fwrite {fd}, {mlir_string(statement.format + chr(10))}{values}{types}",
                                   statement.loc))

    def function(self, statement: FunctionStmt, lines: list[str], indent: str) -> None:
        operands = f"{statement.result.decl.ssa}" if statement.result is not None else ""
        types = self.inout_type(statement.result.width) if statement.result is not None else ""
        lines.append(f'"loom.func"({operands}) ({{')
        lines.extend(self.region(statement.body, indent))
        lines.append(f'}}, {{}}) {{name = {mlir_string(statement.name)}}} : ({types}) -> () '
                     f"{self.mw.locs.ref(statement.loc)}")

    def return_statement(self, statement: ReturnStmt, lines: list[str], cache: dict[int, str]) -> None:
        returned = statement.value
        if returned is None:
            lines.append(self._located('"loom.return"() : () -> ()', statement.loc))
            return
        assert isinstance(returned, Signal), returned  # the inlining made every returned int a signal
        value = self.value(returned, lines, cache)
        lines.append(self._located(f'"loom.return"({value}) : ({self.type_text(returned.width)}) -> ()',
                                   statement.loc))

    # -- blocks ---------------------------------------------------------------------

    def clock_value(self, signal: Signal) -> str:
        """An ``i1`` value for an edge of ``signal`` (``seq.from_clock`` for a clock port)."""
        value = self.mw.value(signal)
        if not signal.is_clock:
            return value
        name = self._clocks.get(id(signal))
        if name is None:
            name = self._clocks[id(signal)] = self.mw.fresh()
            self.mw.op(f"{name} = seq.from_clock {value}", signal.loc)
        return name

    def block(self, block: ProceduralBlock) -> None:
        """One ``sv.alwayscomb`` / ``sv.alwaysff``; its regions are written before the block's first line,
        because writing them may add module-level ops (constants, shared expressions)."""
        self._block = block
        inner: list[str] = []
        for decl in block.local_defaults:
            if isinstance(decl.width, int):
                zero = self.constant(0, decl.width, decl.loc)
                inner.append("  " + self._located(f"sv.bpassign {decl.ssa}, {zero} : i{decl.width}", decl.loc))
        self.body(block.body, inner, "  ")
        ref = self.mw.locs.ref(block.loc)
        if block.kind is not BlockKind.ff:
            op, marker = _BLOCK_OPS[block.kind]
            attrs = f" {{sv.attributes = {attribute(marker)}}}" if marker else ""
            self.mw.lines += [f"  {op} {{", *("  " + line for line in inner), f"  }}{attrs} {ref}"]
            return
        (clock_edge, clock), *resets = block.edges
        lines = [f"  sv.alwaysff({clock_edge.value} {self.clock_value(clock)}) {{", *("  " + line for line in inner)]
        if resets:
            (reset_edge, reset), = resets
            assert block.reset_body is not None
            reset_lines: list[str] = []
            self.body(block.reset_body, reset_lines, "  ")
            lines.append(f"  }} (asyncreset : {reset_edge.value} {self.clock_value(reset)}) {{")
            lines.extend("  " + line for line in reset_lines)
        lines.append(f"  }} {ref}")
        self.mw.lines += lines

    def top_level(self) -> None:
        """Builder statements placed at module level: continuous assignments (``undefined`` until fixed)."""
        self._block = self.state.top
        lines: list[str] = []
        self.body(self.state.top.body, lines, "")
        self.mw.lines.extend("  " + line for line in lines)

    def combine_parts(self) -> None:
        """Continuous assignments of each shared part from the local its block writes: disjoint parts, which
        ``merge-wire-assignments`` joins like slices assigned by separate module-level statements."""
        self._block = None
        lines: list[str] = []
        for part, local in self._split:
            destination, _ = self.destination(part.target, lines, {}, part.loc)
            value = self.mw.fresh()
            lines.append(self._located(f"{value} = {self.read(local)}", part.loc))
            lines.append(self._located(f"sv.assign {destination}, {value} : {self.type_text(local.width)}", part.loc))
        self.mw.lines.extend("  " + line for line in lines)

    def write(self) -> None:
        """Everything procedural of the generator, after ``prepare`` and the structural ops."""
        self.declarations()
        self.top_level()
        for block in self.state.blocks:
            self.block(block)
        self.combine_parts()


__all__ = ["ProceduralWriter", "mlir_string"]
