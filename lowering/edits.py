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

Passes (options: ``path`` is the pattern, ``top`` the top module, default the
only module nobody instantiates): ``loom-set-parameter{path name value}``,
``loom-set-attribute{path name value}``, ``loom-tie-output{path port value}``,
``loom-expose{path signal port}``, ``loom-remove-instance{path}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from circt import ir

from ..dialect import remarks
from ..dialect.automaton import Automaton, compile_pattern
from ..dialect.constants import create_constant, signed_literal
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.hierarchy import Hierarchy
from ..dialect.ops import IN, OUT, InstanceOp, ModuleOp, OutputOp, PortInfo
from ..dialect.paths import Pattern
from ..dialect.symbols import claim_unique_name
from .specialize import tie_to_zero
from .structural import StructuralTable, structural_text, structural_texts

_TAG_CHARACTERS = re.compile(r"[^A-Za-z0-9_]")
"""Characters of an edit's tag (made from user values, ``o_-1``) that cannot be in a module name."""


def fits_width(value: int, width: int) -> bool:
    """Whether ``value`` is a ``width``-bit constant, unsigned or two's complement (as the frontend allows)."""
    return -(1 << (width - 1)) <= value < (1 << width)


# -- editors handed to edit callbacks ---------------------------------------------------------------


class ModuleEditor:
    """One module variant being edited: look up its ports and named signals, change its logic and ports.

    New ops go before the module's ``loom.output`` (``with editor.insertion_point``),
    at the module's location unless the caller sets another.
    """

    def __init__(self, module: ModuleOp, lookup: Callable[[str], ir.OpView | None], origin: str | None = None):
        self.module = module
        self._lookup = lookup
        self.origin = origin or module.sym_name
        """The module this variant was copied from (what error messages name)."""

    @property
    def name(self) -> str:
        return self.module.sym_name

    @property
    def location(self) -> ir.Location:
        return self.module.location

    @property
    def insertion_point(self) -> ir.InsertionPoint:
        return ir.InsertionPoint(self.module.output.operation)

    def _ports(self) -> list[PortInfo]:
        return self.module.ports

    def input(self, name: str) -> ir.Value:
        """The block argument of input port ``name``."""
        inputs = [p for p in self._ports() if p.direction == IN]
        for index, port in enumerate(inputs):
            if port.name == name:
                return self.module.body.arguments[index]
        raise PassFailedError(f"module '{self.origin}' has no input '{name}' (inputs:"
                              f" {', '.join(p.name for p in inputs) or 'none'})", location_text(self.location))

    def _output_index(self, name: str) -> int:
        outputs = [p for p in self._ports() if p.direction == OUT]
        for index, port in enumerate(outputs):
            if port.name == name:
                return index
        raise PassFailedError(f"module '{self.origin}' has no output '{name}' (outputs:"
                              f" {', '.join(p.name for p in outputs) or 'none'})", location_text(self.location))

    def output(self, name: str) -> ir.Value:
        """The value that currently drives output port ``name``."""
        return self.module.output.operation.operands[self._output_index(name)]

    def set_output(self, name: str, value: ir.Value) -> None:
        """Drive output ``name`` with ``value`` (the old driver stays until a clean-up removes it)."""
        self.module.output.operation.operands[self._output_index(name)] = value

    def add_output(self, name: str, value: ir.Value) -> None:
        """A new output port ``name`` driven by ``value`` (the parents' instances may leave it unconnected)."""
        ports = self._ports()
        if any(p.name == name for p in ports):
            raise PassFailedError(f"module '{self.origin}' already has a port '{name}'", location_text(self.location))
        attrs = self.module.operation.attributes
        attrs["ports"] = ir.ArrayAttr.get([p.to_attr() for p in ports] + [PortInfo(name, OUT, value.type).to_attr()])
        output = self.module.output
        with output.location, ir.InsertionPoint(output.operation):
            OutputOp.build(list(output.operation.operands) + [value])
        output.operation.erase()

    def signal(self, name: str) -> ir.Value:
        """A named value of the body: a wire, register or variable (``name`` attribute), or a port."""
        for op in self.module.body.operations:
            attrs = op.operation.attributes
            if "name" in attrs and isinstance(attrs["name"], ir.StringAttr) and \
                    ir.StringAttr(attrs["name"]).value == name and len(op.operation.results) == 1:
                return op.operation.results[0]
        ports = self._ports()
        if any(p.name == name and p.direction == IN for p in ports):
            return self.input(name)
        if any(p.name == name for p in ports):
            return self.output(name)
        raise PassFailedError(f"module '{self.origin}' has no signal named '{name}'", location_text(self.location))

    def constant(self, value: int, width: int) -> ir.Value:
        """An ``hw.constant`` before the output (unsigned ``value`` truncated to ``width`` bits)."""
        with self.location, self.insertion_point:
            return create_constant(ir.IntegerType.get_signless(width), value).results[0]

    def create(self, name: str, operands: list[ir.Value], result: ir.Type | None = None,
               attributes: dict[str, ir.Attribute] | None = None) -> ir.Value | None:
        """Create op ``name`` (e.g. ``"comb.xor"``) before the output; its result, if it has one."""
        with self.location, self.insertion_point:
            op = ir.Operation.create(name, results=[result] if result is not None else [], operands=operands,
                                     attributes=attributes or {})
        return op.results[0] if result is not None else None

    def instances(self) -> Iterator[InstanceOp]:
        for op in self.module.body.operations:
            if isinstance(op, InstanceOp):
                yield op

    def instance(self, name: str) -> InstanceOp:
        for op in self.instances():
            if op.instance_name == name:
                return op
        raise PassFailedError(f"module '{self.origin}' has no instance '{name}'", location_text(self.location))

    def set_attribute(self, key: str, value: str) -> None:
        """A generator attribute (``user_attributes[key] = value``, as kratos ``add_attribute``)."""
        attrs = self.module.operation.attributes
        entries = {n.name: n.attr for n in ir.DictAttr(attrs["user_attributes"])} \
            if "user_attributes" in attrs else {}
        entries[key] = ir.StringAttr.get(value)
        attrs["user_attributes"] = ir.DictAttr.get(entries)

    def lookup(self, name: str) -> ir.OpView | None:
        """Any module of the design by name (originals and the variants made so far)."""
        return self._lookup(name)


