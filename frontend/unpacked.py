"""Unpacked arrays: ``logic [7:0] a[0:3]``, next to loom's packed ``Array``.

An unpacked array is a collection of elements, not a vector of bits: SystemVerilog
cannot treat it as a number (no arithmetic, no bit slices, no casts to and from
bits), but it can be a port, a var, an element of a procedural assignment, and be
passed whole between modules of the same element type and size. kratos declares
one with ``var(name, width, size=n)`` (its default is unpacked); loom's spelling is
``UnpackedArray(element, n)`` wherever a width goes, and ``var``/``input``/``output``
take kratos's ``size=``/``packed=`` too (``frontend.arrays``).

In the IR the type is CIRCT's ``!hw.uarray<n x T>``, which ExportVerilog writes
as ``T name[0:n-1]``, in ports too. CIRCT has no op that reads an element of an
unpacked array *value* (``hw.array_get`` takes only packed arrays, and
``hw.bitcast`` to a packed array prints as an assignment SystemVerilog rejects),
so an element is read through storage, as in hand-written SystemVerilog:

- a var of unpacked type is an ``sv.wire`` (``%v.io``; a net, because Icarus 12
  leaves a ``logic`` array driven by an instance's output at ``x``) that its
  driver is ``sv.assign``-ed to (element by element when driven part by part);
- ``a[i]`` is ``sv.array_index_inout`` on that storage and ``sv.read_inout``;
- an element of any other unpacked value (an input port, a child's output)
  is read through one ``sv.wire`` per value that holds a copy of it.

Measured with the CIRCT wheel: ``sv.unpacked_array_create`` prints an
assignment pattern ``'{...}`` that crashes Icarus 12, so loom never writes it:
a value built part by part is a wire whose elements are assigned one by one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.constants import signed_literal
from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .attributes import attribute_entry
from .signals import Const, Expr, Named, Signal, Var
from .statements import LogicRead
from .typebase import DataType
from .types import Aggregate, ArrayType, Member, checked_index, index_width, type_text

if TYPE_CHECKING:
    from .emit import ModuleWriter


class UnpackedArray(ArrayType):
    """An unpacked array of ``size`` elements of ``element`` (an int width or a packed/unpacked type)."""

    __slots__ = ()
    packed = False
    MLIR_TYPE = "uarray"
    NOUN = "unpacked array"

    def element_at(self, signal: Signal, key: object) -> "UnpackedElement":
        """``signal[key]``: a constant index is checked against the size; a signal index is resized."""
        loc = user_location(2)
        index = checked_index(signal, self, key, loc)
        if isinstance(index, int):
            return UnpackedElement(signal, index, Const(index, max(1, index_width(self.size)), loc), loc)
        return UnpackedElement(signal, key, index, loc)  # type: ignore[arg-type]


class UnpackedElement(Member):
    """``a[i]`` of an unpacked array: read through the array's storage (see the module docstring).

    It is a ``Member`` so that assigning it (``a[1].assign(x)``, ``self.a[i] = x``) drives that element
    like an element of a packed array.
    """

    __slots__ = ()

    def __init__(self, base: Signal, key: int | Signal, index: Signal, loc: SourceLoc):
        array = base.width
        assert isinstance(array, UnpackedArray)
        Expr.__init__(self, "uarray_get", (base, index), array.element, loc=loc)
        self.base = base
        self.key = key

    def write_ir(self, writer: "ModuleWriter", result: str) -> None:
        """The element as a module-level value: its storage (``inout``), then ``sv.read_inout``."""
        slot = element_inout(writer, self)
        writer.op(f"{result} = sv.read_inout {slot} : !hw.inout<{type_text(self.width)}>", self.loc)


def inout_type(array: DataType | int) -> str:
    return f"!hw.inout<{type_text(array)}>"


def storage_name(var: Named) -> str:
    """The SSA name of the ``sv.wire`` that holds an unpacked var."""
    return f"%{var.name}.io"


def element_inout(writer: "ModuleWriter", element: UnpackedElement) -> str:
    """The ``sv.array_index_inout`` that names ``element`` in its array's storage (module level)."""
    base = element.base
    ref = element_inout(writer, base) if isinstance(base, UnpackedElement) else value_inout(writer, base)
    slot = writer.fresh()
    index = writer.value(element.operands[1])
    writer.op(f"{slot} = sv.array_index_inout {ref}[{index}] : {inout_type(base.width)},"  # type: ignore[arg-type]
              f" i{max(1, index_width(base.width.size))}", element.loc)  # type: ignore[union-attr]
    return slot


