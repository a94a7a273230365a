"""Sparse specialisation: apply an edit to the instances a path pattern matches, copying only what must differ.

The design is stored per module. An ``Edit`` says what to do to a matched
instance: change its module's body (``module``: add/replace/remove logic,
add a port, set an attribute) and/or change the instance op in its parent
(``instance``: set a parameter, remove or retarget it). ``apply_edit``:

1. walks the instance graph from the top while running the pattern's
   automaton (``dialect/automaton.py``). A module reached in state S is the
   pair (module, S); a pair is *affected* when the edit applies at it or at an
   instance below it. Pairs are memoised, so the walk visits at most
   modules x states pairs and never enumerates instance paths; a state from
   which nothing can match any more (``dead``) is not descended into.
2. materialises each affected pair, children first, as a copy of its module
   (the *variant*): instances that lead to affected pairs point at their
   variants, matched instance ops get the instance edit, a matched module
   gets the module edit.
3. merges each variant with an equal module (its original, or another
   variant) by structural hash plus text equality (``structural.py``).
4. erases originals that nothing uses any more; when exactly one variant of
   such a module is left, it takes the original name (so the top keeps its
   name). Unaffected modules are never touched.

Editing one leaf of a depth-20 binary tree therefore adds one variant per
level on its path (41 modules instead of 21), not 2^20 copies.

The editors a callback receives are in ``editors.py``, the built-in edits
in ``edit_passes/__init__.py`` and their passes beside it, the pruning of dead logic in
``dead_logic.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from circt import ir

from ..dialect.automaton import Automaton, compile_pattern
from ..dialect.errors import PassFailedError
from ..dialect.hierarchy import Hierarchy
from ..dialect.ops import IN, OUT, InstanceOp, ModuleOp
from ..dialect.paths import Pattern
from ..dialect.symbols import claim_unique_name
from .dead_logic import dead_logic, has_uses, remove_dead_logic
from .editors import InstanceEdit, InstanceEditor, ModuleEdit, ModuleEditor
from .structural import StructuralTable, structural_text, structural_texts

_TAG_CHARACTERS = re.compile(r"[^A-Za-z0-9_]")
"""Characters of an edit's tag (made from user values, ``o_-1``) that cannot be in a module name."""


@dataclass
class Edit:
    """What to do at each matched instance: to its module (``module``) and/or to the instance op (``instance``).

    ``tag`` names the variants (``Leaf_<tag>``); ``merge`` merges variants
    with equal modules (turn it off only to keep copies apart on purpose, as
    ``duplicate`` does). ``punch``: output ports the edit adds are routed up
    through every level to the top, named by the instance path
    (``c1_c2_dbg``); each module variant on the way gets the ports of the
    matched instances below it.
    """

    module: ModuleEdit | None = None
    instance: InstanceEdit | None = None
    tag: str = "edit"
    merge: bool = True
    punch: bool = False
    applies: Callable[[str], bool] | None = None
    """Restricts ``module``: it applies to a matched instance only when this holds for its module's name (a
    scoped pass that changes nothing in a module makes no variant of it, ``scoping.py``)."""

    def module_edit_at(self, name: str, matched: bool) -> bool:
        """Whether ``module`` runs on a (module, state) pair whose state is ``matched``."""
        return self.module is not None and matched and (self.applies is None or self.applies(name))


@dataclass
class EditResult:
    """What ``apply_edit`` did; the counts are what the tests and benchmarks check."""

    pattern: str
    automaton_states: int = 0
    pairs_visited: int = 0
    affected_pairs: int = 0
    matched_modules: int = 0
    """Variants whose module edit ran (one per matched (module, state) pair, not per instance)."""
    matched_instance_ops: int = 0
    """Instance ops whose instance edit ran (in variants, so again not per elaborated instance)."""
    merged: int = 0
    created: list[str] = field(default_factory=list)
    """Modules of the result that did not exist before (after merging and renaming)."""
    erased: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    variants: dict[tuple[str, int], str] = field(default_factory=dict)
    """(module, automaton state) -> the module that pair uses now."""

    @property
    def matched(self) -> bool:
        return bool(self.matched_modules or self.matched_instance_ops)