class InstanceEditor:
    """One matched instance op, inside its parent's variant."""

    def __init__(self, op: InstanceOp, parent: ModuleEditor):
        self.op = op
        self.parent = parent

    @property
    def name(self) -> str:
        return self.op.instance_name

    @property
    def target(self) -> ModuleOp:
        target = self.parent.lookup(self.op.module_name)
        if not isinstance(target, ModuleOp):
            raise PassFailedError(f"instance '{self.name}' refers to '@{self.op.module_name}', which is not a"
                                  " loom.module", location_text(self.op.location))
        return target

    def set_parameter(self, name: str, value: int | ir.Attribute) -> None:
        """Set parameter (or identity parameter) ``name`` of this instance; an int takes the declared type."""
        target = self.target
        decls = {d.name: d for d in target.parameters}
        if name not in decls:
            raise PassFailedError(f"instance '{self.name}' of '{target.sym_name}': no parameter '{name}'"
                                  f" (parameters: {', '.join(decls) or 'none'})", location_text(self.op.location))
        if isinstance(value, int):
            width = ir.IntegerType(decls[name].type).width
            if isinstance(value, bool) or not 0 <= value < (1 << width):
                raise PassFailedError(f"value {value!r} of parameter '{name}' of '{target.sym_name}' must be an int in"
                                      f" [0, 2**{width})", location_text(self.op.location))
            value = ir.IntegerAttr.get(decls[name].type, signed_literal(value, width))
        key = "identity" if name in target.identity_parameters else "parameters"
        attrs = self.op.operation.attributes
        entries = {n.name: n.attr for n in ir.DictAttr(attrs[key])} if key in attrs else {}
        entries[name] = value
        attrs[key] = ir.DictAttr.get(entries)

    def connect_output(self, port: str) -> ir.Value:
        """The value of output ``port`` of this instance, connecting it if the instance leaves it open.

        The instance op is rebuilt with one more result; ``self.op`` is the new op.
        """
        names = self.op.output_names
        if port in names:
            return self.op.operation.results[names.index(port)]
        target = self.target
        ports = {p.name: p for p in target.ports if p.direction == OUT}
        if port not in ports:
            raise PassFailedError(f"instance '{self.name}' of '{target.sym_name}' has no output '{port}'",
                                  location_text(self.op.location))
        operation = self.op.operation
        result_type = ports[port].type
        attributes = {name: operation.attributes[name] for name in operation.attributes}
        attributes["output_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in names + [port]])
        with operation.location, ir.InsertionPoint(operation):
            new = ir.Operation.create(InstanceOp.OPERATION_NAME, results=[r.type for r in operation.results] +
                                      [result_type], operands=list(operation.operands), attributes=attributes)
        for old, result in zip(operation.results, new.results):
            old.replace_all_uses_with(result)
        operation.erase()
        self.op = InstanceOp(new)
        return new.results[len(names)]

    def remove(self) -> None:
        """Remove the instance; whatever read its outputs reads zero."""
        operation = self.op.operation
        with ir.InsertionPoint(operation):
            for name, result in zip(self.op.output_names, operation.results):
                tie_to_zero(result, f"output '{name}' of removed instance '{self.name}'", operation.location)
        operation.erase()


ModuleEdit = Callable[[ModuleEditor], None]
InstanceEdit = Callable[[InstanceEditor], None]


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
                  if not _has_uses(arg) and _has_uses(old)]
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


