"""The IR of packed structs, arrays and enums (``frontend.types``): constants, aggregate ops, typedecls.

``types.py`` declares the types and builds the expressions on them (``p.r``, ``Line.of(...)``,
``x.bits()``); this module writes those expressions as ``hw`` ops when ``emit.py`` writes a module, and
the one ``hw.type_scope`` holding a ``hw.typedecl`` per struct the design uses. It lives in the emission
sub-layer with the writer it is called by, so the type classes know nothing of how they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..dialect.constants import signed_literal
from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc
from .emit_ops import type_text
from .signals import Expr
from .typebase import DataType
from .types import TYPE_SCOPE, USED_STRUCTS, Array, ArrayType, EnumValue, FieldType, Struct, index_width

if TYPE_CHECKING:
    from .emit import ModuleWriter


def write_constant(writer: ModuleWriter, result: str, value: int, width: FieldType, loc: SourceLoc) -> None:
    """``result`` = the constant ``value`` of an integer or aggregate type (aggregates via a bit cast)."""
    if not isinstance(width, DataType):
        writer.op(f"{result} = hw.constant {signed_literal(value, int(width))} : i{int(width)}", loc)
        return
    if not width.packed:
        raise ElaborationError(f"an {width.describe()} has no constant value: assign its elements one by one",
                               str(loc))
    raw = writer.fresh()
    writer.op(f"{raw} = hw.constant {signed_literal(value, width.bits)} : i{width.bits}", loc)
    writer.op(f"{result} = hw.bitcast {raw} : (i{width.bits}) -> {width.mlir()}", loc)


def _array(width: object) -> ArrayType:
    """The width of an ``array_get`` operand or an ``array_create`` result: types.py builds them on arrays only."""
    assert isinstance(width, ArrayType), width
    return width


def write_aggregate_expr(writer: ModuleWriter, expr: Expr, operands: list[str], result: str) -> bool:
    """Write an aggregate expression op; False when ``expr.op`` is not one of them."""
    op = expr.op
    if op == "struct_extract":
        text = f'hw.struct_extract {operands[0]}["{expr.attrs[0]}"] : {type_text(expr.operands[0].width)}'
    elif op == "array_get":
        array = _array(expr.operands[0].width)
        text = f"hw.array_get {operands[0]}[{operands[1]}] : {type_text(array)}, i{index_width(array.size)}"
    elif op == "struct_create":
        text = f"hw.struct_create ({', '.join(operands)}) : {type_text(expr.width)}"
    elif op == "array_create":
        # hw.array_create lists the highest index first.
        text = f"hw.array_create {', '.join(reversed(operands))} : {type_text(_array(expr.width).element)}"
    elif op == "bitcast":
        text = f"hw.bitcast {operands[0]} : ({type_text(expr.operands[0].width)}) -> {type_text(expr.width)}"
    else:
        return False
    writer.op(f"{result} = {text}", expr.loc)
    return True


def write_enum_value(writer: ModuleWriter, value: EnumValue, result: str) -> None:
    """The member's localparam, and those of the other members: a module that names one member declares the
    whole enum (lower-data-types references the members it does not read, for Verilator)."""
    width = int(value.enum)
    writer.op(f'{result} = "loom.localparam"() {{name = "{value.name}", value = {signed_literal(value.value, width)}'
              f" : i{width}}} : () -> i{width}", value.loc)
    for member in value.enum:
        writer.value(member)


def reset_used_structs() -> None:
    """Forget the structs of an earlier design (a design's writer starts with this)."""
    USED_STRUCTS.clear()


def type_scope_text(locate: Callable[[SourceLoc], str]) -> str:
    """``hw.type_scope`` (placeholder name ``loom_types``) with one ``hw.typedecl`` per struct used, nested ones
    first ("" if none). Each typedecl carries the ``Struct(...)`` line (``locate`` writes it), which
    ExportVerilog prints after the ``typedef``; without one it printed a line of loom's own IR text."""
    if not USED_STRUCTS:
        return ""
    by_name: dict[str, Struct] = {}
    for struct in sorted(USED_STRUCTS, key=lambda s: (s.name, str(s.loc))):
        other = by_name.get(struct.name)
        if other is not None and other != struct:
            raise ElaborationError(f"two different structs are named '{struct.name}' in one design;"
                                   " give them different names", str(struct.loc),
                                   (f"the other one is declared at {other.loc}",))
        by_name[struct.name] = struct
    ordered: list[Struct] = []
    done: set[str] = set()

    def visit(struct: Struct) -> None:
        if struct.name in done:
            return
        done.add(struct.name)
        for field_type in struct.fields.values():
            for nested in _nested_structs(field_type):
                visit(by_name.get(nested.name, nested))
        ordered.append(struct)

    for struct in by_name.values():
        visit(struct)
    decls = "".join(f"  hw.typedecl @{s.name} : {s.inner} {locate(s.loc)}\n" for s in ordered)
    USED_STRUCTS.clear()
    return f"hw.type_scope @{TYPE_SCOPE} {{\n{decls}}}\n"


def name_type_scope(text: str, name: str) -> str:
    """``text`` (modules and the type scope of one design) with the placeholder scope renamed ``name``."""
    return text.replace(f"@{TYPE_SCOPE}::", f"@{name}::").replace(f"hw.type_scope @{TYPE_SCOPE} ",
                                                                    f"hw.type_scope @{name} ")


def _nested_structs(field_type: FieldType) -> list[Struct]:
    if isinstance(field_type, Struct):
        return [field_type]
    if isinstance(field_type, Array):
        return _nested_structs(field_type.element)
    return []
