"""``loom-specialize``: one module per distinct *structural* parameter values.

Options:
  ``keep-parameters`` (default false): keep parameters as SystemVerilog
      parameters wherever the ports allow it. Only parameters that decide
      which ports exist (port conditions), and parameters flowing into such
      parameters of children, are specialised; the rest stay parameters.
      Without it every parameter the module reads is specialised.
  ``top``: name of the top module (default: the only module nobody instantiates).

How: walk the instance graph from the top, memoised per (module, values), so
the cost follows modules x variants and the instance ops themselves, never the
number of elaborated instances. A module reached with one set of values is
specialised in place and keeps its name; one reached with several becomes
``Name_P_v`` variants. Substitution prints the module, replaces
``#hw.param.decl.ref<"P">`` by the value and parses it again: CIRCT folds
constant parameter expressions on parsing, so types such as
``!hw.int<#hw.param.decl.ref<"W">>`` become ``i8``. Ports whose condition is
false are removed: reads of an absent input see zero, writes to an absent
output are dropped. Parameters nobody reads (including identity parameters)
never split a module; parameters listed in a module's ``kept_parameters``
stay SystemVerilog parameters unless they decide ports. For every identity
parameter the logic reads, a remark at the first instance says whether it
split the module or stayed a parameter (``identity_report.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from circt import ir

from ..dialect import analyses, conditions, params
from ..dialect.constants import create_constant
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.instance_graph import INSTANCE_BODIES, BodyIndex, InstanceGraph, InstanceKind, index_body
from ..dialect.ops import IN, InstanceOp, ModuleOp, OutputOp, ParamDecl, PortInfo
from ..dialect.symbols import SymbolIndex, declarations_text, parse_beside
from .identity_report import report_identity_parameters
from .pass_kinds import PassKind
from .pass_options import TopOptions, option
from .registry import loom_pass

Values = tuple[tuple[str, int], ...]
Updates = tuple[tuple[str, "ir.Attribute | None"], ...]
"""Attribute updates that retarget an instance: (name, new value), None to remove the attribute."""
Rewrite = tuple[Updates, frozenset[str]]
"""What retargets one kind of instance: its attribute updates and the target's absent ports."""
NO_REWRITE: Rewrite = ((), frozenset())


class ModuleFacts:
    """What specialisation needs to know about one ``loom.module``.

    A plain class: a dataclass costs about 0.3 ms at import, in every process's first lowering
    (docs/architecture.md, "Start-up")."""

    __slots__ = ("_text", "conditional", "decls", "identity", "kept", "module", "ports", "read", "structural")

    def __init__(self, module: ModuleOp, decls: dict[str, ParamDecl], identity: set[str], ports: list[PortInfo],
                 conditional: bool, kept: set[str]):
        self.module = module
        self.decls = decls
        self.identity = identity
        self.ports = ports
        self.read: set[str] = set()
        self.conditional = conditional
        """Whether some port has a condition."""
        self.structural: list[str] = []
        self.kept = kept
        """``kept_parameters``: kept as SystemVerilog parameters even without keep-parameters, unless structural."""
        self._text: str | None = None

    @property
    def name(self) -> str:
        return self.module.sym_name

    @property
    def text(self) -> str:
        """The module printed once, generic and with locations: searched for parameter reads and re-parsed
        (after substitution) for each variant."""
        if self._text is None:
            self._text = self.module.operation.get_asm(print_generic_op_form=True, enable_debug_info=True)
        return self._text

    def default_values(self) -> dict[str, int]:
        values = {n: params.int_value(d.default) for n, d in self.decls.items() if d.default is not None}
        return {n: v for n, v in values.items() if v is not None}


def tie_to_zero(value: ir.Value, what: str, location: ir.Location) -> None:
    """Make the readers of an absent port's value see zero (a constant at the current insertion point)."""
    if not list(value.uses):
        return
    if not isinstance(value.type, ir.IntegerType):
        raise PassFailedError(f"{what} does not exist here but is read; only integer ports can be tied to zero",
                              location_text(location))
    with location:
        zero = create_constant(value.type, 0)
    value.replace_all_uses_with(zero.results[0])


