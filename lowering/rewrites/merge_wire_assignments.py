"""``merge-wire-assignments``: merge assignments to adjacent slices of a variable into one.

kratos merges a generator's slice-by-slice assignments ``a[i] = b[i]`` into
``a = b``. Its rule only counts the assignments between two variables (as
many as ``a`` has bits) and never compares the indices, so a bit reversal
``a[i] = b[7 - i]`` silently became the copy ``a = b``. loom merges by
position:

- Assignments to constant slices of one variable (``sv.assign`` of an
  ``sv.indexed_part_select_inout`` at module level; consecutive
  ``sv.bpassign``/``sv.passign`` of the same kind inside a procedural block)
  whose slices are adjacent become one assignment of the concatenation of
  their values to the combined slice, or to the whole variable when they
  cover it. Overlapping slices (several drivers of one bit) are left alone
  for the checks to report. Inside a block a group is merged only when no
  value it assigns reads the variable itself, which would see a different
  (earlier) value once the assignments run as one.
- A concatenation of adjacent slices of one value, in order
  (``{b[7:4], b[3:0]}``), becomes one slice, and a slice that covers the whole
  value becomes the value. This is what ``a = b`` is left with, and what the
  structural form (``hw.wire`` of a concatenation) needs; CIRCT's
  ``canonicalize`` does the same to ``comb.concat`` later in the pipeline.

A slice keeps its position, so ``{b[0], b[1], ..., b[7]}`` (a reversal) is
merged into nothing shorter and stays a reversal. The merged assignment
carries the fused locations of the assignments it replaces.

Pattern rewrites (on ``comb.concat``, on variables for module-level
assignments, on blocks and branches for procedural ones) applied by MLIR's
greedy driver to a fixpoint.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles a field's annotation given as a string,
# 30-40 us a field at import, every run (docs/architecture.md, "Start-up").
from itertools import pairwise
from typing import NamedTuple

from circt import ir, rewrite
from circt.dialects import hw

from ...dialect.opkinds import BRANCHES, GUARDS, MODULES, PROCEDURAL_ASSIGNS, PROCEDURAL_BLOCKS, VARIABLES
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import CONTINUOUS_ASSIGN, PatternFn, apply_greedily, constant_value, defining_op, idle, is_pure, parent_op

_PART_SELECT = "sv.indexed_part_select_inout"


class _Piece(NamedTuple):
    """An assignment of ``value`` to bits ``[low + width - 1 : low]`` of ``target``."""

    assign: ir.Operation
    target: ir.Value
    select: ir.Operation
    low: int
    width: int
    value: ir.Value


def _piece(assign: ir.Operation) -> _Piece | None:
    select = defining_op(assign.operands[0])
    if select is None or select.name != _PART_SELECT:
        return None
    base = constant_value(select.operands[1])
    if base is None:
        return None
    width = ir.IntegerAttr(select.attributes["width"]).value
    low = base - width + 1 if "decrement" in select.attributes else base
    return _Piece(assign, select.operands[0], select, low, width, assign.operands[1])


def _target_width(target: ir.Value) -> int | None:
    element = hw.InOutType(target.type).element_type
    return element.width if isinstance(element, ir.IntegerType) else None


def _runs(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Maximal runs of adjacent slices (two or more); nothing when any slices overlap."""
    ordered = sorted(pieces, key=lambda p: p.low)
    for lower, upper in pairwise(ordered):
        if upper.low < lower.low + lower.width:
            return []
    runs: list[list[_Piece]] = [[ordered[0]]] if ordered else []
    for piece in ordered[1:]:
        last = runs[-1][-1]
        if piece.low == last.low + last.width:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [run for run in runs if len(run) > 1]


def _create(name: str, result: ir.Type | None, operands: list[ir.Value], attributes: dict[str, ir.Attribute],
            before: ir.Operation) -> ir.Operation:
    return ir.Operation.create(name, results=[result] if result is not None else [], operands=operands,
                               attributes=attributes, ip=ir.InsertionPoint(before))


def _merge_run(run: list[_Piece], before: ir.Operation, rewriter: rewrite.PatternRewriter) -> None:
    """Replace the assignments of ``run`` by one, created before ``before``."""
    target, low = run[0].target, run[0].low
    width = sum(piece.width for piece in run)
    with ir.Location.fused([piece.assign.location for piece in run]):
        values = [piece.value for piece in reversed(run)]  # comb.concat lists the most significant first
        value = _create("comb.concat", ir.IntegerType.get_signless(width), values, {}, before).results[0]
        destination = target
        if not (low == 0 and width == _target_width(target)):
            base_type = run[0].select.operands[1].type
            base = _create("hw.constant", base_type, [], {"value": ir.IntegerAttr.get(base_type, low)}, before)
            width_attr = ir.IntegerAttr.get(ir.IntegerType.get_signless(32), width)
            destination = _create(_PART_SELECT, hw.InOutType.get(ir.IntegerType.get_signless(width)),
                                  [target, base.results[0]], {"width": width_attr}, before).results[0]
        _create(run[0].assign.name, None, [destination, value], {}, before)
    for piece in run:
        rewriter.erase_op(piece.assign)


