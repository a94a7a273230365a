"""``fold-constant-comparisons``: no unsigned comparison with a value that is always zero.

``verilator --lint-only -Wall`` folds constants through wires and
concatenations and then reports an unsigned comparison against zero that can
only have one outcome (UNSIGNED "Comparison is constant due to unsigned
arithmetic"): ``0 <= x``, ``x >= 0``, ``x < 0``, ``0 > x``. CIRCT's
``canonicalize`` folds these when the zero is a literal, but not when the zero
comes through a named wire (a ``var``) or out of a comparison whose outcome
the operand widths decide: ``wire [4:0] v1 = {4'h0, {4'h0, b} > 5'h12};``
is always 0, so ``v1 <= x`` is always true. Such designs arise from ordinary
code (a comparison with a constant out of a value's range, then a wider
comparison that canonicalize narrows), so the warning is loom's doing.

This pass computes an unsigned range ``[low, high]`` for the operands of each
unsigned comparison, looking through constants, wires, concatenations,
replications, selects, muxes and the comparisons the ranges decide, and
replaces the four forms above by their constant outcome when the zero side's
range is exactly ``[0, 0]``. Only those forms change, so designs Verilator
does not warn about keep their SystemVerilog.
"""

from __future__ import annotations

from circt import ir

from ..dialect.constants import create_constant
from .rewrites.common import collect
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_lowered_ir

DEPTH = 32
"""How far the range analysis follows operands (beyond that a value may be anything its width allows)."""

Range = tuple[int, int]

ZERO_RIGHT = {"uge": True, "ult": False}
"""Predicates whose outcome is fixed when the right operand is zero (``x >= 0``, ``x < 0``)."""
ZERO_LEFT = {"ule": True, "ugt": False}
"""Predicates whose outcome is fixed when the left operand is zero (``0 <= x``, ``0 > x``)."""

_PREDICATES = {0: "eq", 1: "ne", 6: "ult", 7: "ule", 8: "ugt", 9: "uge"}
"""``comb.icmp`` predicate numbers (CIRCT's ICmpPredicate) of the unsigned comparisons and equality."""


def _width(value: ir.Value) -> int:
    return ir.IntegerType(value.type).width


def _full(value: ir.Value) -> Range:
    return 0, (1 << _width(value)) - 1


def _concat(parts: list[Range], widths: list[int]) -> Range:
    low = high = 0
    for (part_low, part_high), width in zip(parts, widths):
        low, high = (low << width) | part_low, (high << width) | part_high
    return low, high


def _decided(predicate: str, left: Range, right: Range) -> bool | None:
    """The outcome of ``left <predicate> right`` when the ranges fix it."""
    decide = {
        "ult": (left[1] < right[0], left[0] >= right[1]),
        "ule": (left[1] <= right[0], left[0] > right[1]),
        "ugt": (left[0] > right[1], left[1] <= right[0]),
        "uge": (left[0] >= right[1], left[1] < right[0]),
        "eq": (left[0] == left[1] == right[0] == right[1], left[1] < right[0] or right[1] < left[0]),
        "ne": (left[1] < right[0] or right[1] < left[0], left[0] == left[1] == right[0] == right[1]),
    }
    always, never = decide[predicate]
    return True if always else False if never else None


def predicate(operation: ir.Operation) -> str | None:
    """The predicate of a ``comb.icmp`` if it is unsigned or an equality."""
    return _PREDICATES.get(ir.IntegerAttr(operation.attributes["predicate"]).value)


def value_range(value: ir.Value, depth: int = DEPTH) -> Range:
    """Bounds of the unsigned value of ``value`` (see the module docstring for what is looked through)."""
    if depth == 0 or not isinstance(value, ir.OpResult) or not isinstance(value.type, ir.IntegerType):
        return _full(value) if isinstance(value.type, ir.IntegerType) else (0, 0)
    op = value.owner.operation
    operands = list(op.operands)
    if op.name == "hw.constant":
        known = ir.IntegerAttr(op.attributes["value"]).value & ((1 << _width(value)) - 1)
        return known, known
    if op.name == "hw.wire":
        return value_range(operands[0], depth - 1)
    if op.name == "comb.concat":
        return _concat([value_range(v, depth - 1) for v in operands], [_width(v) for v in operands])
    if op.name == "comb.replicate":
        times = _width(value) // _width(operands[0])
        return _concat([value_range(operands[0], depth - 1)] * times, [_width(operands[0])] * times)
    if op.name == "comb.extract":
        low, high = value_range(operands[0], depth - 1)
        shift = ir.IntegerAttr(op.attributes["lowBit"]).value
        mask = (1 << _width(value)) - 1
        return ((low >> shift) & mask,) * 2 if low == high else (0, 0) if high >> shift == 0 else _full(value)
    if op.name == "comb.mux":
        ranges = [value_range(v, depth - 1) for v in operands[1:]]
        return min(r[0] for r in ranges), max(r[1] for r in ranges)
    if op.name == "comb.icmp" and predicate(op) is not None:
        outcome = _decided(predicate(op), value_range(operands[0], depth - 1),  # type: ignore[arg-type]
                           value_range(operands[1], depth - 1))
        return (0, 1) if outcome is None else (int(outcome), int(outcome))
    return _full(value)


def constant_outcome(operation: ir.Operation) -> bool | None:
    """The outcome of a ``comb.icmp`` Verilator would call constant (a zero side, see ZERO_LEFT/ZERO_RIGHT)."""
    name = predicate(operation)
    left, right = operation.operands
    if name in ZERO_RIGHT and value_range(right) == (0, 0):
        return ZERO_RIGHT[name]
    if name in ZERO_LEFT and value_range(left) == (0, 0):
        return ZERO_LEFT[name]
    return None


@loom_pass("fold-constant-comparisons", kind=PassKind.DESIGN,
           summary="Replace unsigned comparisons with an always-zero side (through wires and concatenations)"
                   " by their outcome (verilator -Wall UNSIGNED)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Replace each unsigned comparison with an always-zero side by its outcome."""
    del options
    changed = False
    for operation in collect(root, ["comb.icmp"]):
        outcome = constant_outcome(operation)
        if outcome is None:
            continue
        with operation.location, ir.InsertionPoint(operation):
            constant = create_constant(ir.IntegerType.get_signless(1), int(outcome))
        operation.results[0].replace_all_uses_with(constant.results[0])
        operation.erase()
        changed = True
    return None if changed else False
