"""``check-inferred-latch``: no latches inferred from procedural code.

Combinational blocks (``sv.alwayscomb``, or an ``sv.always`` sensitive to
any edge of its inputs): every variable bit the block assigns on *some*
path must be assigned on *every* path, or synthesis keeps its old value in
a latch. The check computes, per variable, the bits a block *may* assign
and the bits it *must* assign (a definite-assignment analysis over
``sv.if``, ``sv.case`` and statement sequences) and reports each variable
with bits in the first set but not the second, at its first assignment,
with a note at the ``if`` without ``else`` or the ``case`` without
``default`` where the bits are lost.

Sequential blocks (kratos's rule): a variable assigned in the reset branch
of an asynchronously reset ``always_ff`` (the ``asyncreset`` region of
``sv.alwaysff``, or the ``then`` of an ``if`` testing a reset event of an
edge-triggered ``sv.always``) but nowhere in the clocked branch only ever
takes its reset value: it is reported too.

Like kratos's check it is meant to have no false negatives, so where it
cannot tell it reports:

- an assignment through a non-constant index (``arr[i] = v``) assigns no
  bit for sure (kratos skips such assignments instead; that can miss a latch);
- a ``case`` without ``default`` covers every value only when its subject is
  at most 16 bits wide and its patterns, wildcards expanded (``casez``: z and
  ?; ``casex``: x, z and ?), enumerate every value; enum subjects need a
  ``default``;
- a loop body (``sv.for``) may run zero times, so it assigns nothing for sure;
- conditions are not evaluated except constants (``sv.if %true``), so two
  ``if`` statements with complementary conditions count as two partial paths.
  A variable read before it is assigned is not this check's concern.
"""

from __future__ import annotations

from circt import ir

from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import (
    ALWAYS,
    ASSIGN_OPS,
    Block,
    ModuleModel,
    Scan,
    Target,
    constant_value,
    depends_on,
    int_attr,
    is_clock,
    ops_in,
    resolve_target,
    walk,
)
from .runner import Check

_MAX_CASE_WIDTH = 16
Bits = dict[ir.Value, int]


class _Summary:
    """Per variable: the bits a piece of code must assign (on every path) and may assign (on some path)."""

    __slots__ = ("may", "must")

    def __init__(self, must: Bits | None = None, may: Bits | None = None) -> None:
        self.must: Bits = must if must is not None else {}
        self.may: Bits = may if may is not None else {}


def check(report: DiagnosticReport, found: Scan) -> None:
    """Report latches inferred from combinational blocks and reset-only flops in sequential ones."""
    analysis = _Analysis(found.model)
    for block in found.blocks:
        if block.combinational and not block.latch:  # an always_latch block's latches are intended
            analysis.check_combinational(report, block)
        elif block.sequential:
            analysis.check_sequential(report, block)


def _union(into: Bits, other: Bits) -> None:
    for root, mask in other.items():
        into[root] = into.get(root, 0) | mask


def _intersection(summaries: list[_Summary]) -> Bits:
    if not summaries:
        return {}
    result = dict(summaries[0].must)
    for summary in summaries[1:]:
        result = {root: mask & summary.must.get(root, 0) for root, mask in result.items()}
    return {root: mask for root, mask in result.items() if mask}


