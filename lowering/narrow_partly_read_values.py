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
   ``concat`` and ``replicate``. ``(a & b)[5:2]`` becomes ``a[5:2] & b[5:2]``,
   a slice of a concatenation becomes the slices of its pieces. Each reader
   gets exactly the bits it reads; nothing partly read is left.
2. **narrows** ``add``, ``sub`` and ``mul`` to the bits up to the highest one
   read: the low ``n`` bits of a sum, difference or product depend only on the
   low ``n`` bits of the operands, so ``(a + b)[5:0]`` of 16-bit values is a
   6-bit addition.
3. **names what is still read in part** ``<hint>_partly_unused``: the bits
   below the lowest read bit of a sum (its carries), the low bits of a product,
   shifts, divisions. Those bits are needed to compute the read ones, so the
   wire is not dead logic; Verilator's default ``--unused-regexp`` is
   ``*unused*``, which exempts the wire from UNUSEDSIGNAL by Verilator's own
   convention (the same one ``reference-unused-parameters`` and
   ``name-unused-instance-outputs`` use). The name tells a reader why the wire
   is there. Steps 1 and 2 come first because they remove the wire instead of
   hiding it: what is computed is what is read.

The pass runs at the end of the CIRCT clean-up (after ``canonicalize``, which
would undo nothing here but could create new partial reads), and builds its
slices already folded (a slice of a constant is a constant, of a slice one
slice, of a concatenation its pieces), so no canonicalize is needed after it.
A new slice of another comb result is checked in turn.
"""

from __future__ import annotations

from collections.abc import Sequence

from circt import ir

from ..dialect.constants import constant_value, create_constant
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect
from .stage import needs_lowered_ir

BITWISE = ("comb.and", "comb.or", "comb.xor")
"""Each result bit is the same function of the same bit of every operand."""

LOW_BITS = ("comb.add", "comb.sub", "comb.mul")
"""The low ``n`` result bits depend only on the low ``n`` bits of the operands."""

SUFFIX = "_partly_unused"


def _width(value: ir.Value) -> int:
    return ir.IntegerType(value.type).width


def _int_type(width: int) -> ir.IntegerType:
    return ir.IntegerType.get_signless(width)


def _defining(value: ir.Value) -> ir.Operation | None:
    return value.owner.operation if isinstance(value, ir.OpResult) else None


def _create(name: str, width: int, operands: Sequence[ir.Value], attributes: dict[str, ir.Attribute]) -> ir.Value:
    return ir.Operation.create(name, results=[_int_type(width)], operands=list(operands),
                               attributes=attributes).results[0]


def _concat(parts: list[ir.Value]) -> ir.Value:
    """``parts`` (most significant first) as one value; a single part is itself."""
    if len(parts) == 1:
        return parts[0]
    return _create("comb.concat", sum(_width(p) for p in parts), parts, {})


def slice_of(value: ir.Value, low: int, width: int) -> ir.Value:
    """Bits ``[low, low + width)`` of ``value``, folded as canonicalize would (at the insertion point)."""
    if low == 0 and width == _width(value):
        return value
    known = constant_value(value)
    if known is not None:
        return create_constant(_int_type(width), known >> low).results[0]
    producer = _defining(value)
    if producer is not None and producer.name == "comb.extract":
        inner_low = ir.IntegerAttr(producer.attributes["lowBit"]).value
        return slice_of(producer.operands[0], inner_low + low, width)
    if producer is not None and producer.name == "comb.concat":
        return _concat(_pieces(list(producer.operands), low, width))
    return _create("comb.extract", width, [value], {"lowBit": ir.IntegerAttr.get(_int_type(32), low)})


def _pieces(parts: list[ir.Value], low: int, width: int) -> list[ir.Value]:
    """The slices of the concatenation of ``parts`` (most significant first) that make up ``[low, low+width)``."""
    pieces: list[ir.Value] = []
    top = sum(_width(p) for p in parts)
    for part in parts:
        part_low = top - _width(part)
        start, end = max(low, part_low), min(low + width, top)
        if start < end:
            pieces.append(slice_of(part, start - part_low, end - start))
        top = part_low
    return pieces


def _pushed(operation: ir.Operation, low: int, width: int) -> ir.Value:
    """Bits ``[low, low + width)`` of the result of a bitwise op, mux, concat or replicate, from its operands."""
    name = operation.name
    operands = list(operation.operands)
    if name == "comb.concat":
        return _concat(_pieces(operands, low, width))
    if name == "comb.replicate":
        return _concat(_pieces([operands[0]] * (_width(operation.results[0]) // _width(operands[0])), low, width))
    if name == "comb.mux":
        operands = [operands[0]] + [slice_of(v, low, width) for v in operands[1:]]
    else:
        operands = [slice_of(v, low, width) for v in operands]
    return _create(name, width, operands, _attributes(operation))


def _readers(value: ir.Value) -> list[ir.Operation] | None:
    """The bit selects reading ``value``; None when something reads it whole."""
    readers = []
    for use in value.uses:
        reader = use.owner.operation
        if reader.name != "comb.extract":
            return None
        readers.append(reader)
    return readers


def _span(reader: ir.Operation) -> tuple[int, int]:
    """``(low, width)`` of a ``comb.extract``."""
    return ir.IntegerAttr(reader.attributes["lowBit"]).value, _width(reader.results[0])


def _read_bits(readers: list[ir.Operation]) -> set[int]:
    return {bit for reader in readers for low, width in [_span(reader)] for bit in range(low, low + width)}


def _replace(reader: ir.Operation, value: ir.Value) -> None:
    reader.results[0].replace_all_uses_with(value)
    reader.erase()


def _attributes(operation: ir.Operation) -> dict[str, ir.Attribute]:
    """The op's attributes (``sv.namehint``, ``twoState``), for the op that replaces it."""
    return {name: operation.attributes[name] for name in operation.attributes}


