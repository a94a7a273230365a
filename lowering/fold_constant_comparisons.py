"""``fold-constant-comparisons``: no comparison whose outcome the operands' widths already decide.

A comparison can have one outcome only, because of the values its operands can
take: ``x.zext(9) < 331`` is always true (``{8'h0, x} < 9'h14B``), and an
unsigned value is never below zero. ``verilator --lint-only -Wall`` reports
such a comparison when it sees it (CMPCONST "Comparison is constant due to
limited range", UNSIGNED "... due to unsigned arithmetic"), and it sees more
than the text shows: it folds constants through wires, concatenations and
earlier decided comparisons (``{8{c}} < y`` where ``c`` is the always-true
comparison above). CIRCT's ``canonicalize`` folds a comparison with a literal
zero, not these. Such designs come from ordinary code (a comparison of a
narrow value with a constant out of its range, a generator parameter that makes
one side constant), and the constant outcome is what the hardware computes, so
folding it is loom's to do, like any constant folding; the user's Python is not
wrong.

The pass computes an unsigned range ``[low, high]`` for both operands of each
unsigned comparison and equality, looking through constants, localparams,
wires, concatenations, replications, selects (of a concatenation: the
ranges of the parts whose bits they take), muxes, shifts by a variable amount (zero
shifted stays zero, a logical right shift never grows) and the comparisons the
ranges decide, and replaces a comparison the ranges decide by its outcome.
Signed comparisons stay (Verilator reports none of them). It runs twice in the
clean-up: before ``canonicalize``, which then removes what the constant makes
dead (the branch an ``if`` never takes, the mux input never chosen), and again
after ``lower-data-types``, which can expose new decided comparisons; there it
removes the dead branches and mux inputs itself (``if (1'h0)`` would be left
otherwise), since no ``canonicalize`` follows.
"""

from __future__ import annotations

from circt import ir

from ..dialect.constants import constant_value, create_constant
from .bit_slices import slice_of
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import (
    Erased,
    collect_held,
    defining_op,
    erase_unread_producers,
    erase_with_unread_producers,
    idle,
    op_key,
)
from .stage import needs_lowered_ir

DEPTH = 32
"""How far the range analysis follows operands (beyond that a value may be anything its width allows)."""

Range = tuple[int, int]

_SHIFTS = frozenset({"comb.shl", "comb.shru", "comb.shrs"})
"""Shifts by a variable amount: CIRCT folds them only when the amount is constant."""

_PREDICATES = {0: "eq", 1: "ne", 6: "ult", 7: "ule", 8: "ugt", 9: "uge"}
"""``comb.icmp`` predicate numbers (CIRCT's ICmpPredicate) of the unsigned comparisons and equality."""


def _width(value: ir.Value) -> int:
    return ir.IntegerType(value.type).width


def _full(value: ir.Value) -> Range:
    return 0, (1 << _width(value)) - 1


def _concat(parts: list[Range], widths: list[int]) -> Range:
    low = high = 0
    for (part_low, part_high), width in zip(parts, widths, strict=True):
        low, high = (low << width) | part_low, (high << width) | part_high
    return low, high


def _bits(whole: Range, shift: int, width: int) -> Range:
    """Bounds of bits ``[shift, shift + width)`` of a value within ``whole``."""
    low, high = whole
    if low == high:
        return ((low >> shift) & ((1 << width) - 1),) * 2
    return (0, 0) if high >> shift == 0 else (0, (1 << width) - 1)