_REMOVABLE = ("comb.", "hw.constant", "hw.bitcast", "hw.array_create", "hw.array_get", "hw.array_slice",
              "hw.array_concat", "hw.struct_create", "hw.struct_extract", "hw.aggregate_constant", "hw.wire",
              "seq.firreg", "seq.compreg", "loom.param_value")
"""Ops without side effects that ``remove_dead_logic`` erases when nothing live reads them."""


def _has_uses(value: ir.Value) -> bool:
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
            if _has_uses(result):
                if result.type not in placeholders:
                    with op.location, ir.InsertionPoint.at_block_begin(block):
                        placeholders[result.type] = create_constant(result.type, 0).results[0]
                result.replace_all_uses_with(placeholders[result.type])
    for op in dead:
        op.erase()
    for value in placeholders.values():
        value.owner.operation.erase()
    return len(dead)


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


# -- built-in edits ------------------------------------------------------------------------------------


def set_parameter(name: str, value: int | ir.Attribute) -> Edit:
    """Set parameter (or identity parameter) ``name`` of each matched instance to ``value``."""
    return Edit(instance=lambda inst: inst.set_parameter(name, value), tag=f"{name}_{value}")


def set_attribute(key: str, value: str) -> Edit:
    """Set generator attribute ``key`` on the module of each matched instance (a variant where needed)."""
    return Edit(module=lambda m: m.set_attribute(key, value), tag=key)


def tie_output(port: str, value: int) -> Edit:
    """Drive output ``port`` of each matched instance's module with the constant ``value`` (replaces its logic)."""

    def edit(module: ModuleEditor) -> None:
        current = module.output(port)
        if not isinstance(current.type, ir.IntegerType):
            raise PassFailedError(f"output '{port}' of '{module.origin}' is not an integer; cannot tie it",
                                  location_text(module.location))
        width = ir.IntegerType(current.type).width
        if isinstance(value, bool) or not isinstance(value, int) or not fits_width(value, width):
            raise PassFailedError(f"cannot tie {width}-bit output '{port}' of '{module.origin}' to {value!r}: the"
                                  f" value does not fit in {width} bits", location_text(module.location))
        module.set_output(port, module.constant(value, width))

    return Edit(module=edit, tag=f"{port}_{value}")


