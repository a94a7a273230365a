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

So for every integer variable an ``always_comb`` can assign more than once in one run
(some bit of it, counting along the paths through its ``if``/``case`` branches) and that something
outside the block reads, the block works
on a copy declared next to it, ``<name>_comb``, and assigns the variable once,
at its end::

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
(a hardware function's local variable). Structs and arrays are left alone too:
Icarus cannot assign an unpacked array whole.
"""

from __future__ import annotations

from typing import Callable

from circt import ir
from circt.dialects import hw

from ..dialect.constants import constant_value
from .rewrites.common import collect
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_lowered_ir

VARIABLES = ("sv.logic", "sv.reg")
SELECTS = ("sv.indexed_part_select_inout", "sv.array_index_inout", "sv.struct_field_inout")
"""Ops that name part of a variable; an assignment to one writes the variable they start from."""

SUFFIX = "_comb"


Writes = dict[ir.Operation, list[int]]
"""For each integer variable, the most assignments one run can make to each of its bits."""


def _bits(variable: ir.Operation) -> int:
    """The width of an integer variable; 0 for a struct or array (left as it is: Icarus cannot assign an
    unpacked array whole)."""
    element = hw.InOutType(variable.results[0].type).element_type
    return ir.IntegerType(element).width if isinstance(element, ir.IntegerType) else 0


def _written(destination: ir.Value) -> tuple[ir.Operation, range | None] | None:
    """The variable an assignment to ``destination`` writes and which of its bits (None: all or unknown)."""
    bits: range | None = None
    producer = destination.owner.operation if isinstance(destination, ir.OpResult) else None
    if producer is not None and producer.name == "sv.indexed_part_select_inout" \
            and "decrement" not in producer.attributes:
        base = constant_value(producer.operands[1])
        width = ir.IntegerAttr(producer.attributes["width"]).value
        bits = range(base, base + width) if base is not None else None
    while producer is not None and producer.name in SELECTS:
        destination = producer.operands[0]
        producer = destination.owner.operation if isinstance(destination, ir.OpResult) else None
        bits = None if producer is not None and producer.name in SELECTS else bits
    if producer is not None and producer.name in VARIABLES and _bits(producer):
        return producer, bits
    return None


def _combine(total: Writes, more: Writes, combine: Callable[[int, int], int]) -> None:
    for variable, counts in more.items():
        known = total.setdefault(variable, [0] * len(counts))
        total[variable] = [combine(a, b) for a, b in zip(known, counts)]


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
                for bit in bits if bits is not None else range(len(counts)):
                    counts[min(bit, len(counts) - 1)] = 1
                _combine(total, {variable: counts}, lambda a, b: a + b)
            continue
        branches = [_writes(region.blocks[0]) for region in op.regions if len(region.blocks)]
        if len(op.regions) > 1:  # alternatives (if/else, case arms, ifdef): one of them runs
            chosen: Writes = {}
            for branch in branches:
                _combine(chosen, branch, max)
            _combine(total, chosen, lambda a, b: a + b)
        else:  # a nested body runs as part of the sequence (a loop may run it several times)
            for branch in branches:
                _combine(total, branch, lambda a, b: a + b * (2 if op.name == "sv.for" else 1))
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
    body = block_op.regions[0].blocks[0]
    with block_op.location, ir.InsertionPoint(body):
        final = ir.Operation.create("sv.read_inout", results=[hw.InOutType(value.type).element_type],
                                    operands=[copy]).results[0]
        ir.Operation.create("sv.bpassign", operands=[value, final])


@loom_pass("write-comb-variables-once", kind=PassKind.DESIGN,
           summary="Give each variable an always_comb may assign twice in a run a `<name>_comb` working copy,"
                   " assigned to the variable once at the block's end (Icarus Verilog)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Give every variable an ``always_comb`` may assign twice in a run a ``<name>_comb`` working copy."""
    del options
    changed = False
    for block_op in collect(root, ["sv.alwayscomb"]):
        block_op = block_op.operation
        for variable, counts in _writes(block_op.regions[0].blocks[0]).items():
            if max(counts) > 1 and not _inside(variable, block_op) and _read_outside(variable, block_op):
                write_once(block_op, variable)
                changed = True
    return None if changed else False
