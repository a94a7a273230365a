"""The IR of memories (``frontend.memory``): the ``sv.reg`` array, its write ports, reads and initial contents.

``memory.py`` checks the declarations and the ports; this module writes what they become, the register array
one would write by hand (``memory.py``'s docstring shows the ops and says why not ``seq.firmem``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.constants import signed_literal
from ..dialect.srcloc import SourceLoc
from .memory import Memory, MemoryRead
from .typebase import DataType, bit_count
from .types import type_text

if TYPE_CHECKING:
    from .emit import ModuleWriter


def write_read(writer: ModuleWriter, read: MemoryRead, result: str) -> None:
    """An asynchronous read: ``sv.array_index_inout`` into the array and ``sv.read_inout``."""
    memory = read.memory
    slot = writer.fresh()
    writer.op(f"{slot} = sv.array_index_inout %{memory.name}[{writer.value(read.operands[0])}] :"
              f" {memory.inout_type}, i{memory.address_width}", read.loc)
    writer.op(f"{result} = sv.read_inout {slot} : !hw.inout<{type_text(memory.word)}>", read.loc)


def write_memory(writer: ModuleWriter, memory: Memory) -> None:
    """The array, its initial contents, and one ``always_ff`` block holding every write port in order."""
    t = type_text(memory.word)
    writer.op(f"%{memory.name} = sv.reg sym @{memory.name} : {memory.inout_type}", memory.loc)
    if memory.init is not None:
        _write_init(writer, memory, memory.init)
    if not memory.writes:
        return
    clock = writer.value(memory.writes[0][3])
    ports = [(writer.value(a) if a is not None else None, writer.value(d),
              writer.value(e) if e is not None else None, loc) for a, d, e, _, loc in memory.writes]
    clock_value = writer.fresh()
    writer.op(f"{clock_value} = seq.from_clock {clock}", memory.loc)
    writer.lines.append(f"  sv.alwaysff(posedge {clock_value}) {{")
    for address, data, enable, loc in ports:
        indent = "    "
        if enable is not None:
            writer.lines.append(f"    sv.if {enable} {{")
            indent = "      "
        slot = writer.fresh()
        index = address if address is not None else _zero_index(writer, loc)
        writer.lines.append(f"{indent}{slot} = sv.array_index_inout %{memory.name}[{index}] : {memory.inout_type},"
                            f" i{memory.address_width} {writer.locs.ref(loc)}")
        writer.lines.append(f"{indent}sv.passign {slot}, {data} : {t} {writer.locs.ref(loc)}")
        if enable is not None:
            writer.lines.append(f"    }} {writer.locs.ref(loc)}")
    writer.lines.append(f"  }} {writer.locs.ref(memory.loc)}")


def _zero_index(writer: ModuleWriter, loc: SourceLoc) -> str:
    """The address of a one-word memory (an ``i0`` index)."""
    zero = writer.fresh()
    writer.op(f"{zero} = hw.constant 0 : i0", loc)
    return zero


def _write_init(writer: ModuleWriter, memory: Memory, init: list[int]) -> None:
    """An ``sv.initial`` block writing each word of ``init`` with a blocking assignment."""
    t = type_text(memory.word)
    bits = bit_count(memory.word) or 1
    lines = []
    for index, value in enumerate(init):
        address, raw, word, slot = writer.fresh(), writer.fresh(), writer.fresh(), writer.fresh()
        ref = writer.locs.ref(memory.loc)
        lines.append(f"    {address} = hw.constant {signed_literal(index, memory.address_width)} :"
                     f" i{memory.address_width} {ref}")
        lines.append(f"    {raw} = hw.constant {signed_literal(value, bits)} : i{bits} {ref}")
        if isinstance(memory.word, DataType):
            lines.append(f"    {word} = hw.bitcast {raw} : (i{bits}) -> {t} {ref}")
        else:
            word = raw
        lines.append(f"    {slot} = sv.array_index_inout %{memory.name}[{address}] : {memory.inout_type},"
                     f" i{memory.address_width} {ref}")
        lines.append(f"    sv.bpassign {slot}, {word} : {t} {ref}")
    writer.lines.append("  sv.initial {")
    writer.lines.extend(lines)
    writer.lines.append(f"  }} {writer.locs.ref(memory.loc)}")