def _erase(operation: ir.Operation) -> None:
    """Erase the unread ``operation``, then the comb ops only it read (a concatenation a mux chose from)."""
    operands: list[ir.Value] = []
    for operand in operation.operands:  # once each: a second look at an erased producer's result would crash
        if all(operand != seen for seen in operands):
            operands.append(operand)
    operation.erase()
    for operand in operands:
        producer = _defining(operand)
        if producer is not None and producer.name.startswith("comb.") and next(iter(operand.uses), None) is None:
            _erase(producer)


def _push(operation: ir.Operation, readers: list[ir.Operation]) -> None:
    """Give each select the op over the selected bits of the operands; the op goes."""
    for reader in readers:
        low, width = _span(reader)
        with reader.location, ir.InsertionPoint(reader):
            _replace(reader, _pushed(operation, low, width))
    _erase(operation)


def _narrow(operation: ir.Operation, readers: list[ir.Operation], width: int) -> None:
    """Recompute the op on the low ``width`` bits of its operands; the selects read the narrow result."""
    with operation.location, ir.InsertionPoint(operation):
        operands = [slice_of(v, 0, width) for v in operation.operands]
        narrow = _create(operation.name, width, operands, _attributes(operation))
    for reader in readers:
        low, bits = _span(reader)
        with reader.location, ir.InsertionPoint(reader):
            _replace(reader, slice_of(narrow, low, bits))
    _erase(operation)


def _name(operation: ir.Operation) -> bool:
    """Name it ``<hint>_partly_unused`` (``_<op>_partly_unused`` without a usable hint); False if it already is.

    CIRCT does not verify ``sv.namehint``, so a hint that is not a string is treated as no hint.
    """
    attr = operation.attributes["sv.namehint"] if "sv.namehint" in operation.attributes else None
    hint = attr.value if isinstance(attr, ir.StringAttr) else "_" + operation.name.removeprefix("comb.")
    if hint.endswith(SUFFIX):
        return False
    operation.attributes["sv.namehint"] = ir.StringAttr.get(hint + SUFFIX)
    return True


MOVED, NAMED, KEPT = "moved", "named", ""


def _rewrite(operation: ir.Operation) -> str:
    """Push, narrow (MOVED) or name (NAMED) ``operation`` if only selects read it and some bits go unread."""
    value = operation.results[0]
    readers = _readers(value)
    if not readers:
        return KEPT
    read = _read_bits(readers)
    if len(read) == _width(value):
        return KEPT
    if operation.name in BITWISE or operation.name in ("comb.mux", "comb.concat", "comb.replicate"):
        _push(operation, readers)
        return MOVED
    if operation.name in LOW_BITS and max(read) + 1 < _width(value):
        _narrow(operation, readers, max(read) + 1)
        return MOVED
    return NAMED if _name(operation) else KEPT


def _producers(root: ir.Operation) -> list[ir.Operation]:
    """The comb ops (other than selects) that some select reads, each once."""
    producers: dict[ir.Operation, None] = {}
    for reader in collect(root, ["comb.extract"]):
        producer = _defining(reader.operands[0])
        if producer is not None and producer.name.startswith("comb.") and producer.name != "comb.extract" \
                and isinstance(producer.results[0].type, ir.IntegerType):
            producers[producer] = None
    return list(producers)


@loom_pass("narrow-partly-read-values", kind=PassKind.DESIGN,
           summary="Push bit selects into and/or/xor/mux/concat, narrow add/sub/mul to the bits read, name the"
                   " rest `*_partly_unused` (no partly read ExportVerilog temporaries: verilator -Wall clean)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Push, narrow or name every comb result that only selects read and that has unread bits."""
    del options
    changed = False
    # A push or a narrowing makes new selects of the operands: another round looks at those (a few rounds:
    # each one moves the selects one op nearer the leaves).
    while True:
        outcomes = {_rewrite(op) for op in _producers(root)}
        changed = changed or outcomes != {KEPT}
        if MOVED not in outcomes:
            return None if changed else False