def expose(signal: str, port: str | None = None, punch: bool = True) -> Edit:
    """Add an output port (default name: the signal's) driven by a named signal of each matched instance.

    With ``punch`` (the default) the port is routed up to the top as
    ``<path>_<port>`` (``tile_3_5_dbg``), so the signal can be observed there.
    """
    return Edit(module=lambda m: m.add_output(port or signal, m.signal(signal)), tag=f"{port or signal}_out",
                punch=punch)


def remove_instance() -> Edit:
    """Remove each matched instance from its parent; readers of its outputs see zero."""
    return Edit(instance=lambda inst: inst.remove(), tag="removed")


# -- passes ----------------------------------------------------------------------------------------------


def required(options: dict[str, str], pass_name: str, *names: str) -> list[str]:
    """The values of required options (quotes stripped); PassFailedError naming the missing one."""
    values = []
    for name in names:
        value = options.get(name)
        if value is None or value == "":
            raise PassFailedError(f"{pass_name}: option '{name}' is required")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values.append(value)
    return values


def integer_option(value: str, pass_name: str, option: str) -> int:
    try:
        return int(value, 0)
    except ValueError:
        raise PassFailedError(f"{pass_name}: option '{option}' must be an integer, got {value!r}") from None


def run_edit_pass(module: ir.Operation, options: dict[str, str], pass_name: str, edit: Edit) -> EditResult:
    """Apply an edit from a pass; warns at the top when the pattern matches nothing."""
    (path,) = required(options, pass_name, "path")
    result = apply_edit(module, path, edit, options.get("top"))
    if not result.matched:
        hier_top = options.get("top")
        location = ir.Location.unknown()
        for op in module.regions[0].blocks[0].operations:
            if isinstance(op, ModuleOp) and (hier_top is None or op.sym_name == hier_top):
                location = op.location
        remarks.emit(location, f"{pass_name}: path pattern '{path}' matches no instance", remarks.WARNING)
    return result


def run_set_parameter(module: ir.Operation, options: dict[str, str]) -> None:
    """Set a parameter of the instances a path pattern matches (variants only where needed)."""
    name, value = required(options, "loom-set-parameter", "name", "value")
    run_edit_pass(module, options, "loom-set-parameter",
                  set_parameter(name, integer_option(value, "loom-set-parameter", "value")))


def run_set_attribute(module: ir.Operation, options: dict[str, str]) -> None:
    """Set a generator attribute on the modules of the instances a path pattern matches."""
    name, value = required(options, "loom-set-attribute", "name", "value")
    run_edit_pass(module, options, "loom-set-attribute", set_attribute(name, value))


def run_tie_output(module: ir.Operation, options: dict[str, str]) -> None:
    """Replace the logic driving an output of the matched instances by a constant."""
    port, value = required(options, "loom-tie-output", "port", "value")
    run_edit_pass(module, options, "loom-tie-output", tie_output(port, integer_option(value, "loom-tie-output",
                                                                                       "value")))


def run_expose(module: ir.Operation, options: dict[str, str]) -> None:
    """Add an output port driven by a named signal to the modules of the matched instances."""
    (signal,) = required(options, "loom-expose", "signal")
    punch = options.get("punch", "true").lower() in ("true", "1", "")
    run_edit_pass(module, options, "loom-expose", expose(signal, options.get("port"), punch))


def run_remove_instance(module: ir.Operation, options: dict[str, str]) -> None:
    """Remove the matched instances (their outputs read as zero)."""
    run_edit_pass(module, options, "loom-remove-instance", remove_instance())
