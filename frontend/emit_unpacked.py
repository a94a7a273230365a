"""The IR of unpacked arrays (``frontend.unpacked``): their storage, and elements read and written through it.

CIRCT has no op that reads an element of an unpacked array *value* and ``sv.unpacked_array_create`` crashes
Icarus 12, so every unpacked value that is indexed or built part by part lives in an ``sv.wire``
(``unpacked.py`` says why in full). This module writes those wires, the ``sv.array_index_inout`` into them and
the element-by-element ``sv.assign``; ``emit.py`` calls it for unpacked vars, elements and values built part
by part, and ``emit_procedural.py`` for elements read inside blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.constants import signed_literal
from .attributes import attribute_entry
from .emit_ops import type_text
from .signals import Expr, Named, Signal, Var, Width
from .statements import LogicRead
from .types import Aggregate, index_width
from .unpacked import UnpackedArray, UnpackedElement

if TYPE_CHECKING:
    from .emit import ModuleWriter


def write_element(writer: ModuleWriter, element: UnpackedElement, result: str) -> None:
    """The element as a module-level value: its storage (``inout``), then ``sv.read_inout``."""
    slot = element_inout(writer, element)
    writer.op(f"{result} = sv.read_inout {slot} : !hw.inout<{type_text(element.width)}>", element.loc)


def inout_type(array: Width) -> str:
    return f"!hw.inout<{type_text(array)}>"


def storage_name(var: Named) -> str:
    """The SSA name of the ``sv.wire`` that holds an unpacked var."""
    return f"%{var.name}.io"


def element_inout(writer: ModuleWriter, element: UnpackedElement) -> str:
    """The ``sv.array_index_inout`` that names ``element`` in its array's storage (module level)."""
    base = element.base
    ref = element_inout(writer, base) if isinstance(base, UnpackedElement) else value_inout(writer, base)
    array = base.width
    assert isinstance(array, UnpackedArray), array
    slot = writer.fresh()
    index = writer.value(element.operands[1])
    writer.op(f"{slot} = sv.array_index_inout {ref}[{index}] : {inout_type(array)},"
              f" i{max(1, index_width(array.size))}", element.loc)
    return slot


def value_inout(writer: ModuleWriter, array: Signal) -> str:
    """Storage that holds the unpacked value ``array``: a var's own ``sv.wire`` (its procedural ``sv.logic`` when a
    block assigns it), or one ``sv.wire`` per other
    value (a port, a child's output), made on first use."""
    if isinstance(array, Var):
        writer.value(array)  # an undriven var read here is reported like any other read
        driver = array.driver
        return driver.decl.ssa if isinstance(driver, LogicRead) else storage_name(array)
    copies = writer.copies
    if copies is None:
        copies = writer.copies = {}
    known = copies.get(id(array))
    if known is not None:
        return known
    value = writer.value(array)
    copy = writer.fresh()
    writer.op(f"{copy} = sv.wire : {inout_type(array.width)}", array.loc)
    writer.op(f"sv.assign {copy}, {value} : {type_text(array.width)}", array.loc)
    copies[id(array)] = copy
    return copy


def write_var(writer: ModuleWriter, var: Var) -> None:
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


def write_parts(writer: ModuleWriter, io: str, aggregate: Expr) -> None:
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


def write_aggregate(writer: ModuleWriter, aggregate: Expr, result: str) -> None:
    """An unpacked value driven part by part (an output, a child's input): a wire assigned element by element,
    read whole."""
    io = writer.fresh()
    writer.op(f"{io} = sv.wire : {inout_type(aggregate.width)}", aggregate.loc)
    write_parts(writer, io, aggregate)
    writer.op(f"{result} = sv.read_inout {io} : {inout_type(aggregate.width)}", aggregate.loc)
