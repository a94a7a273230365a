"""``transform-if-to-case``: an if/elif chain comparing one subject with constants becomes ``sv.case``.

Python has no switch statement (before ``match``), so procedural code spells
one as ``if x == 0: ... elif x == 1: ... else: ...``, which the frontend
writes as nested ``sv.if`` ops, each ``elif`` an ``sv.if`` alone in the else
region of the one before. This pass turns such a chain into

    sv.case %x : iN
    case <c0>: { then-body 0 }   case <c1>: { then-body 1 } ...   default: { final else }

when it is appropriate, by kratos's rule (``TransformIfCase`` in kratos's
optimize.cc): the chain has at least two comparisons, and it either ends in
an ``else`` (which becomes ``default``) or its constants cover every value of
the subject. A single ``if``/``else``, or a partial chain without ``else``,
stays an ``if``.

A chain link is an ``sv.if`` whose condition is ``comb.icmp eq`` of the
subject and an ``hw.constant`` (either order). Two links have the same
subject when it is the same SSA value or the same pure op of the same
operands (the frontend may read a variable, or slice it, again in each
``elif``). Pure ops
in an ``elif``'s else region (the next condition, reads) are hoisted in
front of the case: nothing runs between the chain's conditions, so they
compute the same values there. Where kratos differs, loom follows the
behaviour it documents rather than its limits: a final ``else`` with several
statements still becomes the ``default``; a chain stops (instead of being
rejected) at an ``elif`` that compares something else, which then stays
inside the ``default``; a repeated constant is a branch that can never be
taken (the earlier comparison already caught that value), so its body is
dropped instead of making two case items with the same value.

Written as a pattern on ``sv.if`` applied by MLIR's walk driver (post-order,
so the bodies' own chains are converted before their parents); links nested
in a chain are left to the chain's head. Conditions left unused are erased
afterwards, inside the procedural blocks that changed.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles a field's annotation given as a string,
# 30-40 us a field at import, every run (docs/architecture.md, "Start-up").
from typing import NamedTuple

from circt import ir, rewrite

from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import (
    constant_value,
    defining_op,
    enclosing_block_op,
    erase_dead_pure_ops,
    idle,
    int_width,
    is_pure,
    parent_op,
    walk_and_apply,
)

_ICMP_EQ = 0  # comb.icmp's ICmpPredicate "eq"


class _Link(NamedTuple):
    """One ``sv.if`` of a chain: ``if subject == constant``."""

    op: ir.Operation
    subject: ir.Value
    constant: int


class _Chain:
    __slots__ = ("default", "hoisted", "links")

    def __init__(self, links: list[_Link]) -> None:
        self.links = links
        self.hoisted: list[ir.Operation] = []
        self.default: ir.Block | None = None


def _link(op: ir.Operation) -> _Link | None:
    """The comparison an ``sv.if`` makes, when it is ``subject == constant``."""
    if op.name != "sv.if":
        return None
    compare = defining_op(op.operands[0])
    if compare is None or compare.name != "comb.icmp":
        return None
    if ir.IntegerAttr(compare.attributes["predicate"]).value != _ICMP_EQ:
        return None
    left, right = compare.operands[0], compare.operands[1]
    for subject, constant in ((left, right), (right, left)):
        value = constant_value(constant)
        if value is not None and constant_value(subject) is None and int_width(subject.type):
            return _Link(op, subject, value)
    return None


def _same_subject(a: ir.Value, b: ir.Value, depth: int = 4) -> bool:
    """Whether ``a`` and ``b`` compute the same value where the chain compares them.

    The same SSA value, or the same pure op (a read of one variable, a slice
    ``x[3:2]`` written again in each ``elif``) of operands that are the same:
    nothing runs between a chain's comparisons, so such ops agree.
    """
    if a == b:
        return True
    op_a, op_b = defining_op(a), defining_op(b)
    if op_a is None or op_b is None or depth == 0 or op_a.name != op_b.name or not is_pure(op_a):
        return False
    if len(op_a.operands) != len(op_b.operands) or len(op_a.results) != 1 or a.type != b.type:
        return False
    attrs_a, attrs_b = op_a.attributes, op_b.attributes
    if sorted(attrs_a) != sorted(attrs_b) or any(attrs_a[name] != attrs_b[name] for name in attrs_a):
        return False
    return all(_same_subject(x, y, depth - 1) for x, y in zip(op_a.operands, op_b.operands, strict=True))


def _else_block(op: ir.Operation) -> ir.Block | None:
    region = op.regions[1]
    if not len(region.blocks) or not len(region.blocks[0].operations):
        return None
    return region.blocks[0]


def _next_link(link: _Link) -> tuple[_Link | None, list[ir.Operation]]:
    """The ``elif`` after ``link`` (with the pure ops beside it), or None where the chain ends."""
    block = _else_block(link.op)
    if block is None:
        return None, []
    ops = [op.operation for op in block.operations]
    pure = [op for op in ops if is_pure(op)]
    rest = [op for op in ops if not is_pure(op)]
    if len(rest) != 1:
        return None, []
    nxt = _link(rest[0])
    if nxt is None or not _same_subject(nxt.subject, link.subject):
        return None, []
    return nxt, pure


def _is_continuation(op: ir.Operation) -> bool:
    """Whether ``op`` is an ``elif`` of an enclosing chain (which its head converts)."""
    parent = parent_op(op)
    if parent is None or parent.name != "sv.if":
        return False
    parent_link = _link(parent)
    if parent_link is None:
        return False
    nxt, _ = _next_link(parent_link)
    return nxt is not None and nxt.op == op


def _chain(head: _Link) -> _Chain:
    chain = _Chain([head])
    link = head
    while True:
        nxt, pure = _next_link(link)
        if nxt is None:
            chain.default = _else_block(link.op)
            return chain
        chain.hoisted += pure
        chain.links.append(nxt)
        link = nxt


def _pattern_attr(value: int, width: int) -> ir.IntegerAttr:
    """An ``sv.case`` pattern: two bits per subject bit (0 = zero, 1 = one), bit 0 lowest."""
    encoded = 0
    for bit in range(width):
        encoded |= ((value >> bit) & 1) << (2 * bit)
    type_ = ir.IntegerType.get_signless(2 * width)
    if encoded >> (2 * width - 1):
        encoded -= 1 << (2 * width)
    return ir.IntegerAttr.get(type_, encoded)


def _move_ops(source: ir.Block, target: ir.Block) -> None:
    for op in list(source.operations):
        target.append(op.operation)


def _rewrite_chain(op: ir.Operation, rewriter: rewrite.PatternRewriter, touched: list[ir.Operation]) -> bool:
    head = _link(op)
    if head is None or _is_continuation(op):
        return False
    chain = _chain(head)
    width = int_width(head.subject.type)
    assert width is not None
    seen: dict[int, _Link] = {}
    for link in chain.links:
        seen.setdefault(link.constant, link)  # a repeated constant can never match again
    covered = len(seen) == 1 << width
    if len(chain.links) < 2 or not (covered or chain.default is not None):
        return False
    items = list(seen.values())
    patterns: list[ir.Attribute] = [_pattern_attr(link.constant, width) for link in items]
    if chain.default is not None:
        patterns.append(ir.UnitAttr.get())
    for pure in chain.hoisted:
        pure.move_before(op)
    with op.location:
        case = ir.Operation.create(
            "sv.case", operands=[head.subject], regions=len(patterns),
            attributes={"casePatterns": ir.ArrayAttr.get(patterns),
                        "caseStyle": ir.IntegerAttr.get(ir.IntegerType.get_signless(32), 0),
                        "validationQualifier": ir.Attribute.parse("#sv<validation_qualifier plain>")},
            ip=ir.InsertionPoint(op))
    for index, link in enumerate(items):  # one region per item, then the default's (if any)
        _move_ops(link.op.regions[0].blocks[0], case.regions[index].blocks.append())
    if chain.default is not None:
        _move_ops(chain.default, case.regions[len(items)].blocks.append())
    block_op = enclosing_block_op(case)
    if block_op is not None:
        touched.append(block_op)
    rewriter.erase_op(op)
    return True


@loom_pass("transform-if-to-case", kind=PassKind.MODULE,
           summary="Turn if/elif chains comparing one subject with distinct constants into sv.case with default")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Turn if/elif chains that compare one subject with constants into sv.case (kratos's rule)."""
    del options
    if idle(module, "transform-if-to-case"):
        return False  # no if statement: the IR is untouched
    touched: list[ir.Operation] = []
    with module.context:
        if not walk_and_apply(module, [("sv.if", lambda op, rewriter: _rewrite_chain(op, rewriter, touched))]):
            return False  # no chain: the IR is untouched
        # The replaced conditions are dead now; procedural blocks are never erased here.
        unique: list[ir.Operation] = []
        for block_op in touched:
            if not any(block_op == seen for seen in unique):
                unique.append(block_op)
                erase_dead_pure_ops(block_op)
    return None