def _extract_of_concat(parts: list[ir.Value], shift: int, width: int, depth: int,
                       cache: dict[ir.Value, Range]) -> Range:
    """Bounds of bits ``[shift, shift + width)`` of ``concat(parts)``, from the parts those bits lie in: bits
    taken from a constant part are known even where the other parts are not (random design 8963:
    ``{b, 18'h0, b}[11:7]`` is zero)."""
    ranges: list[Range] = []
    widths: list[int] = []
    top = sum(_width(part) for part in parts)
    for part in parts:  # most significant first
        bottom = top - _width(part)
        first, last = max(bottom, shift), min(top, shift + width)
        if first < last:
            part_range = value_range(part, depth, cache)
            whole_part = first == bottom and last == top
            ranges.append(part_range if whole_part else _bits(part_range, first - bottom, last - first))
            widths.append(last - first)
        top = bottom
    return _concat(ranges, widths)


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


def value_range(value: ir.Value, depth: int = DEPTH, cache: dict[ir.Value, Range] | None = None) -> Range:
    """Bounds of the unsigned value of ``value`` (see the module docstring for what is looked through).

    ``cache`` keeps the bounds found during one look at unchanged IR: a value read twice (``concat(m, m)``,
    a mux of muxes sharing inputs) is bounded once, not once per path to it.
    """
    if cache is None:
        cache = {}
    if value not in cache:
        cache[value] = _bounds(value, depth, cache)
    return cache[value]


def _bounds(value: ir.Value, depth: int, cache: dict[ir.Value, Range]) -> Range:
    """``value_range`` without the cache look-up."""
    if depth == 0 or not isinstance(value, ir.OpResult) or not isinstance(value.type, ir.IntegerType):
        return _full(value) if isinstance(value.type, ir.IntegerType) else (0, 0)
    op = value.owner.operation
    operands = list(op.operands)
    if op.name == "hw.constant":
        known = ir.IntegerAttr(op.attributes["value"]).value & ((1 << _width(value)) - 1)
        return known, known
    if op.name == "sv.localparam" and isinstance(op.attributes["value"], ir.IntegerAttr):
        known = ir.IntegerAttr(op.attributes["value"]).value & ((1 << _width(value)) - 1)
        return known, known
    if op.name == "hw.wire":
        return value_range(operands[0], depth - 1, cache)
    if op.name == "comb.concat":
        return _concat([value_range(v, depth - 1, cache) for v in operands], [_width(v) for v in operands])
    if op.name == "comb.replicate":
        times = _width(value) // _width(operands[0])
        return _concat([value_range(operands[0], depth - 1, cache)] * times, [_width(operands[0])] * times)
    if op.name == "comb.extract":
        shift = ir.IntegerAttr(op.attributes["lowBit"]).value
        whole = defining_op(operands[0])
        if whole is not None and whole.name == "comb.concat":
            return _extract_of_concat(list(whole.operands), shift, _width(value), depth - 1, cache)
        return _bits(value_range(operands[0], depth - 1, cache), shift, _width(value))
    if op.name == "comb.mux":
        ranges = [value_range(v, depth - 1, cache) for v in operands[1:]]
        return min(r[0] for r in ranges), max(r[1] for r in ranges)
    if op.name in _SHIFTS:
        shifted = value_range(operands[0], depth - 1, cache)
        if shifted == (0, 0):  # zero shifted any way is zero (`12'h0 << r`: CIRCT keeps it)
            return 0, 0
        if op.name == "comb.shru":  # a logical right shift only lowers the value
            return 0, shifted[1]
    if op.name == "comb.icmp" and predicate(op) is not None:
        outcome = _decided(predicate(op), value_range(operands[0], depth - 1, cache),  # type: ignore[arg-type]
                           value_range(operands[1], depth - 1, cache))
        return (0, 1) if outcome is None else (int(outcome), int(outcome))
    return _full(value)


def constant_outcome(operation: ir.Operation, cache: dict[ir.Value, Range] | None = None) -> bool | None:
    """The outcome of a ``comb.icmp`` when the ranges of its operands decide it (None: they do not)."""
    name = predicate(operation)
    if name is None:
        return None
    cache = {} if cache is None else cache
    left, right = operation.operands
    return _decided(name, value_range(left, cache=cache), value_range(right, cache=cache))