Interface = tuple[dict[str, ParamDecl], set[str], list[PortInfo], bool, set[str]]
"""The facts that follow from a module's interface attributes: declarations, identity parameters, ports, whether
a port is conditional, kept parameters."""


def _interface(module: ModuleOp) -> Interface:
    ports = module.ports
    attrs = module.operation.attributes
    kept = {ir.StringAttr(a).value for a in ir.ArrayAttr(attrs["kept_parameters"])} \
        if "kept_parameters" in attrs else set()
    return ({p.name: p for p in module.parameters}, set(module.identity_parameters), ports,
            any(p.condition is not None for p in ports), kept)


InterfaceKey = tuple["ir.Attribute | None", "ir.Attribute | None", "ir.Attribute | None", "ir.Attribute | None"]
"""A module's ``ports``, ``parameters``, ``identity_parameters`` and ``kept_parameters`` attributes (uniqued: equal
keys, equal interfaces)."""


def _interface_key(module: ModuleOp) -> InterfaceKey:
    get = module.operation.attributes.get  # one binding call for each, present or not
    return get("ports"), get("parameters"), get("identity_parameters"), get("kept_parameters")


def _facts(module: ModuleOp, interface: Interface) -> ModuleFacts:
    """The module's facts, from its (shared) interface."""
    decls, identity, ports, conditional, kept = interface
    facts = ModuleFacts(module, decls, identity, ports, conditional, kept)
    if facts.decls:
        facts.read = params.referenced_parameters(facts.text) & facts.decls.keys()
        for port in facts.ports:
            if port.condition is not None:
                facts.read |= conditions.referenced_names(conditions.parse_condition(port.condition))
    return facts


EXTERNAL = "external"
"""Generator attribute (``gen.external = True``, kratos): the module is instantiated from outside the design, so
its interface and declared parameters are kept like the top's."""


def _is_external(module: ModuleOp) -> bool:
    attrs = module.operation.attributes
    return "user_attributes" in attrs and EXTERNAL in ir.DictAttr(attrs["user_attributes"])


