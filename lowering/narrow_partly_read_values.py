"""``narrow-partly-read-values``: no expression ExportVerilog spills into a wire is read only in part.

SystemVerilog cannot select bits of an expression (``(a + b)[3]`` is not
legal), so ExportVerilog spills an expression that is read through a bit or
part select into a temporary wire (``wire [3:0] _GEN = a + b; ... _GEN[3]``).
When the design reads only some of its bits, ``verilator --lint-only -Wall``
reports the rest (UNUSEDSIGNAL "Bits of signal are not used: '_GEN'"). That is
loom's doing, not the user's, and the emitted SystemVerilog must be clean
without waivers. For every comb result whose readers are all bit selects
(``comb.extract``) and which has bits no reader selects, this pass, in order:

1. **pushes the selects into the operation** where every result bit depends
   only on the same bits of the operands: ``and``/``or``/``xor``, ``mux``,
   ``concat`` and ``replicate``, and a select (``x[5:0][3]`` cannot be written
   either: it is one select, ``x[3]``; canonicalize folds those, but a pass after
   it may leave one). ``(a & b)[5:2]`` becomes ``a[5:2] & b[5:2]``,
   a slice of a concatenation becomes the slices of its pieces. Each reader
   gets exactly the bits it reads; nothing partly read is left.
2. **narrows** ``add``, ``sub`` and ``mul`` to the bits up to the highest one
   read: the low ``n`` bits of a sum, difference or product depend only on the
   low ``n`` bits of the operands, so ``(a + b)[5:0]`` of 16-bit values is a
   6-bit addition.
3. **names what is still read in part** ``<hint>_partly_unused``: the bits
   below the lowest read bit of a sum (its carries), the low bits of a product,
   shifts, divisions. Those bits are needed to compute the read ones, so the
   wire is not dead logic. So are the ops with no bitwise counterpart that
   ExportVerilog spills when a select reads them (``SPILLED``): a kept
   parameter (``P0_partly_unused``: a parameter is a constant of the
   instance, it costs nothing), a cast, an element chosen by a signal index,
   a field. A cast of an array or struct built from integers
   (``hw.bitcast`` of ``hw.array_create``) is the concatenation of its
   elements, so selects go into it as into a ``concat`` (step 1). A struct
   or array chosen by a ``mux`` whose readers take only some fields or
   constant-index elements is named as well (``_mux_partly_unused``); Verilator's default ``--unused-regexp`` is
   ``*unused*``, which exempts the wire from UNUSEDSIGNAL by Verilator's own
   convention (the same one ``reference-unused-parameters`` and
   ``name-unused-instance-outputs`` use). The name tells a reader why the wire
   is there. Steps 1 and 2 come first because they remove the wire instead of
   hiding it: what is computed is what is read.

The pass runs at the end of the CIRCT clean-up (after ``canonicalize``, which
would undo nothing here but could create new partial reads), and builds its
slices already folded (a slice of a constant is a constant, of a slice one
slice, of a concatenation its pieces), so no canonicalize is needed after it.
A new slice of another comb result is checked in turn. Ops
a rewrite leaves unread go, with the pure ops only they read (a comparison's
operands, an array a cast was made of): ExportVerilog would print an unread
cast or element read as a wire nothing reads (UNUSEDSIGNAL).
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from .bit_slices import bit_width, concat, create, defining, pieces, slice_of
from .lower_data_types import part_range, select_parts_first
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect, collect_held, erase_with_unread_producers, idle
from .stage import needs_lowered_ir

BITWISE = ("comb.and", "comb.or", "comb.xor")
"""Each result bit is the same function of the same bit of every operand."""

LOW_BITS = ("comb.add", "comb.sub", "comb.mul")
"""The low ``n`` result bits depend only on the low ``n`` bits of the operands."""

PUSHED = (*BITWISE, "comb.mux", "comb.concat", "comb.replicate", "comb.extract")
"""Each bit of the result is a bit of an operand or the same function of the same operand bits."""

SPILLED = ("hw.param.value", "hw.bitcast", "hw.array_get", "hw.struct_extract")
"""Integer-valued ops besides comb's that ExportVerilog spills into a wire when a select reads them."""

SUFFIX = "_partly_unused"


