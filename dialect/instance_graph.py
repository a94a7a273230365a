"""The instance graph of a loom design: modules as nodes, ``loom.instance`` ops as edges.

Every query here is a memoised walk over modules and edges, so it costs
O(modules + instance ops) however many instances the elaborated hierarchy
has (a depth-20 binary tree has 21 modules, 40 edges and 2^20 leaves).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from circt import ir
from circt.dialects import hw

from .ops import InstanceOp, ModuleOp, ParamValueOp
from .symbols import SymbolIndex

Node = TypeVar("Node", bound=Hashable)


def post_order[Node: Hashable](roots: Iterable[Node], children: Callable[[Node], Sequence[Node]]) -> list[Node]:
    """Nodes reachable from ``roots``, children before parents, each once (an iterative DFS: no recursion limit).

    ``children`` is asked once per node, when the walk first reaches it; the
    graph must be acyclic (``InstanceGraph.find_cycle`` reports cycles).
    Shared by module walks here and (module, automaton state) walks in ``lowering/queries.py``.
    """
    order: list[Node] = []
    visited: set[Node] = set()
    for root in roots:
        if root in visited:
            continue
        visited.add(root)
        stack: list[tuple[Node, Sequence[Node], int]] = [(root, children(root), 0)]
        while stack:
            node, kids, index = stack.pop()
            if index < len(kids):
                stack.append((node, kids, index + 1))
                child = kids[index]
                if child not in visited:
                    visited.add(child)
                    stack.append((child, children(child), 0))
            else:
                order.append(node)
    return order


InstanceKind = tuple[ir.Attribute, "ir.Attribute | None", "ir.Attribute | None", ir.Attribute, ir.Attribute]
"""An instance's ``module``, ``parameters``, ``identity``, ``input_names`` and ``output_names`` attributes.
Attributes are uniqued, so instances of one kind differ only in their names and the values they connect:
passes that decide what to do with an instance from these (loom-specialize, lower-loom-to-hw) decide it
once per kind, not once per instance."""


@dataclass
class ModuleNode:
    """A module and the instance ops in its body."""

    module: ModuleOp
    name: str
    body: BodyIndex = field(default_factory=lambda: BodyIndex())
    """Its instances grouped by kind and its other loom ops that passes visit one by one."""

    @cached_property
    def instances(self) -> list[InstanceOp]:
        """The instance ops, kind after kind (listed when asked: most walks need only the kinds)."""
        return [inst for _, instances in self.body.kinds.values() for inst in instances]

    @cached_property
    def targets(self) -> list[str]:
        """``targets[i]`` is the module that ``instances[i]`` instantiates."""
        return [target for target, instances in self.body.kinds.values() for _ in instances]


NO_NAMES: frozenset[str] = frozenset()
NO_KINDS: frozenset[InstanceKind] = frozenset()


@dataclass(slots=True)
class BodyIndex:
    """The ops of one module body that passes handle one by one, found in one walk of the body.

    A pass that has the index needs no walk of its own: the CIRCT ops between (50,000 ``comb.xor``
    combining 50,000 instances) are not visited again. loom-verify keeps one for every module until
    loom-specialize(-to-hw) has read it, so an index is small: slots, and the two sets (216 bytes each
    when empty) are the shared empty ones until something is added (10,000 leaf modules: 5 MB less).
    """

    kinds: dict[InstanceKind, tuple[str, list[InstanceOp]]] = field(default_factory=dict)
    """The instances grouped by kind, in IR order, each kind with its target's name (a ``mixed`` kind's group
    also holds instances whose identity values differ from the kind's)."""
    param_values: list[ParamValueOp] = field(default_factory=list)
    hw_targets: AbstractSet[str] = NO_NAMES
    """The modules ``hw.instance`` ops in the body instantiate (loom-strip-unused-modules needs them all)."""
    mixed: AbstractSet[InstanceKind] = NO_KINDS
    """Kinds whose group may hold instances with other integer identity values than its key's (loom-verify
    groups a mesh's 16,384 tiles so when the values cannot change their validity, ``add_mixed``);
    ``separate_identity`` puts them apart where a pass reads them."""

    def add_instance(self, inst: InstanceOp, kind: InstanceKind, target: str) -> list[InstanceOp]:
        """Put ``inst`` (of module ``target``) in its kind's group, and return the group's list (a caller that
        knows the next instance is of the same kind may append it there)."""
        group = self.kinds.get(kind)
        if group is None:
            group = self.kinds[kind] = (target, [])
        group[1].append(inst)
        return group[1]

    def add_hw_instance(self, op: ir.Operation) -> None:
        targets = self.hw_targets
        if not isinstance(targets, set):
            targets = self.hw_targets = set()
        targets.add(ir.FlatSymbolRefAttr(op.attributes["moduleName"]).value)

    def add_mixed(self, kind: InstanceKind) -> None:
        """Mark ``kind``'s group as ``mixed``."""
        mixed = self.mixed
        if not isinstance(mixed, set):
            mixed = self.mixed = set()
        mixed.add(kind)

    def separate_identity(self, reads_identity: Callable[[str], bool]) -> None:
        """Regroup the ``mixed`` groups whose target ``reads_identity`` by their instances' own kinds (the
        order of the kinds, by first instance, is kept); the others stay one group, their identity values
        being the same to every pass that reads the index (loom-specialize drops them)."""
        apart = {kind for kind in self.mixed if reads_identity(self.kinds[kind][0])}
        if not apart:
            return
        self.mixed -= apart
        kinds, self.kinds = self.kinds, {}
        for kind, (target, instances) in kinds.items():
            for inst in instances if kind in apart else ():
                own = (kind[0], kind[1], inst.operation.attributes["identity"], kind[3], kind[4])
                group = self.kinds.get(own)
                if group is None:
                    group = self.kinds[own] = (target, [])
                group[1].append(inst)
            if kind not in apart:
                group = self.kinds.get(kind)
                if group is None:
                    self.kinds[kind] = (target, instances)
                else:  # one of the instances a mixed group held before had this kind
                    group[1].extend(instances)


