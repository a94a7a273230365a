"""What the statement-level rewrite passes share: module bodies, op classes, pattern drivers.

The passes run on loom IR (``loom.module`` bodies, see docs/ir-conventions.md)
and equally on lowered ``hw.module`` bodies, so each pass can sit anywhere in
a pipeline. Ops are recognised by name (``op.operation.name``) rather than by
OpView class: loom's own ops are unregistered and the name is the one
accessor that is cheap for every op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

from circt import ir, rewrite

from ...dialect import analyses

# Re-exported: the rewrites take their IR helpers from here.
from ...dialect.constants import constant_value  # noqa: F401
from ...dialect.opkinds import (
    GUARDS,
    MODULES,
    PROCEDURAL_BLOCKS,
    PURE,
    SIDE_EFFECT_FREE_REGISTERS,
    STATEMENT_CONTAINERS,
)
from ...dialect.statement_ops import PlaceholderOp
from ..builtin_passes import ABSENT, IDLE_WHEN, UNFOUND, UNHELD
from ..structure import attributed_modules, defining_op

# Op kinds (modules, variables, assignments, blocks, ...) come from ``loom.dialect.opkinds``.
CONTINUOUS_ASSIGN = "sv.assign"

PatternFn = Callable[[ir.Operation, rewrite.PatternRewriter], bool]
"""A pattern body: returns True when it rewrote ``op`` (the natural sense; see ``_binding``)."""


def is_pure(op: ir.Operation) -> bool:
    """Whether ``op`` only computes values: moving or erasing it changes no behaviour."""
    name = op.name
    return name.startswith("comb.") or name in PURE


def module_bodies(root: ir.Operation) -> Iterator[tuple[ir.Operation, ir.Block]]:
    """(module op, body block) of every loom.module / hw.module directly in ``root``."""
    for op in root.regions[0].blocks[0].operations:
        operation = op.operation
        if operation.name in MODULES and len(operation.regions[0].blocks):
            yield operation, operation.regions[0].blocks[0]


def module_name(module: ir.Operation) -> str:
    return ir.StringAttr(module.attributes["sym_name"]).value


def parent_op(op: ir.Operation) -> ir.Operation | None:
    parent = op.parent
    return parent.operation if parent is not None else None


def is_clocked(block_op: ir.Operation) -> bool:
    """Whether a procedural block runs on clock edges (non-blocking semantics).

    ``sv.alwaysff`` always does; ``sv.always`` does when one of its events is
    a posedge or negedge (CIRCT's EventControl 0 and 1; 2 is "any change").
    """
    if block_op.name == "sv.alwaysff":
        return True
    if block_op.name != "sv.always":
        return False
    events = ir.ArrayAttr(block_op.attributes["events"])
    return any(ir.IntegerAttr(event).value in (0, 1) for event in events)


def enclosing_block_op(op: ir.Operation) -> ir.Operation | None:
    """The procedural block (``sv.alwayscomb``, ``sv.alwaysff``, ...) that ``op`` is in, if any."""
    current = parent_op(op)
    while current is not None and current.name not in PROCEDURAL_BLOCKS:
        if current.name in MODULES:
            return None
        current = parent_op(current)
    return current


def enclosing_module(op: ir.Operation) -> str:
    """The name of the loom/hw module ``op`` is in ("" when it is in none)."""
    current = parent_op(op)
    while current is not None and current.name not in MODULES:
        current = parent_op(current)
    return module_name(current) if current is not None else ""


def statements(block: ir.Block) -> list[ir.Operation]:
    """The ops of ``block`` that are statements (everything but pure expressions)."""
    return [op.operation for op in block.operations if not is_pure(op.operation)]


def users(value: ir.Value) -> list[ir.Operation]:
    return [use.owner.operation for use in value.uses]


def has_uses(op: ir.Operation) -> bool:
    return any(True for result in op.results for _ in result.uses)


def int_width(type_: ir.Type) -> int | None:
    """The width of an integer type, None for anything else (e.g. a parametric ``!hw.int``)."""
    return type_.width if isinstance(type_, ir.IntegerType) else None


def _binding(fn: PatternFn) -> Callable[[ir.OpView, rewrite.PatternRewriter], bool]:
    """Adapt a pattern to the binding's convention, where a *falsy* return means "matched"."""
    def apply(op: ir.OpView, rewriter: rewrite.PatternRewriter) -> bool:
        return not fn(op.operation, rewriter)

    return apply


def pattern_set(patterns: Iterable[tuple[str, PatternFn]]) -> rewrite.FrozenRewritePatternSet:
    patterns_ = rewrite.RewritePatternSet()
    for root, fn in patterns:
        patterns_.add(root, _binding(fn))
    return patterns_.freeze()


def apply_greedily(root: ir.Operation, patterns: Iterable[tuple[str, PatternFn]] = ()) -> None:
    """Apply ``patterns`` to a fixpoint with MLIR's greedy driver; also erases dead pure ops.

    Folding and constant CSE are off: these passes change what they are
    about and leave general simplification to ``canonicalize`` (which would,
    among other things, hoist constants out of procedural blocks).
    """
    config = rewrite.GreedyRewriteConfig()
    config.enable_folding = False
    config.enable_constant_cse = False
    rewrite.apply_patterns_and_fold_greedily(root, pattern_set(patterns), config)


def erase_dead_pure_ops(root: ir.Operation) -> None:
    """Erase pure ops nobody uses (what a pass leaves behind), to a fixpoint."""
    apply_greedily(root)


Erased = set[int]
"""The ``op_key`` of every op a clean-up erased: a caller holding handles to other ops checks each against it
before touching it (a handle to an erased op is unsafe to use, even to hash)."""


def op_key(op: ir.Operation) -> int:
    """A key for ``op`` that stays the same while it lives (its address): the same op read twice has one key,
    and an op that was never erased never shares its key with an erased one."""
    return hash(op)


def erase_with_unread_producers(operation: ir.Operation, keep: ir.Operation | None = None,
                                erased: Erased | None = None) -> None:
    """Erase the unread ``operation``, then the pure ops only it read, and so on up (never ``keep``).

    For a rewrite that replaced one op: what fed only that op is dead now, and ExportVerilog would print
    some of it (a cast, an element read) as a wire nothing reads (UNUSEDSIGNAL). Unlike
    ``erase_dead_pure_ops`` it looks only above ``operation``, and never at a named wire or a localparam.
    ``keep`` is an op the caller still holds (a Python handle to an erased op would crash); ``erased``, if
    given, gets the key of every op erased.
    """
    _erase_upwards([operation], keep, erased)


def erase_unread_producers(values: Iterable[ir.Value], keep: ir.Operation | None = None,
                           erased: Erased | None = None) -> None:
    """Erase the pure ops defining ``values`` that nothing reads any more, and what only they read (not
    ``keep``).

    For a rewrite that erased the readers of ``values`` (a branch never taken, with its statements)."""
    roots: list[ir.Operation] = []
    for value in values:
        producer = defining_op(value)
        if producer is not None and producer not in roots and (keep is None or producer != keep) \
                and is_pure(producer) and not has_uses(producer):
            roots.append(producer)
    _erase_upwards(roots, keep, erased)


def _erase_upwards(roots: list[ir.Operation], keep: ir.Operation | None, erased: Erased | None) -> None:
    """Erase ``roots`` (unread ops), then every pure producer all of whose readers are erased (not ``keep``)."""
    # The dead ops are found first and erased after, users before producers: a Python handle to an erased
    # op is unsafe to touch, and a producer can be reached twice (a diamond, an op reading one value twice).
    dead = list(roots)
    seen = set(roots)
    for op in dead:  # grows while it is read; a producer joins once every one of its readers has
        for value in op.operands:
            producer = defining_op(value)
            if producer is None or producer in seen or (keep is not None and producer == keep) \
                    or not is_pure(producer):
                continue
            if all(use.owner.operation in seen for result in producer.results for use in result.uses):
                seen.add(producer)
                dead.append(producer)
    if erased is not None:
        erased.update(op_key(op) for op in dead)
    for op in dead:
        op.erase()


def walk_and_apply(root: ir.Operation, patterns: Iterable[tuple[str, PatternFn]]) -> bool:
    """One post-order walk applying ``patterns`` (MLIR's walk driver: no re-visits, no folding); whether one of
    them rewrote something (a pass that found nothing to do returns ``False``: the IR is untouched)."""
    applied = False

    def noting(fn: PatternFn) -> PatternFn:
        def apply(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
            nonlocal applied
            done = fn(op, rewriter)
            applied = applied or done
            return done
        return apply

    rewrite.walk_and_apply_patterns(root, pattern_set((name, noting(fn)) for name, fn in patterns))
    return applied


def visit(root: ir.Operation, names: Iterable[str], fn: Callable[[ir.Operation], object]) -> None:
    """Call ``fn`` on every op named in ``names`` under ``root``, in walk order; ``fn`` must not change the IR.

    MLIR's walk driver does the walking in C++ and calls Python only for the
    named ops (a Python ``Operation.walk`` would pay for every op). ``fn`` is called straight from the
    driver's callback, which answers "no match" (the binding's ``True``): one Python call per op.
    """
    def call(op: ir.OpView, rewriter: rewrite.PatternRewriter) -> bool:
        del rewriter
        fn(op.operation)
        return True

    patterns = rewrite.RewritePatternSet()
    for name in names:
        patterns.add(name, call)
    rewrite.walk_and_apply_patterns(root, patterns.freeze())


def collect(root: ir.Operation, names: Iterable[str]) -> list[ir.Operation]:
    """Every op named in ``names`` under ``root``, in walk order (``visit``)."""
    found: list[ir.Operation] = []
    visit(root, names, found.append)
    return found


RARE_OPS: frozenset[str] = PROCEDURAL_BLOCKS | GUARDS | SIDE_EFFECT_FREE_REGISTERS | frozenset({
    "loom.func", "loom.fsm", "loom.dpi_call", "loom.interface_instance", "loom.interface_read",
    "loom.interface_assign", "hw.param.value", "sv.localparam"})
"""Op names some passes of the default pipeline (and the choice of the clean-up's ``canonicalize``) act on and
few designs hold many of (``absent``): a walk for them calls Python a few times per module at most. Variables,
branches and assignments are not among them: a procedural design holds dozens of each per module, and the walk
would call Python for every one."""

_PRESENT = "rare-op-names"


def absent(root: ir.Operation, names: Iterable[str]) -> bool:
    """Whether ``root`` holds no op named in ``names`` (each in ``RARE_OPS``): a pass with nothing to do then
    returns at once. Ask it before the pass changes anything.

    The first pass of a pipeline run to ask walks the design once (in C++, calling Python for the ops of
    ``RARE_OPS`` only) and keeps the names it found for the passes after it, as long as no pass changes the
    IR (``dialect/analyses.py``): the passes for functions, FSMs, DPI calls and interfaces on a design
    without them cost one walk, not one each. Only names are kept, never ops.
    """
    wanted = frozenset(names)
    assert wanted <= RARE_OPS, f"not kept for absent(): {sorted(wanted - RARE_OPS)}"
    kept = analyses.take(root, _PRESENT)
    present = cast(frozenset[str], kept) if kept is not None else \
        frozenset(op.name for op in collect(root, sorted(RARE_OPS)))
    analyses.remember(root, _PRESENT, present)
    return wanted.isdisjoint(present)


def may_hold(root: ir.Operation, names: Iterable[str]) -> bool:
    """Whether ``root`` may hold an op named in ``names``: a pass whose driver walks the whole design asks
    before running it. A design with procedural blocks (``absent``) is taken to hold them without a look
    (variables and statements come with those blocks, and the look would call Python for each); a flat
    design is looked at (``holds``)."""
    return not absent(root, PROCEDURAL_BLOCKS) or holds(root, names)


def holds(root: ir.Operation, names: Iterable[str]) -> bool:
    """Whether ``root`` holds an op named in ``names``: one walk in C++ that calls Python for those ops only.
    The answer is kept like ``absent``'s, so the pipeline's question before it imports a pass (``idle``) and
    the pass's own cost one walk; the ops found are kept for the pass too (``collect_held``)."""
    key = ",".join(sorted(set(names)))
    kept = analyses.take(root, "holds:" + key)
    if kept is None:
        found = collect(root, sorted(set(names)))
        analyses.remember(root, "held:" + key, found)
        kept = bool(found)
    analyses.remember(root, "holds:" + key, kept)
    return cast(bool, kept)


def collect_held(root: ir.Operation, names: Iterable[str]) -> list[ir.Operation]:
    """``collect(root, names)``, taken from the walk ``holds`` made for the same names if the IR has not changed
    since: a pass that ``idle`` let run finds its ops without a second walk. The ops are handed out once."""
    kept = analyses.take(root, "held:" + ",".join(sorted(set(names))))
    return cast(list[ir.Operation], kept) if kept is not None else collect(root, names)


def idle(root: ir.Operation, name: str) -> bool:
    """Whether the built-in pass ``name`` (a key of ``builtin_passes.IDLE_WHEN``), run with its default options,
    has nothing to do on ``root``.

    The registry hands out such a pass as a ``DeferredPass``, which asks this before it imports the pass's
    file; the pass asks it again as it starts, so the two cannot disagree. The facts behind the answers are
    kept for the pipeline run while no pass changes the IR: which rare ops the design holds, which ops of a set
    it may hold or holds (``absent``, ``may_hold``, ``holds``), which generator attributes its modules carry
    (``structure.attributed_modules``)."""
    when = IDLE_WHEN[name]
    if when.test == ABSENT:
        return absent(root, when.names)
    if when.test == UNHELD:
        return not may_hold(root, when.names)
    if when.test == UNFOUND:
        return not holds(root, when.names)
    return not any(attribute in attributes for _, attributes in attributed_modules(root) for attribute in when.names)


def is_empty_statement(op: ir.Operation) -> bool:
    """Whether a block or branch statement holds no statement in any of its regions."""
    return op.name in STATEMENT_CONTAINERS and all(
        not statements(block) for region in op.regions for block in region.blocks)


def erase_ops(ops: Iterable[ir.Operation]) -> None:
    """Erase a set of ops whose results are used only among themselves (cycles included).

    Ops go users first; a cycle (a register feeding itself) is cut by
    redirecting its uses to a placeholder op that is erased at the end, once
    every user is gone.
    """
    remaining = list(ops)
    placeholders: list[ir.Operation] = []
    while remaining:
        ready = [op for op in remaining if not has_uses(op)]
        if not ready:
            op = remaining[0]
            for result in op.results:
                placeholder = ir.Operation.create(PlaceholderOp.OPERATION_NAME, results=[result.type],
                                                  loc=op.location, ip=ir.InsertionPoint(op))
                result.replace_all_uses_with(placeholder.result)
                placeholders.append(placeholder)
            continue
        for op in ready:
            remaining.remove(op)
            op.erase()
    for placeholder in placeholders:
        placeholder.erase()