def _merge_module_assignments(var: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    """Module-level ``sv.assign``s to slices of ``var`` (continuous: their order does not matter)."""
    pieces = []
    for use in var.results[0].uses:
        select = use.owner.operation
        if select.name != _PART_SELECT or use.operand_number != 0:
            continue
        for select_use in select.results[0].uses:
            assign = select_use.owner.operation
            parent = parent_op(assign)
            if assign.name == CONTINUOUS_ASSIGN and select_use.operand_number == 0 and parent is not None \
                    and parent.name in MODULES:
                piece = _piece(assign)
                if piece is not None:
                    pieces.append(piece)
    runs = _runs(pieces)
    for run in runs:
        _merge_run(run, run[0].assign, rewriter)
    return bool(runs)


def _reads(value: ir.Value, target: ir.Value, limit: int = 64) -> bool:
    """Whether ``value`` is computed (through pure ops) from a read of ``target``; True when unsure."""
    stack, seen = [value], 0
    while stack:
        producer = defining_op(stack.pop())
        if producer is None:
            continue
        seen += 1
        if seen > limit or not is_pure(producer):
            return seen > limit
        if producer.name == "sv.read_inout" and producer.operands[0] == target:
            return True
        stack.extend(producer.operands)
    return False


def _groups(block: ir.Block) -> list[list[_Piece]]:
    """Consecutive same-kind assignments to slices of one variable (pure ops in between are fine)."""
    groups: list[list[_Piece]] = []
    current: list[_Piece] = []
    for op in block.operations:
        operation = op.operation
        if is_pure(operation):
            continue
        piece = _piece(operation) if operation.name in PROCEDURAL_ASSIGNS else None
        if piece is not None and current and piece.assign.name == current[0].assign.name \
                and piece.target == current[0].target:
            current.append(piece)
            continue
        if len(current) > 1:
            groups.append(current)
        current = [piece] if piece is not None else []
    if len(current) > 1:
        groups.append(current)
    return groups


def _merge_block_assignments(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    changed = False
    for region in op.regions:
        for block in region.blocks:
            for group in _groups(block):
                if any(_reads(piece.value, piece.target) for piece in group):
                    continue
                for run in _runs(group):
                    # The merged assignment goes where the run's last one was.
                    last = max(run, key=lambda piece: group.index(piece)).assign
                    _merge_run(run, last, rewriter)
                    changed = True
    return changed


def _merge_concat(concat: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    """``{b[7:4], b[3:0]}`` -> ``b[7:0]`` -> ``b``; slices out of order (a reversal) stay."""
    parts: list[tuple[ir.Value, int, int] | ir.Value] = []  # (input, low, width) of a slice, or a value
    changed = False
    for operand in concat.operands:
        producer = defining_op(operand)
        if producer is not None and producer.name == "comb.extract":
            low = ir.IntegerAttr(producer.attributes["lowBit"]).value
            width = ir.IntegerType(operand.type).width
            previous = parts[-1] if parts else None
            # Operands run from most to least significant: this slice must sit right below the previous one.
            if isinstance(previous, tuple) and previous[0] == producer.operands[0] and low + width == previous[1]:
                parts[-1] = (previous[0], low, previous[2] + width)
                changed = True
                continue
            parts.append((producer.operands[0], low, width))
        else:
            parts.append(operand)
    if not changed:
        return False
    values = []
    with concat.location:
        for part in parts:
            if not isinstance(part, tuple):
                values.append(part)
            elif part[1] == 0 and isinstance(part[0].type, ir.IntegerType) and part[2] == part[0].type.width:
                values.append(part[0])
            else:
                low_bit = ir.IntegerAttr.get(ir.IntegerType.get_signless(32), part[1])
                values.append(_create("comb.extract", ir.IntegerType.get_signless(part[2]), [part[0]],
                                      {"lowBit": low_bit}, concat).results[0])
        if len(values) == 1:
            rewriter.replace_op(concat, values)
        else:
            rewriter.replace_op(concat, _create("comb.concat", concat.results[0].type, values, {}, concat))
    return True


def merge_patterns() -> list[tuple[str, PatternFn]]:
    """The pass's patterns by the op each looks at (``builtin_passes.IDLE_WHEN`` names the same ops)."""
    return [("comb.concat", _merge_concat), *((name, _merge_module_assignments) for name in sorted(VARIABLES)),
            *((name, _merge_block_assignments) for name in sorted(PROCEDURAL_BLOCKS | (BRANCHES - GUARDS)))]


@loom_pass("merge-wire-assignments", kind=PassKind.MODULE,
           summary="Merge assignments to adjacent slices of a variable into one (a bit reversal stays one)")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Merge assignments to adjacent slices of a variable into one; a bit reversal stays a reversal."""
    del options
    patterns = merge_patterns()
    with module.context:
        if idle(module, "merge-wire-assignments"):
            return False  # nothing a pattern looks at: skip the greedy driver's walk of the whole IR
        apply_greedily(module, patterns)
    return None