INSTANCE_BODIES = "instance-bodies"
"""The ``dialect/analyses.py`` fact loom-verify leaves for loom-specialize(-to-hw): ``{module name: BodyIndex}``
for every ``loom.module``, found while checking the instances (their grouping attributes are read once)."""


def index_body(module: ModuleOp, names: dict[ir.Attribute, str] | None = None) -> BodyIndex:
    """``module``'s body indexed (``BodyIndex``).

    Every attribute an instance is grouped by is read here, once; ``names`` memoises the target
    names of ``module`` attributes across calls.
    """
    names = {} if names is None else names
    index = BodyIndex()
    for inner in module.body.operations:
        if not isinstance(inner, InstanceOp):
            if isinstance(inner, ParamValueOp):
                index.param_values.append(inner)
            elif isinstance(inner, hw.InstanceOp):
                index.add_hw_instance(inner.operation)
            continue
        attrs = inner.operation.attributes
        module_attr = attrs["module"]
        target = names.get(module_attr)
        if target is None:
            target = names[module_attr] = ir.FlatSymbolRefAttr(module_attr).value
        index.add_instance(inner, (module_attr, attrs["parameters"] if "parameters" in attrs else None,
                                   attrs["identity"] if "identity" in attrs else None, attrs["input_names"],
                                   attrs["output_names"]), target)
    return index


class InstanceGraph:
    """Modules and the instances between them, for one ``builtin.module``."""

    def __init__(self, root: ir.Operation, symbols: SymbolIndex | None = None,
                 bodies: dict[str, BodyIndex] | None = None):
        """``bodies``: the modules' bodies already indexed (``INSTANCE_BODIES``); the others are indexed here."""
        self.symbols = symbols or SymbolIndex(root)
        self.nodes: dict[str, ModuleNode] = {}
        names: dict[ir.Attribute, str] = {}
        bodies = bodies or {}
        for name, op in zip(self.symbols.names(), self.symbols, strict=True):  # the index's names, not read again
            if isinstance(op, ModuleOp):
                body = bodies.get(name)
                self.nodes[name] = ModuleNode(op, name, body=body if body is not None else index_body(op, names))
        self._children: dict[str, list[str]] = {}

    def children(self, name: str) -> list[str]:
        """Distinct target modules instantiated by module ``name`` (known targets only)."""
        children = self._children.get(name)
        if children is None:
            targets = dict.fromkeys(target for target, _ in self.nodes[name].body.kinds.values())
            children = self._children[name] = [t for t in targets if t in self.nodes]
        return children

    @cached_property
    def instantiated(self) -> set[str]:
        return {target for node in self.nodes.values() for target, _ in node.body.kinds.values()}

    def tops(self) -> list[str]:
        """Modules that no other module instantiates, in IR order."""
        return [name for name in self.nodes if name not in self.instantiated]

    def post_order(self, top: str | None = None) -> list[str]:
        """Modules reachable from ``top`` (default: all tops), children before parents."""
        return post_order([top] if top is not None else self.tops(), self.children)

    def find_cycle(self) -> list[str] | None:
        """A module instantiation cycle as a list of names, or None."""
        state: dict[str, int] = {}
        for start in self.nodes:
            if state.get(start):
                continue
            path: list[str] = []
            stack: list[tuple[str, int]] = [(start, 0)]
            while stack:
                name, index = stack.pop()
                if index == 0:
                    state[name] = 1
                    path.append(name)
                children = self.children(name)
                if index < len(children):
                    stack.append((name, index + 1))
                    child = children[index]
                    if state.get(child) == 1:
                        return path[path.index(child):] + [child]
                    if not state.get(child):
                        stack.append((child, 0))
                else:
                    state[name] = 2
                    path.pop()
        return None

    def instance_counts(self, top: str) -> dict[str, int]:
        """How many times each module occurs in the elaborated hierarchy under ``top``.

        Computed by propagating counts in topological order, never by
        enumerating instance paths.
        """
        counts = {top: 1}
        for name in reversed(self.post_order(top)):
            for target in self.nodes[name].targets:
                if target in self.nodes:
                    counts[target] = counts.get(target, 0) + counts.get(name, 0)
        return counts