def _pushed(operation: ir.Operation, low: int, width: int) -> ir.Value:
    """Bits ``[low, low + width)`` of the result of a bitwise op, mux, concat or replicate, from its operands."""
    name = operation.name
    operands = list(operation.operands)
    if name == "comb.concat":
        return concat(pieces(operands, low, width))
    if name == "comb.extract":  # a select of a select: one select
        return slice_of(operands[0], ir.IntegerAttr(operation.attributes["lowBit"]).value + low, width)
    if name == "hw.bitcast":
        return concat(pieces(_elements(operation), low, width))  # type: ignore[arg-type]
    if name == "comb.replicate":
        return concat(pieces([operands[0]] * (bit_width(operation.results[0]) // bit_width(operands[0])), low, width))
    if name == "comb.mux":
        operands = [operands[0]] + [slice_of(v, low, width) for v in operands[1:]]
    else:
        operands = [slice_of(v, low, width) for v in operands]
    return create(name, width, operands, _attributes(operation))


def _elements(operation: ir.Operation) -> list[ir.Value] | None:
    """The integer elements or fields (most significant first) of a cast of an array or struct built from them.

    ``hw.array_create`` takes the highest index first and a struct's first field is its most significant:
    the bits of either, cast to an integer, are the concatenation of its operands.
    """
    if operation.name != "hw.bitcast":
        return None
    source = defining(operation.operands[0])
    if source is None or source.name not in ("hw.array_create", "hw.struct_create"):
        return None
    elements = list(source.operands)
    return elements if all(isinstance(e.type, ir.IntegerType) for e in elements) else None


PARTS = ("hw.struct_extract", "hw.array_get")
READERS = ("comb.extract", *PARTS)
"""The selects the pass starts from."""
"""Readers of a part of a struct or array (a field, an element)."""


def _readers(value: ir.Value) -> list[ir.Operation] | None:
    """The bit selects (of a struct or array: the field and constant-index element reads) reading ``value``;
    None when something reads it whole."""
    readers = []
    selects = ("comb.extract",) if isinstance(value.type, ir.IntegerType) else PARTS
    for use in value.uses:
        reader = use.owner.operation
        if reader.name not in selects or use.operand_number != 0:
            return None
        readers.append(reader)
    return readers


def _span(reader: ir.Operation) -> tuple[int, int] | None:
    """``(low, width)`` of a ``comb.extract``, field or element read (None: an element a signal chooses)."""
    if reader.name == "comb.extract":
        return ir.IntegerAttr(reader.attributes["lowBit"]).value, bit_width(reader.results[0])
    found = part_range(reader.operands[0].type, reader)
    return None if found is None else (found[0], hw.get_bitwidth(found[1]))


def _read_bits(readers: list[ir.Operation]) -> set[int] | None:
    """The bits the readers read; None if one of them may read any (a signal index)."""
    read: set[int] = set()
    for reader in readers:
        span = _span(reader)
        if span is None:
            return None
        read.update(range(span[0], span[0] + span[1]))
    return read


def _replace(reader: ir.Operation, value: ir.Value) -> None:
    reader.results[0].replace_all_uses_with(value)
    reader.erase()


def _attributes(operation: ir.Operation) -> dict[str, ir.Attribute]:
    """The op's attributes (``sv.namehint``, ``twoState``), for the op that replaces it."""
    return {name: operation.attributes[name] for name in operation.attributes}


def _push(operation: ir.Operation, readers: list[ir.Operation]) -> None:
    """Give each select the op over the selected bits of the operands; the op goes."""
    for reader in readers:
        low, width = _span(reader)  # type: ignore[misc]  # (a comb.extract)
        with reader.location, ir.InsertionPoint(reader):
            _replace(reader, _pushed(operation, low, width))
    erase_with_unread_producers(operation)


def _narrow(operation: ir.Operation, readers: list[ir.Operation], width: int) -> None:
    """Recompute the op on the low ``width`` bits of its operands; the selects read the narrow result."""
    with operation.location, ir.InsertionPoint(operation):
        operands = [slice_of(v, 0, width) for v in operation.operands]
        narrow = create(operation.name, width, operands, _attributes(operation))
    for reader in readers:
        low, bits = _span(reader)  # type: ignore[misc]  # (a comb.extract)
        with reader.location, ir.InsertionPoint(reader):
            _replace(reader, slice_of(narrow, low, bits))
    erase_with_unread_producers(operation)


def _hint(operation: ir.Operation) -> str:
    """The name ExportVerilog would give the op's wire: its hint, a parameter's name, or ``_<op>``.

    CIRCT does not verify ``sv.namehint``, so a hint that is not a string counts as no hint.
    """
    hint = operation.attributes["sv.namehint"] if "sv.namehint" in operation.attributes else None
    if isinstance(hint, ir.StringAttr):
        return hint.value
    value = operation.attributes["value"] if operation.name == "hw.param.value" else None
    if value is not None and hw.ParamDeclRefAttr.isinstance(value):
        return str(hw.ParamDeclRefAttr(value).name)
    return "_" + operation.name.split(".", 1)[1].replace(".", "_")


def _name(operation: ir.Operation) -> bool:
    """Name it ``<hint>_partly_unused`` (``_<op>_partly_unused`` without a hint); False if it already is."""
    hint = _hint(operation)
    if hint.endswith(SUFFIX):
        return False
    operation.attributes["sv.namehint"] = ir.StringAttr.get(hint + SUFFIX)
    return True


MOVED, NAMED, KEPT = "moved", "named", ""


def _rewrite(operation: ir.Operation) -> str:
    """Push, narrow (MOVED) or name (NAMED) ``operation`` if only selects read it and some bits go unread."""
    value = operation.results[0]
    readers = _readers(value)
    read = _read_bits(readers) if readers else None
    if readers is None or read is None or len(read) == hw.get_bitwidth(value.type):
        return KEPT
    if not isinstance(value.type, ir.IntegerType):  # a struct or array a mux chose
        return NAMED if _name(operation) else KEPT
    if operation.name in PUSHED or _elements(operation) is not None:
        _push(operation, readers)
        return MOVED
    if operation.name in LOW_BITS and max(read) + 1 < bit_width(value):
        _narrow(operation, readers, max(read) + 1)
        return MOVED
    return NAMED if _name(operation) else KEPT


def _producers(root: ir.Operation) -> tuple[list[ir.Operation], list[ir.Operation]]:
    """The comb ops (other than selects) and SPILLED ops that some select reads, and the muxes of a struct or
    array that some field or element read reads, each once; and every ``hw.array_get`` (the same walk)."""
    producers: dict[ir.Operation, None] = {}
    elements: list[ir.Operation] = []
    for reader in collect_held(root, READERS):
        if reader.name == "hw.array_get":
            elements.append(reader)
        producer = defining(reader.operands[0])
        if producer is None:
            continue
        if reader.name == "comb.extract":
            if (producer.name.startswith("comb.") or producer.name in SPILLED) \
                    and isinstance(producer.results[0].type, ir.IntegerType):
                producers[producer] = None
        elif producer.name == "comb.mux":
            producers[producer] = None
    return list(producers), elements


@loom_pass("narrow-partly-read-values", kind=PassKind.DESIGN,
           summary="Push bit selects into and/or/xor/mux/concat, narrow add/sub/mul to the bits read, name the"
                   " rest `*_partly_unused` (no partly read ExportVerilog temporaries: verilator -Wall clean)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Push, narrow or name every comb result that only selects read and that has unread bits."""
    del options
    if idle(root, "narrow-partly-read-values"):
        return False
    changed = False
    # A push or a narrowing makes new selects of the operands: another round looks at those (a few rounds:
    # each one moves the selects one op nearer the leaves).
    while True:
        producers, elements = _producers(root)
        outcomes = {_rewrite(op) for op in producers}
        last_changed = bool(outcomes - {KEPT})
        changed = changed or last_changed
        if MOVED not in outcomes:
            break
    # A select pushed onto an element chosen by a signal index reads `g[i][1:0]`, which Icarus cannot
    # elaborate; lower-data-types selected such parts first, before these pushes made new ones. (The last
    # walk found the elements, unless its round changed something.)
    for element in collect(root, ["hw.array_get"]) if last_changed else elements:
        changed = select_parts_first(element) or changed
    return None if changed else False