def _inline(branch: ir.Operation, taken: int | None, erased: Erased, keep: ir.Operation | None = None) -> None:
    """Replace ``branch`` (``sv.if``, ``sv.case``) by the statements of its region ``taken`` (None: by nothing);
    what only the other regions read goes too (but not ``keep``). Every op erased is recorded in ``erased``."""
    region = branch.regions[taken] if taken is not None else None
    if region is not None and len(region.blocks):
        for statement in list(region.blocks[0].operations):
            statement.operation.move_before(branch)
    inside: set[ir.Operation] = set()
    read: list[ir.Value] = list(branch.operands)

    def record(op: ir.Operation) -> ir.WalkResult:
        inside.add(op)
        read.extend(op.operands)
        return ir.WalkResult.ADVANCE

    branch.walk(record)  # what the untaken branches read from outside may be read by nothing else
    outside = [value for value in read if (producer := defining_op(value)) is None or producer not in inside]
    erased.update(op_key(op) for op in inside)
    branch.erase()
    erase_unread_producers(outside, keep, erased)


def _take(constant: ir.Operation, outcome: bool, erased: Erased) -> None:
    """Resolve the muxes and ``sv.if`` statements that ``constant`` (the folded outcome) chooses in; erase it
    if nothing else reads it.

    The uses are looked up again after each step: an untaken branch or mux input can hold other readers.
    """
    while (user := next((use.owner.operation for use in constant.results[0].uses if use.operand_number == 0
                         and use.owner.operation.name in ("comb.mux", "sv.if")), None)) is not None:
        if user.name == "comb.mux":
            chosen = user.operands[1 if outcome else 2]
            user.results[0].replace_all_uses_with(chosen)
            # before the erase: when nothing read the mux, the op defining ``chosen`` goes with it
            _fold_extracts(chosen)
            erase_with_unread_producers(user, keep=constant, erased=erased)
        else:
            _inline(user, 0 if outcome else 1, erased, keep=constant)
    if not list(constant.results[0].uses):
        erased.add(op_key(constant))
        constant.erase()


FOLDED = ("hw.constant", "comb.extract", "comb.concat")
"""Producers whose bit selects ``canonicalize`` folds: a constant, a select, a concatenation."""


def _fold_extracts(value: ir.Value) -> None:
    """Fold the bit selects of ``value`` as ``canonicalize`` would when it is a constant, a select or a
    concatenation (``slice_of``): no canonicalize follows, and ExportVerilog spills a value read that way into
    a wire, whose other bits nobody may read (verilator UNUSEDSIGNAL). Random design 1127: a mux of an array
    read chose a constant; 10781: a mux chose a struct field, by then a select ``x[2:0]``, of which one bit
    was read (``wire [2:0] _x_2to0 = x[2:0]; ... _x_2to0[2]``)."""
    producer = defining_op(value)
    if producer is None or producer.name not in FOLDED:
        return
    for extract in [use.owner.operation for use in value.uses if use.owner.operation.name == "comb.extract"]:
        width = ir.IntegerType(extract.results[0].type).width
        low = ir.IntegerAttr(extract.attributes["lowBit"]).value
        with extract.location, ir.InsertionPoint(extract):
            part = slice_of(value, low, width)
        extract.results[0].replace_all_uses_with(part)
        extract.erase()


def _fold(operation: ir.Operation, outcome: bool, erased: Erased) -> None:
    """Replace the comparison ``operation`` by its ``outcome`` and resolve what that outcome chooses."""
    with operation.location, ir.InsertionPoint(operation):
        constant = create_constant(ir.IntegerType.get_signless(1), int(outcome))
    operation.results[0].replace_all_uses_with(constant.results[0])
    erase_with_unread_producers(operation, erased=erased)
    _take(constant, outcome, erased)