class Specializer:
    """Runs the pass on one ``builtin.module``."""

    def __init__(self, root: ir.Operation, keep_parameters: bool, top: str | None, symbols: SymbolIndex | None = None):
        """``symbols``: the index of ``root``'s modules, when the caller has made it."""
        self.root = root
        self.keep = keep_parameters
        bodies = analyses.take(root, INSTANCE_BODIES)  # loom-verify's grouping, when the IR has not changed since
        self.graph = InstanceGraph(root, symbols, bodies=cast("dict[str, BodyIndex] | None", bodies))
        self.interface_keys = {name: _interface_key(node.module) for name, node in self.graph.nodes.items()}
        """Each module's interface attributes, read once."""
        self._shared: dict[InterfaceKey, Interface] = {}
        """The facts each distinct key gives, shared by its modules (so never changed in place: 10,000 leaves with
        one interface share one)."""
        for name, key in self.interface_keys.items():
            if key not in self._shared:
                self._shared[key] = _interface(self.graph.nodes[name].module)
        self.plain = not any(decls or identity or conditional or kept
                             for decls, identity, _, conditional, kept in self._shared.values())
        """No module declares a parameter or has a conditional port: every module reached from the top is its own
        only variant (``loom-specialize-to-hw`` plans such a design without ``facts``)."""
        if top is None:
            tops = self.graph.tops()
            if len(tops) != 1:
                raise PassFailedError(f"loom-specialize needs one top module, found {len(tops)}"
                                      f" ({', '.join(tops) or 'a cycle'}); pass top=NAME")
            top = tops[0]
        if top not in self.graph.nodes:
            raise PassFailedError(f"top module '{top}' is not a loom.module")
        self.top = top
        self.variants: dict[str, dict[Values, str]] = {}
        self._child_keys: dict[tuple[object, ...], Values] = {}
        self._references: dict[tuple[object, ...], frozenset[str]] = {}
        self._identity_dropped: dict[str, bool] = {}
        self._rewrites: dict[tuple[object, ...], Rewrite] = {}
        self._unchanged: set[str] = set()
        """Modules whose only variant is the module itself (``build_variants``)."""
        self._built: dict[str, ModuleOp] = {}
        """Each variant's module by its name (``build_variants``)."""
        self._kept: dict[str, frozenset[str]] = {}
        self._dicts: dict[ir.Attribute, dict[str, ir.Attribute]] = {}

    @cached_property
    def facts(self) -> dict[str, ModuleFacts]:
        """Each module's facts, made when first asked."""
        nodes = self.graph.nodes
        facts = {name: _facts(nodes[name].module, self._shared[key]) for name, key in self.interface_keys.items()}
        for name, known in facts.items():
            if known.decls and (name == self.top or _is_external(known.module)):
                # Hand-written SystemVerilog may instantiate these with any of their declared parameters:
                # every one stays a parameter, read or not (structural ones still specialise).
                known.kept = known.kept | (set(known.decls) - known.identity)  # a new set: the old may be shared
        return facts

    @cached_property
    def declarations(self) -> str:
        """What a module copy is parsed beside: its body may refer to these symbols (read when a copy is made)."""
        return declarations_text(self.root)

    # -- which parameters are structural --------------------------------------

    def compute_structural(self) -> None:
        if not any(facts.decls for facts in self.facts.values()):
            return  # no parameters anywhere (a design of 10,000 distinct modules, say): no walk of the graph
        order = self.graph.post_order(self.top)
        for name in order:
            facts = self.facts[name]
            if not facts.decls:
                continue  # nothing to choose from: no structural parameters
            # What keep-parameters must specialise: what decides ports, and what flows into that below.
            chosen = {n for p in facts.ports if p.condition is not None
                      for n in conditions.referenced_names(conditions.parse_condition(p.condition))}
            for p in facts.ports:
                # An absent input that is still read is tied to zero: that needs its concrete type.
                if p.condition is not None and p.direction == IN:
                    chosen |= params.referenced_parameters(str(p.type))
            for _, instances in self.graph.nodes[name].body.kinds.values():
                chosen |= self._structural_references(instances[0])
            if not self.keep:
                chosen |= facts.read - facts.kept
            facts.structural = [n for n in facts.decls if n in chosen]

    def _structural_references(self, inst: InstanceOp) -> frozenset[str]:
        """The enclosing module's parameters that an instance's values of its child's structural parameters read.

        Memoised on the (uniqued) ``module``, ``parameters`` and ``identity`` attributes: 50,000 instances
        have a handful of distinct ones, and printing each value to find its references is the costly part.
        """
        child = self.facts.get(inst.module_name)
        if child is None or not child.structural:
            return frozenset()
        attrs = inst.operation.attributes
        key = (attrs["module"], attrs["parameters"] if "parameters" in attrs else None,
               attrs["identity"] if "identity" in attrs else None)
        known = self._references.get(key)
        if known is not None:
            return known
        found: set[str] = set()
        for name, attr in {**inst.parameters, **inst.identity}.items():
            if name in child.structural:
                found |= params.referenced_parameters(str(attr))
        known = self._references[key] = frozenset(found)
        return known

    # -- which variants are reached --------------------------------------------

    def child_values(self, inst: InstanceOp, env: dict[str, int], env_key: Values,
                     target: str | None = None) -> tuple[str, Values]:
        """The child module and the structural values an instance gives it, in the variant ``env``."""
        target = target or inst.module_name
        child = self.facts[target]
        if not child.structural:
            return target, ()
        attrs = inst.operation.attributes
        given = attrs["parameters"] if "parameters" in attrs else None
        identity = attrs["identity"] if "identity" in attrs else None
        cache_key = (target, given, identity, env_key)
        values = self._child_keys.get(cache_key)
        if values is None:
            assigned = {**inst.parameters, **inst.identity}
            defaults = child.default_values()
            resolved = []
            for name in child.structural:
                if name in assigned:
                    try:
                        resolved.append((name, params.evaluate(assigned[name], env)))
                    except params.UnboundParameterError as error:
                        raise PassFailedError(f"instance '{inst.instance_name}': parameter '{name}' depends on"
                                              f" '{error.name}', which has no value here",
                                              location_text(inst.location)) from None
                elif name in defaults:
                    resolved.append((name, defaults[name]))
                else:
                    raise PassFailedError(f"instance '{inst.instance_name}' must set parameter '{name}' of"
                                          f" '@{target}'", location_text(inst.location))
            values = tuple(resolved)
            self._child_keys[cache_key] = values
        return target, values

    def discover(self) -> None:
        top = self.facts[self.top]
        defaults = top.default_values()
        missing = [n for n in top.structural if n not in defaults]
        if missing:
            raise PassFailedError(f"top module '{self.top}' has parameter '{missing[0]}' without a default",
                                  location_text(top.module.location))
        start = tuple((n, defaults[n]) for n in top.structural)
        self.variants = {self.top: {start: self.top}}
        worklist = [(self.top, start)]
        plain: set[str] = set()  # reached modules without structural parameters: () is their only variant
        facts, nodes = self.facts, self.graph.nodes
        while worklist:
            name, values = worklist.pop()
            env = dict(values)
            for target, instances in nodes[name].body.kinds.values():
                if target in plain:
                    continue
                child = facts.get(target)
                if child is None:
                    continue
                child_values: Values = ()
                if child.structural:
                    target, child_values = self.child_values(instances[0], env, values, target)
                else:  # child_values' answer, without asking it (10,000 distinct leaves: one look-up each)
                    plain.add(target)
                seen = self.variants.setdefault(target, {})
                if child_values not in seen:
                    seen[child_values] = ""
                    worklist.append((target, child_values))

    def name_variants(self) -> None:
        """``Name`` for a module with one variant, else ``Name_P_v`` over the parameters that differ."""
        taken = set(self.graph.symbols.names())
        for name, variants in self.variants.items():
            if len(variants) == 1:
                variants[next(iter(variants))] = name
                continue
            differing = {k for k in dict(next(iter(variants))) if len({dict(v)[k] for v in variants}) > 1}
            for values in sorted(variants):
                base = "_".join([name] + [f"{k}_{v}" for k, v in values if k in differing])
                candidate, suffix = base, 0
                while candidate in taken:
                    suffix += 1
                    candidate = f"{base}_{suffix}"
                taken.add(candidate)
                variants[values] = candidate

    # -- building the variants ---------------------------------------------------

    def materialize(self, name: str, values: Values, new_name: str) -> ModuleOp:
        """The module for one variant: the original when nothing changes, else a rewritten copy."""
        facts = self.facts[name]
        needs_rewrite = bool(values) or bool(facts.identity) or \
            (not self.keep and bool(facts.decls.keys() - facts.read)) or facts.conditional
        if not needs_rewrite:
            return facts.module
        env = dict(values)
        original = facts.module
        text = facts.text
        if values:
            text = params.substitute_text(text, env, keep_unbound=True)
        with original.location:
            variant = _parse_variant(text, self.declarations, name, env).opview
        ir.InsertionPoint(original.operation).insert(variant.operation)
        assert isinstance(variant, ModuleOp)
        self._rewrite_signature(variant, facts, env, new_name)
        return variant

    def _kept_parameters(self, facts: ModuleFacts) -> list[ParamDecl]:
        kept = []
        for decl in facts.decls.values():
            if decl.name in facts.structural:
                continue
            if decl.name not in facts.read and decl.name not in facts.kept and (decl.name in facts.identity
                                                                             or not self.keep):
                continue
            kept.append(decl)
        return kept

    def _rewrite_signature(self, module: ModuleOp, facts: ModuleFacts, env: dict[str, int], new_name: str) -> None:
        attrs = module.operation.attributes
        attrs["sym_name"] = ir.StringAttr.get(new_name)
        kept = self._kept_parameters(facts)
        attrs["parameters"] = ir.ArrayAttr.get([d.to_attr() for d in kept])
        kept_names = {d.name for d in kept}
        kept_identity = [n for n in facts.identity if n in kept_names]
        if "kept_parameters" in attrs:
            del attrs["kept_parameters"]
        if facts.kept & kept_names:
            attrs["kept_parameters"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in sorted(facts.kept & kept_names)])
        if "identity_parameters" in attrs:
            del attrs["identity_parameters"]
        if kept_identity:
            attrs["identity_parameters"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in kept_identity])
        ports = [PortInfo.from_attr(a) for a in ir.ArrayAttr(attrs["ports"])]
        present: list[PortInfo] = []
        block = module.body
        input_index = 0
        output = module.output
        outputs = list(output.operation.operands)
        output_index = 0
        present_outputs: list[int] = []
        removed_args: list[int] = []
        for port in ports:
            exists = conditions.holds(port.condition, env) if port.condition is not None else True
            if port.direction == IN:
                if not exists:
                    with ir.InsertionPoint.at_block_begin(block):
                        tie_to_zero(block.arguments[input_index], f"input '{port.name}'", module.location)
                    removed_args.append(input_index)
                input_index += 1
            else:
                if exists:
                    present_outputs.append(output_index)
                output_index += 1
            if exists:
                present.append(PortInfo(port.name, port.direction, port.type, None, port.extra))
        # An absent input tied to zero may also be an output's value (canonicalize folds `o = sext(i).r_and()`
        # to `o = i`): read the outputs again, after the ties, not the stale argument (a segfault once erased).
        output_values = [output.operation.operands[i] for i in present_outputs]
        for index in reversed(removed_args):
            block.erase_argument(index)
        if len(output_values) != len(outputs):
            with output.location, ir.InsertionPoint(output.operation):
                OutputOp.build(output_values)
            output.operation.erase()
        attrs["ports"] = ir.ArrayAttr.get([p.to_attr() for p in present])

    def retarget(self, name: str, env_values: Values) -> None:
        """Point the instances of variant ``name`` at their children's variants and drop specialised parameters."""
        for _, _, rewrite, instances in self.kind_rewrites(self.body_index(name).kinds, env_values):
            self.apply_rewrite(instances, rewrite)

    def lowered_modules(self) -> list[tuple[str, ModuleOp]]:
        """Every ``loom.module`` after ``build_variants`` with its name, in IR order: a module's variants (in the
        order they were inserted) where it was, the modules not reached from the top as they are."""
        modules: list[tuple[str, ModuleOp]] = []
        for name, node in self.graph.nodes.items():
            variants = self.variants.get(name)
            if variants is None:
                modules.append((name, node.module))
            else:
                modules += [(new_name, self._built[new_name]) for _, new_name in sorted(variants.items())] \
                    if len(variants) > 1 else [(name, self._built[name])]
        return modules

    def body_index(self, name: str) -> BodyIndex:
        """The index of the body of variant ``name``: the instance graph's for an unchanged module, a new one
        for a rewritten copy (it has ops of its own)."""
        return self.graph.nodes[name].body if name in self._unchanged else index_body(self._built[name])

    def kind_rewrites(self, kinds: dict[InstanceKind, tuple[str, list[InstanceOp]]], env_values: Values
                      ) -> Iterator[tuple[InstanceKind, str, Rewrite, list[InstanceOp]]]:
        """Each kind of instance of a variant (the one for ``env_values``), its target, rewrite and instances.

        The rewrite of an instance depends only on its (uniqued) ``module``,
        ``parameters`` and ``identity`` attributes and the enclosing variant,
        so it is computed once per distinct combination and replayed.
        """
        env = dict(env_values)
        facts = self.facts
        for kind, (target, instances) in kinds.items():
            module_attr, parameters, identity = kind[:3]
            child = facts.get(target)
            if child is None or not (child.structural or child.conditional or self._entries(parameters)
                                     or self._entries(identity)):
                # ``_instance_rewrite``'s first answer, asked before a key is made: 10,000 kinds of instances of
                # 10,000 distinct modules without parameters cost a look-up each, not a key and an entry.
                yield kind, target, NO_REWRITE, instances
                continue
            identity_key: object = identity
            if identity is not None and self.drops_identity(target):
                identity_key = ("dropped", len(ir.DictAttr(identity)) > 0)  # the values cannot change the rewrite
            key = (module_attr, parameters, identity_key, env_values)
            rewrite = self._rewrites.get(key)
            if rewrite is None:
                rewrite = self._rewrites[key] = self._instance_rewrite(instances[0], kind, target, env, env_values)
            yield kind, target, rewrite, instances

    def lowerable(self, kinds: Iterable[tuple[InstanceKind, str, Rewrite, list[InstanceOp]]]
                  ) -> tuple[list[tuple[InstanceKind, str, Updates, list[InstanceOp]]], list[InstanceOp]]:
        """The kinds whose rewrite is attribute updates only, for lower-loom-to-hw to apply as it lowers them,
        and the instances of the others (a target port is absent), retargeted here connection by connection."""
        plain = []
        rewritten: list[InstanceOp] = []
        for kind, target, rewrite, instances in kinds:
            if rewrite[1]:
                rewritten += self.apply_rewrite(instances, rewrite)
            else:
                plain.append((kind, target, rewrite[0], instances))
        return plain, rewritten

    def apply_rewrite(self, instances: list[InstanceOp], rewrite: Rewrite) -> list[InstanceOp]:
        """Retarget ``instances`` (of one kind) by ``rewrite``: attribute updates, connections to absent ports.
        Returns the instances afterwards (an instance that loses connections is a new op)."""
        updates, absent = rewrite
        result = []
        for op in instances:
            apply_updates(op, updates)
            if absent and not absent.isdisjoint(op.input_names + op.output_names):
                op = self._drop_connections(op, absent)
            result.append(op)
        return result

    def drops_identity(self, target: str) -> bool:
        """Whether instances of ``target`` lose all their identity values here: none of its identity parameters
        is structural or kept, so an instance's rewrite does not depend on them (a mesh's ``X``/``Y``)."""
        known = self._identity_dropped.get(target)
        if known is None:
            facts = self.facts.get(target)
            known = facts is not None and not facts.identity & (
                set(facts.structural) | {d.name for d in self._kept_parameters(facts)})
            self._identity_dropped[target] = known
        return known

    @staticmethod
    def _drop_connections(op: InstanceOp, absent: frozenset[str]) -> InstanceOp:
        """Rebuild ``op`` without its connections to ports the target variant does not have.

        An instance may connect a conditional port whose condition depends on
        the enclosing module's parameters (the verifier cannot decide it);
        in the variants where the condition is false the connection goes, and
        reads of such an absent output see zero, like reads of absent inputs.
        """
        operation = op.operation
        inputs = [(n, v) for n, v in zip(op.input_names, operation.operands, strict=True) if n not in absent]
        outputs = list(zip(op.output_names, operation.results, strict=True))
        kept = [(n, r) for n, r in outputs if n not in absent]
        attributes = {name: operation.attributes[name] for name in operation.attributes}
        attributes["input_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n, _ in inputs])
        attributes["output_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n, _ in kept])
        with operation.location, ir.InsertionPoint(operation):
            new = ir.Operation.create(InstanceOp.OPERATION_NAME, results=[r.type for _, r in kept],
                                      operands=[v for _, v in inputs], attributes=attributes)
            for name, result in outputs:
                if name in absent:
                    tie_to_zero(result, f"output '{name}' of instance '{op.instance_name}'", operation.location)
        for (_, old), result in zip(kept, new.results, strict=True):
            old.replace_all_uses_with(result)
        operation.erase()
        return new.opview  # type: ignore[return-value]

    def _instance_rewrite(self, op: InstanceOp, kind: InstanceKind, target: str, env: dict[str, int],
                          env_values: Values) -> Rewrite:
        """The attribute updates (None: remove) that retarget one kind of instance (``op`` is one of them) of
        module ``target``, and the target's absent ports. ``kind_rewrites`` has answered ``NO_REWRITE`` (one
        variant, named like the module, all its ports, no values to drop) where that is the answer."""
        child = self.facts[target]
        _, values = self.child_values(op, env, env_values, target)
        absent: frozenset[str] = frozenset()
        if child.conditional:
            child_env = dict(values)
            absent = frozenset(p.name for p in child.ports
                               if p.condition is not None and not conditions.holds(p.condition, child_env))
        new_name = self.variants[target][values]
        updates: list[tuple[str, ir.Attribute | None]] = []
        if new_name != target:
            updates.append(("module", ir.FlatSymbolRefAttr.get(new_name)))
        given = self._entries(kind[1])
        identity = self._entries(kind[2])
        kept = self._kept_names(target) if given or identity else frozenset()
        if given.keys() - kept:
            updates.append(("parameters", ir.DictAttr.get({k: v for k, v in given.items() if k in kept})))
        if identity and identity.keys() - kept:
            remaining = {k: v for k, v in identity.items() if k in kept}
            updates.append(("identity", ir.DictAttr.get(remaining) if remaining else None))
        return tuple(updates), absent

    def _entries(self, attr: ir.Attribute | None) -> dict[str, ir.Attribute]:
        """The entries of an instance's ``parameters`` or ``identity`` dictionary (None: absent), read once per
        (uniqued) attribute; the caller does not change them."""
        if attr is None:
            return {}
        entries = self._dicts.get(attr)
        if entries is None:
            entries = self._dicts[attr] = {named.name: named.attr for named in ir.DictAttr(attr)}
        return entries

    def _kept_names(self, name: str) -> frozenset[str]:
        """The names of ``_kept_parameters`` of module ``name`` (once its structural parameters are known)."""
        kept = self._kept.get(name)
        if kept is None:
            kept = self._kept[name] = frozenset(d.name for d in self._kept_parameters(self.facts[name]))
        return kept

    def build_variants(self) -> list[tuple[ModuleOp, str, Values]]:
        """Decide the variants and build their modules (instances not yet retargeted); erases the originals
        that rewritten copies replace. Returns each variant's module with its name and structural values."""
        self.compute_structural()
        # loom-verify's groups of instances differing in integer identity values are parted where the target
        # splits or keeps them (``drops_identity`` needs the structural parameters; finding those reads no
        # integer value: it references no parameter), before any instance stands for its kind below.
        for node in self.graph.nodes.values():
            if node.body.mixed:
                node.body.separate_identity(lambda target: not self.drops_identity(target))
        self.discover()
        report_identity_parameters(self)
        self.name_variants()
        built: list[tuple[ModuleOp, str, Values]] = []
        replaced: dict[str, ModuleOp] = {}
        for name, variants in self.variants.items():
            original = self.facts[name].module
            for values, new_name in sorted(variants.items()) if len(variants) > 1 else variants.items():
                module = self.materialize(name, values, new_name)
                built.append((module, new_name, values))
                self._built[new_name] = module
                if module is original:
                    self._unchanged.add(name)
                else:
                    replaced[name] = original
        for original in replaced.values():
            original.operation.erase()
        return built

    def run(self) -> None:
        for _, name, values in self.build_variants():
            self.retarget(name, values)


def apply_updates(op: InstanceOp, updates: Updates) -> None:
    """Set (or, for None, remove) the attributes ``updates`` names on one instance."""
    attrs = op.operation.attributes
    for name, value in updates:
        if value is None:
            del attrs[name]
        else:
            attrs[name] = value


@dataclass(frozen=True, kw_only=True)
class SpecializeOptions(TopOptions):
    """The options of ``loom-specialize`` and ``loom-specialize-to-hw``."""

    keep_parameters: bool = option(False, help="keep SystemVerilog parameters: one module per structural variant")


@loom_pass("loom-specialize", kind=PassKind.DESIGN,
           summary="Make one module per distinct structural parameter values; drop ports whose condition is false",
           options=SpecializeOptions)
def run(module: ir.Operation, options: SpecializeOptions) -> None:
    """Make one module per distinct structural parameter values; drop ports whose condition is false."""
    Specializer(module, options.keep_parameters, options.top).run()


def _parse_variant(text: str, declarations: str, name: str, values: dict[str, int]) -> ir.Operation:
    """The variant's text parsed (beside the design's symbol declarations). A body that does not verify at these
    parameter values (a constant slice of a parametric-width signal past the width an instance gives it) is the
    user's error: say which values."""
    try:
        return parse_beside(text, declarations)
    except ir.MLIRError as error:
        diagnostics = list(getattr(error, "error_diagnostics", []))
        if not diagnostics:
            raise
        first = diagnostics[0]
        shown = ", ".join(f"{k} = {v}" for k, v in sorted(values.items()))
        hint = (": a constant slice reaches past the width the parameters give the signal here"
                if "from bit too large" in first.message else "")
        raise PassFailedError(f"'{name}' with {shown} does not hold{hint} ({first.message})",
                              location_text(first.location)) from None
