"""``write-comb-variables-once``: an ``always_comb`` writes each variable others read once per run.

The usual way to write combinational logic assigns a variable a default and then
overrides it (``t = a; if (c) t = b;``), so one run of the block may change the
variable several times. Every simulator must let the final value win, and
Verilator does; Icarus Verilog (loom's default simulator, version 11) can wake
other processes on the intermediate values and, in some designs, never finishes
the time step (found by the random designs: about 1 in 300 hung; the smallest
design that still hangs needs several such blocks across instances, and no
single construct of it is at fault). A block whose variables change once per
run cannot do that.

So for every variable an ``always_comb`` can assign more than once in one run
(some bit of it, counting along the paths through its ``if``/``case`` branches) and that something
outside the block reads, the block works on a copy declared next to it, ``<name>_comb``, and assigns the
variable once, at its end::

    logic [3:0] t_comb;
    always_comb begin
      t_comb = a;
      if (c)
        t_comb[1 +: 1] = b;
      t = t_comb;
    end

The behaviour is the same: the copy holds the variable's value from the
previous run until the block writes it, as the variable did, and reads inside
the block read the copy. A variable assigned at most once per run is left as
it is, so single assignments keep their text, and so is one only the block uses
(a hardware function's local variable).

Integers and packed aggregates (structs, packed arrays, nested either way) are handled alike: a write
through a field, a constant element index or a constant part select counts for the bits that part
occupies, a write through a signal index for every bit of the part it indexes into (it may write any
element). Icarus hangs on struct fields and packed array elements written twice just as on integer bits
(random designs 197, 310, 388, 1230, 1913).

So it does on unpacked array elements (random designs 10205, 10707: a block writing every element, then
some again by constant and signal indices, another block reading the array, two instances in a chain;
Icarus re-ran the blocks forever while what they read stayed put, and Verilator settles on the same
text). Their elements count like a packed array's (element 0 lowest), and the copy is assigned back one
element at a time (``t[2'h0] = t_comb[2'h0];`` ...), since Icarus cannot assign an unpacked array whole.
Only an array the block may write every element of gets a copy: another process may write the elements
a block leaves alone (``assign g[1] = ...``), and the copy would drive those too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from circt import ir
from circt.dialects import hw, sv

from ..dialect.constants import constant_value, create_constant
from ..dialect.type_scope import canonical, unpacked_size
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect_held, idle
from .stage import needs_lowered_ir

VARIABLES = ("sv.logic", "sv.reg")
BLOCKS = ("sv.alwayscomb",)
"""The blocks the pass looks into (``idle`` asks whether the design holds one, and keeps the ones it found)."""
SELECTS = ("sv.indexed_part_select_inout", "sv.array_index_inout", "sv.struct_field_inout")
"""Ops that name part of a variable; an assignment to one writes the variable they start from."""

SUFFIX = "_comb"


Writes = dict[ir.Operation, list[int]]
"""For each variable, the most assignments one run can make to each of its bits."""


def _packed(type_: ir.Type) -> bool:
    """Whether ``type_`` is an integer or a packed aggregate (assigned whole in one statement)."""
    type_ = canonical(type_)
    if hw.StructType.isinstance(type_):
        return all(_packed(field) for _, field in hw.StructType(type_).get_fields())
    if hw.ArrayType.isinstance(type_):
        return _packed(hw.ArrayType(type_).element_type)
    return isinstance(type_, ir.IntegerType)


def _counted(type_: ir.Type) -> bool:
    """Whether the writes to a variable of ``type_`` are counted: a packed value, or an unpacked array (of
    unpacked arrays) of them, which has a bit width too."""
    return _packed(type_) or (unpacked_size(type_) is not None and hw.get_bitwidth(type_) > 0)


def _bits(variable: ir.Operation) -> int:
    """The bits of a variable, an unpacked array's elements laid end to end (element 0 lowest); 0 for one
    whose writes are not counted (see the docstring)."""
    element = hw.InOutType(variable.results[0].type).element_type
    return hw.get_bitwidth(element) if _counted(element) else 0


def _part(select: ir.Operation, whole: ir.Type) -> tuple[int, int] | None:
    """The lowest bit and the width, within a value of type ``whole``, of the part ``select`` names
    (None: it depends on a signal, so any part of ``whole`` may be meant)."""
    whole = canonical(whole)
    if select.name == "sv.struct_field_inout":
        fields = hw.StructType(whole).get_fields()
        field = [name for name, _ in fields].index(ir.StringAttr(select.attributes["field"]).value)
        return sum(hw.get_bitwidth(t) for _, t in fields[field + 1:]), hw.get_bitwidth(fields[field][1])
    index = constant_value(select.operands[1])
    if index is None:
        return None
    if select.name == "sv.array_index_inout":
        size = unpacked_size(whole)
        width = hw.get_bitwidth(whole) // size if size else hw.get_bitwidth(hw.ArrayType(whole).element_type)
        return index * width, width
    width = ir.IntegerAttr(select.attributes["width"]).value  # sv.indexed_part_select_inout
    return (index - width + 1 if "decrement" in select.attributes else index), width


def _written(destination: ir.Value) -> tuple[ir.Operation, range] | None:
    """The variable an assignment to ``destination`` writes and which of its bits may change.

    Walks the selects from the variable down: each known part narrows the range; a part chosen by a signal
    keeps the range of the value it indexes into (any of its parts may be written).
    """
    selects: list[ir.Operation] = []
    producer = destination.owner.operation if isinstance(destination, ir.OpResult) else None
    while producer is not None and producer.name in SELECTS:
        selects.append(producer)
        destination = producer.operands[0]
        producer = destination.owner.operation if isinstance(destination, ir.OpResult) else None
    if producer is None or producer.name not in VARIABLES or not _bits(producer):
        return None
    low, width = 0, _bits(producer)
    for select in reversed(selects):
        part = _part(select, hw.InOutType(select.operands[0].type).element_type)
        if part is None:
            break
        low, width = low + part[0], part[1]
    return producer, range(max(low, 0), min(low + width, _bits(producer)))  # a part past the end writes nothing


def _add_scaled(a: int, b: int, factor: int) -> int:
    return a + b * factor


def _combine(total: Writes, more: Writes, combine: Callable[[int, int], int]) -> None:
    for variable, counts in more.items():
        known = total.setdefault(variable, [0] * len(counts))
        total[variable] = [combine(a, b) for a, b in zip(known, counts, strict=True)]


def _writes(block: ir.Block) -> Writes:
    """For each variable, the most assignments one pass through ``block`` can make to each of its bits."""
    total: Writes = {}
    for op in block.operations:
        op = op.operation
        if op.name == "sv.bpassign":
            written = _written(op.operands[0])
            if written is not None:
                variable, bits = written
                counts = [0] * _bits(variable)
                for bit in bits:
                    counts[bit] = 1
                _combine(total, {variable: counts}, lambda a, b: a + b)
            continue
        branches = [_writes(region.blocks[0]) for region in op.regions if len(region.blocks)]
        if len(op.regions) > 1:  # alternatives (if/else, case arms, ifdef): one of them runs
            chosen: Writes = {}
            for branch in branches:
                _combine(chosen, branch, max)
            _combine(total, chosen, lambda a, b: a + b)
        else:  # a nested body runs as part of the sequence (a loop may run it several times)
            factor = 2 if op.name == "sv.for" else 1
            for branch in branches:
                _combine(total, branch, partial(_add_scaled, factor=factor))
    return total


def _inside(operation: ir.Operation, container: ir.Operation) -> bool:
    while True:
        parent = operation.parent
        if parent is None:
            return False
        operation = parent.operation
        if operation == container:
            return True


def _read_outside(variable: ir.Operation, block_op: ir.Operation) -> bool:
    """Whether anything outside ``block_op`` uses ``variable`` (one only the block uses is its own business)."""
    return any(not _inside(use.owner.operation, block_op) for use in variable.results[0].uses)


def _name(variable: ir.Operation) -> str:
    return ir.StringAttr(variable.attributes["name"]).value if "name" in variable.attributes else ""


def write_once(block_op: ir.Operation, variable: ir.Operation) -> None:
    """Make ``block_op`` work on a ``<name>_comb`` copy of ``variable`` and assign ``variable`` once at its end."""
    value = variable.results[0]
    with variable.location, ir.InsertionPoint(block_op):
        copy = ir.Operation.create(variable.name, results=[value.type],
                                   attributes={"name": ir.StringAttr.get(_name(variable) + SUFFIX)}).results[0]
    for use in list(value.uses):
        owner = use.owner.operation
        if _inside(owner, block_op):
            owner.operands[use.operand_number] = copy
    with block_op.location, ir.InsertionPoint(block_op.regions[0].blocks[0]):
        _assign(value, copy)


def _assign(destination: ir.Value, source: ir.Value) -> None:
    """``destination = source;`` at the insertion point; an unpacked array element by element (Icarus 11
    cannot assign one whole)."""
    size = unpacked_size(hw.InOutType(destination.type).element_type)
    if size is None:
        final = ir.Operation.create("sv.read_inout", results=[hw.InOutType(source.type).element_type],
                                    operands=[source]).results[0]
        ir.Operation.create("sv.bpassign", operands=[destination, final])
        return
    index_type = ir.IntegerType.get_signless(max(1, (size - 1).bit_length()))
    for position in range(size):
        index = create_constant(index_type, position).results[0]
        _assign(sv.ArrayIndexInOutOp(destination, index).result, sv.ArrayIndexInOutOp(source, index).result)


def _needs_copy(variable: ir.Operation, counts: list[int], block_op: ir.Operation) -> bool:
    """Whether ``block_op`` may write some bit of ``variable`` twice in a run, and something else reads it.

    An unpacked array also needs every element written by the block (along some path): else other
    processes may write the rest (``assign g[1] = ...``), and the copy, assigned back whole, would drive
    those too."""
    if max(counts) < 2 or _inside(variable, block_op) or not _read_outside(variable, block_op):
        return False
    return min(counts) > 0 or unpacked_size(hw.InOutType(variable.results[0].type).element_type) is None


@loom_pass("write-comb-variables-once", kind=PassKind.DESIGN,
           summary="Give each variable an always_comb may assign twice in a run a `<name>_comb` working copy,"
                   " assigned to the variable once at the block's end (Icarus Verilog)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Give every variable an ``always_comb`` may assign twice in a run a ``<name>_comb`` working copy."""
    del options
    if idle(root, "write-comb-variables-once"):
        return False
    changed = False
    for block_op in collect_held(root, BLOCKS):
        block_op = block_op.operation
        for variable, counts in _writes(block_op.regions[0].blocks[0]).items():
            if _needs_copy(variable, counts, block_op):
                write_once(block_op, variable)
                changed = True
    return None if changed else False
