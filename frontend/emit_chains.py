"""Chains of one associative comb op, written as one variadic op (``ModuleWriter``).

``x = x ^ inst.o`` in a loop over 50,000 instances builds a 50,000-deep chain of two-input XORs. Written op
for op it costs text, parse and pass time and a location per op, until CIRCT's ``canonicalize`` folds each
link whose only reader is the next link into it: ``comb.xor %a, %b, %c, ...``. The writer writes that
result at once (docs/ir-conventions.md, "Chains of one associative op").

A link may be folded into its reader only if nothing else in the design reads it, or its op would
disappear from under the other reader (or be computed twice). The writer knows a value only by following
Python references from the ports, vars, registers, instances and statements it writes, so a value that the
design reads twice is referenced twice. ``sole_links`` therefore asks CPython how many references an
operand has: one (its reader's operand tuple, itself referenced by the reader alone) means the reader is
the only way to it. Any other reference -- a second reader, a user's list, a copy sharing the tuple --
only makes the count higher, which keeps the link as an op of its own: the count can be too high, never
too low. ``_check_reference_counts`` tries the rule on this interpreter when the module is imported and
turns folding off if the counts are not the ones it expects. The one reader that reaches a value through
another is a procedural block computing an expression that reads procedural storage again
(``ProceduralWriter.value``): the writer does not fold that expression's links (``ModuleWriter._fold_links``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ..dialect.srcloc import SourceLoc
from .signals import Const, Expr, Signal

CHAIN_OPS = frozenset({"add", "mul", "and", "or", "xor"})
"""Expression ops that are associative comb ops taking any number of operands, which ``canonicalize``
flattens (all five, the SystemVerilog is checked against it in ``test/frontend/test_chains.py``)."""

_ONE_HOLDER = 3
"""``sys.getrefcount`` of a value held by one container while ``sole_links`` looks at it: the container's
reference, the local variable's and the call's argument."""


def _sole_links(parent: Expr) -> list[Expr]:
    """The operands of ``parent`` (an op of ``CHAIN_OPS`` at a fixed width) that are links of its chain read
    by ``parent`` alone: expressions of the same op and width that nothing but ``parent``'s operand tuple
    references, where nothing but ``parent`` references that tuple."""
    operands = parent.operands
    if sys.getrefcount(operands) != _ONE_HOLDER:
        return []
    op, width = parent.op, parent.width
    links: list[Expr] = []
    for link in operands:
        if type(link) is Expr and link.op == op and link.width == width and sys.getrefcount(link) == _ONE_HOLDER:
            links.append(link)
    return links


def _no_links(parent: Expr) -> list[Expr]:
    """``sole_links`` where reference counts cannot be trusted: no link is ever folded."""
    del parent
    return []


def _check_reference_counts() -> Callable[[Expr], list[Expr]]:
    """``_sole_links`` if it tells links read once from links read twice on this interpreter, else
    ``_no_links`` (another CPython may count references differently; a link read twice that looked read
    once would be computed twice)."""
    loc = SourceLoc("<loom probe>", 0, 0)
    leaf = Const(0, 1, loc)
    twice = Expr("xor", (leaf, leaf), 1, loc=loc)
    parent = Expr("xor", (Expr("xor", (leaf, leaf), 1, loc=loc), twice), 1, loc=loc)
    other = Expr("xor", (twice, leaf), 1, loc=loc)
    del twice  # now held by the tuples of parent and other only
    found = [link is parent.operands[0] for link in _sole_links(parent)] + [False for _ in _sole_links(other)]
    owner = Expr("xor", (Expr("xor", (leaf, leaf), 1, loc=loc), leaf), 1, loc=loc)
    found += [True for _ in _sole_links(owner)]
    copy = Expr("xor", owner.operands, 1, loc=loc)  # shares owner's tuple: its link has two readers
    found += [False for _ in _sole_links(owner)] + [False for _ in _sole_links(copy)]
    return _sole_links if found == [True, True] else _no_links


sole_links = _check_reference_counts()


def chain_operands(root: Expr, folded: set[int]) -> tuple[list[Signal], list[SourceLoc]]:
    """The operands of ``root`` with each link in ``folded`` (ids) replaced by its own operands, in order,
    and the locations of ``root`` and its folded links, root first and links in pre-order, as
    ``canonicalize`` fuses them (it folds the first foldable operand again and again). Without recursion:
    a chain can be 50,000 links deep."""
    operands: list[Signal] = []
    locs = [root.loc]
    pending = list(reversed(root.operands))
    while pending:
        operand = pending.pop()
        if id(operand) in folded:
            assert isinstance(operand, Expr)
            locs.append(operand.loc)
            pending.extend(reversed(operand.operands))
        else:
            operands.append(operand)
    return operands, locs