def value_inout(writer: "ModuleWriter", array: Signal) -> str:
    """Storage that holds the unpacked value ``array``: a var's own ``sv.wire`` (its procedural ``sv.logic`` when a
    block assigns it), or one ``sv.wire`` per other
    value (a port, a child's output), made on first use."""
    if isinstance(array, Var):
        writer.value(array)  # an undriven var read here is reported like any other read
        driver = array.driver
        return driver.decl.ssa if isinstance(driver, LogicRead) else storage_name(array)
    known = writer.copies.get(id(array))
    if known is not None:
        return known
    value = writer.value(array)
    copy = writer.fresh()
    writer.op(f"{copy} = sv.wire : {inout_type(array.width)}", array.loc)  # type: ignore[arg-type]
    writer.op(f"sv.assign {copy}, {value} : {type_text(array.width)}", array.loc)  # type: ignore[arg-type]
    writer.copies[id(array)] = copy
    return copy


def write_var(writer: "ModuleWriter", var: Var) -> None:
    """An unpacked var: its ``sv.wire``, driven whole or element by element, and the value read from it."""
    io = storage_name(var)
    t = type_text(var.width)
    extra = f", {attribute_entry(var.user_attributes)}" if var.user_attributes else ""
    # A net, not a ``logic``: Icarus 12 leaves a ``logic`` unpacked array driven by an instance's output at x.
    writer.op(f'{io} = sv.wire sym @{var.name} {{name = "{var.name}"{extra}}} : {inout_type(var.width)}', var.loc)
    driver = var.driver
    if isinstance(driver, Aggregate):
        write_parts(writer, io, driver)
    else:
        writer.op(f"sv.assign {io}, {writer.driver(var)} : {t}", var.loc)
    writer.op(f"%{var.name} = sv.read_inout {io} : {inout_type(var.width)}", var.loc)


def write_parts(writer: "ModuleWriter", io: str, aggregate: Expr) -> None:
    """``sv.assign`` each element of an unpacked value driven part by part into the storage ``io``."""
    array = aggregate.width
    assert isinstance(array, UnpackedArray) and isinstance(aggregate, Aggregate)
    values = aggregate.operands  # checks that every element is driven
    bits = max(1, index_width(array.size))
    for index, value in enumerate(values):
        loc = aggregate.part_locs.get(index, aggregate.loc)
        constant, slot = writer.fresh(), writer.fresh()
        writer.op(f"{constant} = hw.constant {signed_literal(index, bits)} : i{bits}", loc)
        writer.op(f"{slot} = sv.array_index_inout {io}[{constant}] : {inout_type(array)}, i{bits}", loc)
        if isinstance(value, Aggregate):  # a nested unpacked array: Icarus cannot assign a whole row
            write_parts(writer, slot, value)
        else:
            writer.op(f"sv.assign {slot}, {writer.value(value)} : {type_text(array.element)}", loc)


def leaf_values(aggregate: Expr) -> list[Signal]:
    """The element values of an unpacked value driven part by part, nested rows flattened (what writing it
    needs computed first)."""
    leaves: list[Signal] = []
    for value in aggregate.operands:
        leaves.extend(leaf_values(value) if isinstance(value, Aggregate) else [value])
    return leaves


def write_aggregate(writer: "ModuleWriter", aggregate: Expr, result: str) -> None:
    """An unpacked value driven part by part (an output, a child's input): a wire assigned element by element,
    read whole."""
    io = writer.fresh()
    writer.op(f"{io} = sv.wire : {inout_type(aggregate.width)}", aggregate.loc)  # type: ignore[arg-type]
    write_parts(writer, io, aggregate)
    writer.op(f"{result} = sv.read_inout {io} : {inout_type(aggregate.width)}", aggregate.loc)  # type: ignore


def refuse_bits(signal: Signal, what: str, loc: SourceLoc) -> ElaborationError:
    """The error for treating an unpacked array as bits (SystemVerilog cannot either)."""
    return ElaborationError(f"{signal.describe()} is an {signal.width.describe()}: it has no bits to {what};"  # type: ignore
                            " use its elements, or declare it packed (Array, or packed=True)", str(loc))