@loom_pass("fold-constant-comparisons", kind=PassKind.DESIGN,
           summary="Replace unsigned comparisons and equalities whose outcome the operand widths decide by the"
                   " outcome (verilator -Wall CMPCONST, UNSIGNED)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Replace each unsigned comparison or equality the operand ranges decide by its outcome."""
    del options
    if idle(root, "fold-constant-comparisons"):
        return False
    changed = False
    # Rounds of one walk each: a round folds every comparison its walk finds decided, but for those an earlier
    # fold of the round erased (an untaken branch, a mux input and what only it read). A fold can narrow the
    # ranges of other comparisons (a mux left with one input), so the next round looks again; the rounds end
    # when a walk finds nothing to fold, after two on most designs, however many comparisons are decided.
    # The last walk also finds the cases (the IR has not changed since).
    while True:
        decided, cases = _decided_comparisons(root)
        if not decided:
            break
        erased: Erased = set()
        for operation, key, outcome in decided:
            if key not in erased:
                _fold(operation, outcome, erased)
        changed = True
    changed = _resolve_constant_cases(cases) or changed
    return None if changed else False


def _pattern_value(pattern: ir.IntegerAttr) -> int | None:
    """The number a case label stands for; None if it has x or z bits.

    ``sv.case`` stores a label as two bits per subject bit, lowest first: 0 for 0, 1 for 1, 2 for x, 3
    for z (CIRCT's CasePatternBit), so ``2'b10`` is ``4 : i4``.
    """
    code = ir.IntegerAttr(pattern).value & ((1 << ir.IntegerType(pattern.type).width) - 1)
    value = 0
    for bit in range(ir.IntegerType(pattern.type).width // 2):
        digit = (code >> (2 * bit)) & 3
        if digit > 1:
            return None
        value |= digit << bit
    return value


def _taken_case(case: ir.Operation) -> tuple[bool, int | None]:
    """(whether ``case`` chooses by a constant, the index of the region it takes: None for none).

    A plain ``case`` (not casez/casex) whose labels are all numbers or ``default``; the first label equal to
    the subject wins, else the default.
    """
    known = constant_value(case.operands[0])
    if known is None or ir.IntegerAttr(case.attributes["caseStyle"]).value != 0:
        return False, None
    default = None
    for index, pattern in enumerate(ir.ArrayAttr(case.attributes["casePatterns"])):
        if isinstance(pattern, ir.UnitAttr):
            default = index if default is None else default
            continue
        value = _pattern_value(pattern) if isinstance(pattern, ir.IntegerAttr) else None
        if value is None:
            return False, None  # a label with x/z bits or a named one: left to the simulator
        if value == known:
            return True, index
    return True, default


def _resolve_constant_cases(cases: list[ir.Operation]) -> bool:
    """Replace each of ``cases`` (every ``sv.case`` of the design) on a constant by the branch it takes
    (``canonicalize`` leaves ``case (1'h0)``).

    Inlining a case moves its taken statements out (their cases stay valid) and erases the rest, and changes
    no case's subject, so no case becomes decided that was not so before."""
    erased: Erased = set()
    changed = False
    for operation, key in [(case, op_key(case)) for case in cases]:
        if key in erased:
            continue
        decided, taken = _taken_case(operation)
        if decided:
            _inline(operation, taken, erased)
            changed = True
    return changed


COMPARED = ("comb.icmp", "sv.case")
"""The ops the pass reads: comparisons, and cases whose subject may be constant."""


def _decided_comparisons(root: ir.Operation) -> tuple[list[tuple[ir.Operation, int, bool]], list[ir.Operation]]:
    """Every comparison (in walk order) whose outcome the ranges decide (the op, its ``op_key``, the outcome),
    and every ``sv.case``: one walk."""
    cache: dict[ir.Value, Range] = {}
    found = []
    cases = []
    for operation in collect_held(root, COMPARED):
        if operation.name == "sv.case":
            cases.append(operation)
            continue
        outcome = constant_outcome(operation, cache)
        if outcome is not None:
            found.append((operation, op_key(operation), outcome))
    return found, cases
