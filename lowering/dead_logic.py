"""Dead logic: side-effect-free ops nothing live reads, found and erased within one module body.

The sparse edit run (``edits.py``) prunes a variant after its edit replaced logic (a tied output leaves the
old driver unread); what was already dead before the edit is kept, so an edit never removes logic the user
wrote on purpose.
"""

from __future__ import annotations

from typing import Iterator

from circt import ir

from ..dialect.constants import create_constant


_REMOVABLE = ("comb.", "hw.constant", "hw.bitcast", "hw.array_create", "hw.array_get", "hw.array_slice",
              "hw.array_concat", "hw.struct_create", "hw.struct_extract", "hw.aggregate_constant", "hw.wire",
              "seq.firreg", "seq.compreg", "loom.param_value")
"""Ops without side effects that ``remove_dead_logic`` erases when nothing live reads them."""


def has_uses(value: ir.Value) -> bool:
    """Whether anything reads ``value`` (cheaper than counting its uses)."""
    return next(iter(value.uses), None) is not None


def _operands_deep(operation: ir.Operation) -> Iterator[ir.Value]:
    """The operands of an op and of every op nested in its regions."""
    yield from operation.operands
    for region in operation.regions:
        for block in region.blocks:
            for inner in block.operations:
                yield from _operands_deep(inner.operation)


def dead_logic(block: ir.Block, keep: set[ir.Operation] | frozenset[ir.Operation] = frozenset()) -> list[ir.Operation]:
    """The ops of ``block`` that no output, instance or side effect depends on (``keep`` counts as live).

    A mark-and-sweep from the ops that must stay (``loom.output``, instances,
    procedural blocks, anything not in ``_REMOVABLE``), so a register that
    only feeds itself is dead too.
    """
    operations = [op.operation for op in block.operations]
    removable = {op for op in operations if op.name.startswith(_REMOVABLE) and op not in keep
                 and all(isinstance(r.type, ir.IntegerType) for r in op.results)}
    if not removable:
        return []
    live: set[ir.Operation] = set()
    work = [op for op in operations if op not in removable]
    while work:
        op = work.pop()
        for value in _operands_deep(op):
            owner = value.owner
            if isinstance(owner, ir.Block):
                continue
            owner_op = owner.operation
            if owner_op in removable and owner_op not in live:
                live.add(owner_op)
                work.append(owner_op)
    return [op for op in operations if op in removable and op not in live]


def remove_dead_logic(block: ir.Block, keep: set[ir.Operation] | frozenset[ir.Operation] = frozenset()) -> int:
    """Erase ``dead_logic(block, keep)``; returns how many ops went.

    canonicalize would remove most of this later, but an edit must know now
    which inputs it left unread. ``keep``: ops that were dead before the edit
    (an unread var the user declared stays, as in the original).
    """
    dead = dead_logic(block, keep)
    if not dead:
        return 0
    # Dead ops may read each other in cycles (a register feeding itself): cut every use first.
    placeholders: dict[ir.Type, ir.Value] = {}
    for op in dead:
        for result in op.results:
            if has_uses(result):
                if result.type not in placeholders:
                    with op.location, ir.InsertionPoint.at_block_begin(block):
                        placeholders[result.type] = create_constant(result.type, 0).results[0]
                result.replace_all_uses_with(placeholders[result.type])
    for op in dead:
        op.erase()
    for value in placeholders.values():
        value.owner.operation.erase()
    return len(dead)

