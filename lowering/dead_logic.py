"""Dead logic: side-effect-free ops nothing live reads, found and erased within one module body.

The sparse edit run (``edits.py``) prunes a variant after its edit replaced logic (a tied output leaves the
old driver unread); what was already dead before the edit is kept, so an edit never removes logic the user
wrote on purpose.

Variables count too: a ``var`` (``sv.logic``/``sv.reg``/``sv.wire``) is live only when a live op reads it,
and a procedural block that only assigns variables (``always_comb``/``always_ff`` without ``$display``,
assertions or calls) is live only when one of the variables it writes is. Without this, tying an output that
an ``always_comb`` drove left the block and its variable in place, unread (verilator UNUSEDSIGNAL).
"""

from __future__ import annotations

from collections.abc import Iterator

from circt import ir
from circt.dialects import hw

from ..dialect.constants import create_constant

_REMOVABLE = ("comb.", "hw.constant", "hw.bitcast", "hw.array_create", "hw.array_get", "hw.array_slice",
              "hw.array_concat", "hw.struct_create", "hw.struct_extract", "hw.aggregate_constant", "hw.wire",
              "seq.firreg", "seq.compreg", "seq.from_clock", "loom.param_value")
"""Ops without side effects that ``remove_dead_logic`` erases when nothing live reads them."""

_VARIABLES = ("sv.logic", "sv.reg", "sv.wire")
"""Declarations whose value lives in an inout: dead when no live op reads them (their writers follow them)."""

_WRITERS = ("sv.alwayscomb", "sv.alwaysff", "sv.always", "sv.assign")
"""Ops whose only effect is writing variables, when everything inside them is ``_PURE_INSIDE``."""

_PURE_INSIDE = ("sv.bpassign", "sv.passign", "sv.if", "sv.case", "sv.read_inout", "sv.indexed_part_select_inout",
                "sv.array_index_inout", "sv.struct_field_inout", "comb.", "hw.constant", "hw.bitcast",
                "hw.array_", "hw.struct_", "hw.aggregate_constant")
"""What a procedural block may hold and still be removable: assignments, their control flow and pure values."""


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


def _only_writes(operation: ir.Operation) -> bool:
    """Whether every op nested in ``operation`` only assigns variables or computes values (no side effect)."""
    return all(inner.operation.name.startswith(_PURE_INSIDE) and _only_writes(inner.operation)
               for region in operation.regions for block in region.blocks for inner in block.operations)


def _is_variable(operation: ir.Operation) -> bool:
    """An integer variable declaration (``var``, ``reg``): its value is read through ``sv.read_inout``."""
    return (operation.name in _VARIABLES and len(operation.results) == 1
            and isinstance(hw.InOutType(operation.results[0].type).element_type, ir.IntegerType))


def _is_inout(type_: ir.Type) -> bool:
    try:
        hw.InOutType(type_)
    except ValueError:
        return False
    return True


def _removable(operation: ir.Operation) -> bool:
    """Whether ``operation`` goes when nothing live depends on it (see the module docstring)."""
    if operation.name.startswith(_REMOVABLE) or operation.name == "sv.read_inout":
        return all(isinstance(r.type, ir.IntegerType) for r in operation.results)
    if operation.name in _WRITERS:
        return _only_writes(operation)
    return _is_variable(operation)


def _top_level(operation: ir.Operation | ir.OpView, block: ir.Block) -> ir.Operation:
    """The op of ``block`` that holds ``operation`` (itself when it is directly in ``block``)."""
    holder = operation.operation
    while holder.block != block:
        holder = holder.parent.operation
    return holder


def dead_logic(block: ir.Block, keep: set[ir.Operation] | frozenset[ir.Operation] = frozenset()) -> list[ir.Operation]:
    """The ops of ``block`` that no output, instance or side effect depends on (``keep`` counts as live).

    A mark-and-sweep from the ops that must stay (``loom.output``, instances,
    blocks with side effects, anything not removable), so a register that
    only feeds itself is dead too. A live variable makes the ops that write it live.
    """
    operations = [op.operation for op in block.operations]
    removable = {op for op in operations if op not in keep and _removable(op)}
    if not removable:
        return []
    live: set[ir.Operation] = set()

    def mark(operation: ir.Operation) -> None:
        if operation in removable and operation not in live:
            live.add(operation)
            work.append(operation)

    work = [op for op in operations if op not in removable]
    while work:
        op = work.pop()
        for value in _operands_deep(op):
            owner = value.owner
            if not isinstance(owner, ir.Block):
                mark(_top_level(owner.operation, block))
        # A live variable makes what writes it live, also through an element or field of it: after cse a
        # memory write's `sv.array_index_inout %mem[%a]` can be the one its read uses, outside the block.
        for result in op.results:
            if _is_inout(result.type):
                for use in result.uses:
                    mark(_top_level(use.owner, block))
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
            if has_uses(result) and op.name not in _VARIABLES:
                if result.type not in placeholders:
                    with op.location, ir.InsertionPoint.at_block_begin(block):
                        placeholders[result.type] = create_constant(result.type, 0).results[0]
                result.replace_all_uses_with(placeholders[result.type])
    # Writers before the variables they write (a variable's users must be gone before it).
    for op in sorted(dead, key=lambda op: op.name in _VARIABLES):
        op.erase()
    for value in placeholders.values():
        value.owner.operation.erase()
    return len(dead)