class _EditRun:
    def __init__(self, root: ir.Operation, pattern: str | Pattern, edit: Edit, top: str | None,
                 hierarchy: Hierarchy | None):
        self.root = root
        self.edit = edit
        self.hier = hierarchy or Hierarchy(root, top)
        self.auto: Automaton = compile_pattern(pattern)
        self.result = EditResult(pattern if isinstance(pattern, str) else str(pattern))
        self.memo: dict[tuple[str, int], bool] = {}
        self.order: list[tuple[str, int]] = []
        self.variant_ops: dict[str, ModuleOp] = {}
        self.dropped_inputs: dict[str, frozenset[str]] = {}
        self.punched: dict[str, list[str]] = {}
        self.variant_origin: dict[str, str] = {}

    def is_loom(self, name: str) -> bool:
        op = self.hier.modules.get(name)
        return op is not None and op.operation.name == "loom.module"

    def lookup(self, name: str) -> ir.OpView | None:
        return self.variant_ops.get(name) or self.hier.modules.get(name)

    # -- 1. which (module, state) pairs are affected ---------------------------------------------

    def walk(self) -> None:
        auto, edit = self.auto, self.edit
        top = self.hier.top
        if not self.is_loom(top):
            raise PassFailedError(f"top module '{top}' is not a loom.module; edit the design before lowering")
        start = (top, auto.start)
        if auto.dead(auto.start):
            self.memo[start] = False
            return
        self.result.pairs_visited = 1
        stack: list[list[object]] = [[top, auto.start, 0, edit.module_edit_at(top, auto.accepts(auto.start))]]
        self.memo[start] = False  # placeholder while in progress (the instance graph has no cycles)
        while stack:
            frame = stack[-1]
            name, state, index = frame[0], frame[1], frame[2]
            edges = self.hier.edges[name]  # type: ignore[index]
            if index < len(edges):  # type: ignore[operator]
                frame[2] = index + 1  # type: ignore[operator]
                edge = edges[index]  # type: ignore[index]
                child_state = auto.step(state, edge.label)  # type: ignore[arg-type]
                if edit.instance is not None and auto.accepts(child_state):
                    frame[3] = True
                if not self.is_loom(edge.target):
                    continue
                key = (edge.target, child_state)
                known = self.memo.get(key)
                if known is None:
                    if auto.dead(child_state):
                        self.memo[key] = False
                        continue
                    self.memo[key] = False
                    self.result.pairs_visited += 1
                    stack.append([edge.target, child_state, 0,
                                  edit.module_edit_at(edge.target, auto.accepts(child_state))])
                elif known:
                    frame[3] = True
                continue
            stack.pop()
            key = (name, state)  # type: ignore[assignment]
            affected = bool(frame[3])
            self.memo[key] = affected  # type: ignore[index]
            if affected:
                self.order.append(key)  # type: ignore[arg-type]
                if stack:
                    stack[-1][3] = True

    # -- 2./3. variants, children first, merged as they are made ---------------------------------

    def materialize(self) -> None:
        auto, edit = self.auto, self.edit
        names: dict[tuple[str, int], str] = {}
        table = StructuralTable()
        seeded: set[str] = set()
        originals: dict[str, str] | None = None  # the originals' texts, printed at once when first needed
        taken = set(self.hier.modules)
        for key in self.order:
            name, state = key
            original = self.hier.modules[name]
            clone = original.operation.clone(ip=ir.InsertionPoint(original.operation))
            variant_name = claim_unique_name(f"{name}_{_TAG_CHARACTERS.sub('_', edit.tag)}", taken)
            clone.attributes["sym_name"] = ir.StringAttr.get(variant_name)
            module = ModuleOp(clone)
            # What is dead before the edit stays (only what the edit kills is removed).
            already_dead = dead_logic(module.body) if name != self.hier.top else []
            editor = ModuleEditor(module, self.lookup, name)
            self.variant_ops[variant_name] = module
            instance_ops = [op for op in module.body.operations if isinstance(op, InstanceOp)]
            for edge, op in zip(self.hier.edges[name], instance_ops):
                child_state = auto.step(state, edge.label)
                child = names.get((edge.target, child_state))
                if child is not None and child != edge.target:
                    op.operation.attributes["module"] = ir.FlatSymbolRefAttr.get(child)
                    dropped = self.dropped_inputs.get(child)
                    if dropped and not dropped.isdisjoint(op.input_names):
                        op = _without_inputs(op, dropped)
                    if self.punched.get(child):
                        connector = InstanceEditor(op, editor)
                        for port in self.punched[child]:
                            editor.add_output(f"{op.instance_name}_{port}", connector.connect_output(port))
                        op = connector.op
                if edit.instance is not None and auto.accepts(child_state):
                    edit.instance(InstanceEditor(op, editor))
                    self.result.matched_instance_ops += 1
            if edit.module is not None and edit.module_edit_at(name, auto.accepts(state)):
                edit.module(editor)
                self.result.matched_modules += 1
            if edit.punch:
                before = {p.name for p in ModuleOp(original.operation).ports}
                self.punched[variant_name] = [p.name for p in module.ports if p.direction == OUT and p.name not in before]
            if name != self.hier.top:
                self.prune(module, original, already_dead)
            final = variant_name
            # The top's variant replaces the top whatever it holds: comparing would only cost two prints.
            if edit.merge and name != self.hier.top:
                if name not in seeded:
                    if originals is None:
                        originals = structural_texts(self.root)  # originals are never edited, only cloned
                    table.add(originals[name], name)
                    seeded.add(name)
                final = table.find_or_add(structural_text(clone), variant_name)
            if final != variant_name:
                self.punched[final] = self.punched.pop(variant_name, [])
                clone.erase()
                del self.variant_ops[variant_name]
                taken.discard(variant_name)
                self.result.merged += 1
            else:
                self.variant_origin[variant_name] = name
            names[key] = final
        self.result.variants = names
        self.result.affected_pairs = len(self.order)

    def prune(self, module: ModuleOp, original: ir.OpView, already_dead: list[ir.Operation]) -> None:
        """Remove logic the edit left dead, then the input ports it left unread (the original read them).

        Keeps "remove logic" edits lint-clean (verilator -Wall reports unread
        inputs); the parents' variants drop the connections. The top keeps its ports.
        """
        remove_dead_logic(module.body, set(already_dead))
        arguments = module.body.arguments
        original_arguments = original.operation.regions[0].blocks[0].arguments
        unread = [i for i, (arg, old) in enumerate(zip(arguments, original_arguments))
                  if not has_uses(arg) and has_uses(old)]
        if not unread:
            return
        inputs = [p for p in module.ports if p.direction == IN]
        dropped = frozenset(inputs[i].name for i in unread)
        for index in reversed(unread):
            module.body.erase_argument(index)
        kept = [p for p in module.ports if not (p.direction == IN and p.name in dropped)]
        module.operation.attributes["ports"] = ir.ArrayAttr.get([p.to_attr() for p in kept])
        self.dropped_inputs[module.sym_name] = dropped

    # -- 4. erase what is no longer used, give single variants their original name --------------

    def targets(self, name: str) -> list[str]:
        variant = self.variant_ops.get(name)
        if variant is None:
            return [e.target for e in self.hier.edges.get(name, [])]
        return [op.module_name for op in variant.body.operations if isinstance(op, InstanceOp)]

    def reachable(self, roots: list[str]) -> set[str]:
        seen: set[str] = set()
        work = [r for r in roots]
        while work:
            name = work.pop()
            if name in seen:
                continue
            seen.add(name)
            work.extend(t for t in self.targets(name) if t not in seen)
        return seen

    def clean_up(self) -> None:
        top = self.hier.top
        final_top = self.result.variants.get((top, self.auto.start), top)
        other_tops = [t for t in self.hier.tops if t != top]
        before = self.reachable(list(self.hier.tops))
        live = self.reachable(other_tops + [final_top])
        for name in [n for n in self.variant_ops if n not in live]:
            self.variant_ops.pop(name).operation.erase()
        for name in sorted(before - live):
            if self.is_loom(name):
                self.hier.modules[name].operation.erase()
                self.result.erased.append(name)
        remaining: dict[str, list[str]] = {}
        for variant, origin in self.variant_origin.items():
            if variant in self.variant_ops:
                remaining.setdefault(origin, []).append(variant)
        renames = {variants[0]: origin for origin, variants in remaining.items()
                   if origin in self.result.erased and len(variants) == 1}
        for old, new in renames.items():
            self.variant_ops[old].operation.attributes["sym_name"] = ir.StringAttr.get(new)
        if renames:
            for variant in self.variant_ops.values():
                for op in variant.body.operations:
                    if isinstance(op, InstanceOp) and op.module_name in renames:
                        op.operation.attributes["module"] = ir.FlatSymbolRefAttr.get(renames[op.module_name])
        self.result.renamed = renames
        self.result.created = sorted(renames.get(n, n) for n in self.variant_ops if renames.get(n, n) not in before)
        self.result.variants = {k: renames.get(v, v) for k, v in self.result.variants.items()}
        self.result.automaton_states = self.auto.num_states

    def run(self) -> EditResult:
        self.walk()
        if self.order:
            self.materialize()
            self.clean_up()
        self.result.automaton_states = self.auto.num_states
        return self.result