class _Analysis:
    """Definite assignment over one module's procedural code; summaries are memoised per statement."""

    def __init__(self, model: ModuleModel):
        self.model = model
        self._summaries: dict[ir.Operation, _Summary] = {}
        self._targets: dict[ir.Operation, Target] = {}

    # -- the analysis ----------------------------------------------------------

    def target(self, op: ir.Operation) -> Target:
        target = self._targets.get(op)
        if target is None:
            target = self._targets[op] = resolve_target(op.operands[0], self.model)
        return target

    def sequence(self, ops: list[ir.Operation]) -> _Summary:
        result = _Summary()
        for op in ops:
            summary = self.statement(op)
            _union(result.must, summary.must)
            _union(result.may, summary.may)
        return result

    def statement(self, op: ir.Operation) -> _Summary:
        summary = self._summaries.get(op)
        if summary is None:
            summary = self._summaries[op] = self._statement(op)
        return summary

    def _statement(self, op: ir.Operation) -> _Summary:
        name = op.name
        if name in ASSIGN_OPS:
            target = self.target(op)
            return _Summary({target.root: target.mask} if target.exact else {}, {target.root: target.mask})
        if len(op.regions) == 0:
            return _Summary()
        branches = [self.sequence(ops) for ops in self.branches(op)]
        may: Bits = {}
        for branch in branches:
            _union(may, branch.may)
        return _Summary(_intersection(branches) if self.exhaustive(op) else {}, may)

    def branches(self, op: ir.Operation) -> list[list[ir.Operation]]:
        """The regions one of which runs; a constant ``sv.if`` condition picks its branch."""
        regions = [ops_in(region) for region in op.regions]
        if op.name == "sv.if":
            condition = constant_value(op.operands[0])
            if condition is not None:
                return [regions[0] if condition else regions[1]]
        return regions

    def exhaustive(self, op: ir.Operation) -> bool:
        """Whether exactly one of the op's regions always runs (so their intersection is assigned for sure)."""
        if op.name in ("sv.if", "sv.ifdef.procedural"):
            return True
        if op.name == "sv.case":
            return _case_is_full(op)
        return False  # loops may run zero times; anything else is unknown

    # -- combinational blocks ----------------------------------------------------

    def check_combinational(self, report: DiagnosticReport, block: Block) -> None:
        summary = self.sequence(block.body)
        for root, may in summary.may.items():
            missing = may & ~summary.must.get(root, 0)
            if missing:
                self._report_latch(report, block, root, missing)

    def _report_latch(self, report: DiagnosticReport, block: Block, root: ir.Value, missing: int) -> None:
        first = next(op for op in block.all_ops() if op.name in ASSIGN_OPS and self.target(op).root == root)
        name = self.model.describe(root)
        error = report.error(first, f"{name} is not assigned on every path through this {block.label}:"
                                    f" it will be inferred as a latch")
        gap = self.gap(block.body, root, missing)
        if gap is not None:
            error.note(gap[0], gap[1])

    def gap(self, ops: list[ir.Operation], root: ir.Value, bits: int) -> tuple[ir.Operation, str] | None:
        """The statement where ``bits`` of ``root`` stop being assigned on every path, and why."""
        missing = bits & ~self.sequence(ops).must.get(root, 0)
        for op in ops:
            if not self.statement(op).may.get(root, 0) & missing:
                continue
            if op.name in ASSIGN_OPS:
                return op, "the index of this assignment is not a constant, so the bits it assigns are unknown"
            return self._branch_gap(op, root, missing)
        return None

    def _branch_gap(self, op: ir.Operation, root: ir.Value, missing: int) -> tuple[ir.Operation, str]:
        branches = self.branches(op)
        if op.name == "sv.case" and not _case_is_full(op):
            return op, "not assigned when no case matches: this case has no default"
        if not self.exhaustive(op):
            return op, f"not assigned for sure by '{op.name}'"
        for index, ops in enumerate(branches):
            if self.sequence(ops).must.get(root, 0) & missing == missing:
                continue
            if op.name == "sv.if" and not ops:
                return op, "not assigned when this condition is false: this if has no else"
            inner = self.gap(ops, root, missing)
            if inner is not None:
                return inner
            return op, _branch_text(op, index)
        return op, f"not assigned for sure by '{op.name}'"

    # -- sequential blocks -------------------------------------------------------

    def check_sequential(self, report: DiagnosticReport, block: Block) -> None:
        for reset_ops, clocked_ops in self._reset_branches(block):
            reset = self.sequence(reset_ops)
            clocked = self.sequence(clocked_ops)
            for root, mask in reset.may.items():
                if mask & ~clocked.may.get(root, 0):
                    first = next(op for op in walk(reset_ops)
                                 if op.name in ASSIGN_OPS and self.target(op).root == root)
                    report.error(first, f"{self.model.describe(root)} is assigned on reset but never in the clocked"
                                        f" branch of this {block.label}: it will be inferred as a latch")

    def _reset_branches(self, block: Block) -> list[tuple[list[ir.Operation], list[ir.Operation]]]:
        """(reset branch, clocked branch) pairs of an asynchronously reset block."""
        if block.reset_style == "async" and block.reset_body is not None:
            return [(block.reset_body, block.body)]
        if block.name != ALWAYS:
            return []
        resets = [event.value for event in block.events if not is_clock(event.value)]
        pairs = []
        for op in walk(block.body):
            if op.name == "sv.if" and any(depends_on(op.operands[0], reset) for reset in resets):
                pairs.append((ops_in(op.regions[0]), ops_in(op.regions[1])))
        return pairs


def _branch_text(op: ir.Operation, index: int) -> str:
    if op.name == "sv.if":
        return f"not assigned when this condition is {'true' if index == 0 else 'false'}"
    if op.name == "sv.case":
        return f"not assigned in case {index + 1} of this case statement"
    return f"not assigned in region {index + 1} of '{op.name}'"


# -- case coverage -------------------------------------------------------------------

_ZERO, _ONE, _X, _Z = 0, 1, 2, 3


def _case_is_full(op: ir.Operation) -> bool:
    """A ``default`` or patterns that enumerate every value of the subject (wildcards expanded)."""
    patterns = list(ir.ArrayAttr(op.attributes["casePatterns"]))
    if any(isinstance(pattern, ir.UnitAttr) for pattern in patterns):
        return True
    subject = op.operands[0].type
    if not isinstance(subject, ir.IntegerType) or subject.width > _MAX_CASE_WIDTH:
        return False
    width = subject.width
    style = int_attr(op, "caseStyle") or 0  # 0 case, 1 casex, 2 casez
    wild = {0: (), 1: (_X, _Z), 2: (_Z,)}[style]
    covered: set[int] = set()
    for pattern in patterns:
        if not isinstance(pattern, ir.IntegerAttr):
            return False
        covered |= _pattern_values(pattern.value, width, wild)
        if len(covered) == 1 << width:
            return True
    return False


def _pattern_values(encoded: int, width: int, wild: tuple[int, ...]) -> set[int]:
    """The 2-state values a case pattern matches (two bits per pattern bit: 0, 1, x, z)."""
    values = {0}
    for bit in range(width):
        code = encoded >> (2 * bit) & 3
        if code in wild:
            values |= {v | 1 << bit for v in values}
        elif code == _ONE:
            values = {v | 1 << bit for v in values}
        elif code != _ZERO:
            return set()  # an x or z bit of a plain case never matches a 2-state value
    return values


CHECK = Check("check-inferred-latch", check)
run = loom_pass("check-inferred-latch", kind=PassKind.CHECK,
                summary="Report always_comb variables not assigned on every path, and flops assigned only on"
                        " reset")(CHECK.run)