def _without_inputs(op: InstanceOp, dropped: frozenset[str]) -> InstanceOp:
    """``op`` rebuilt without its connections to the inputs ``dropped`` (its target no longer has them)."""
    operation = op.operation
    inputs = [(n, v) for n, v in zip(op.input_names, operation.operands) if n not in dropped]
    attributes = {name: operation.attributes[name] for name in operation.attributes}
    attributes["input_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n, _ in inputs])
    with operation.location, ir.InsertionPoint(operation):
        new = ir.Operation.create(InstanceOp.OPERATION_NAME, results=[r.type for r in operation.results],
                                  operands=[v for _, v in inputs], attributes=attributes)
    for old, result in zip(operation.results, new.results):
        old.replace_all_uses_with(result)
    operation.erase()
    return InstanceOp(new)


def apply_edit(root: ir.Operation, pattern: str | Pattern, edit: Edit, top: str | None = None,
               hierarchy: Hierarchy | None = None) -> EditResult:
    """Apply ``edit`` to every instance ``pattern`` matches under ``top`` (see the module docstring).

    ``root`` is the ``builtin.module``; the instance graph is read once
    (pass ``hierarchy`` to reuse one that is still current). Raises
    PatternSyntaxError for a bad pattern and PassFailedError for a bad edit.
    """
    return _EditRun(root, pattern, edit, top, hierarchy).run()

