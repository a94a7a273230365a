"""The instance graph with path labels: what the pattern walks (edits, queries, metadata) run over.

``InstanceGraph`` knows modules and their instance ops; this view adds what a
path pattern reads from each instance op: its *label*, the instance name and
identity values, prefixed by the ``scope`` of an instance that inlining moved
up (see ``lowering/inline.py``). It reads every instance op once, so building
it costs O(modules + instance ops); every walk over it is then memoised per
(module, automaton state) and never enumerates instance paths.

The view understands ``loom.module``/``loom.instance`` and, after lowering,
``hw.module``/``hw.instance`` (which have no identity values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from circt import ir

from . import params
from .errors import PassFailedError
from .opkinds import EXTERN_MODULES, INSTANCES, MODULE_LIKE

if TYPE_CHECKING:
    from .paths import Identity, Label, LabelSegment


@dataclass(slots=True)
class Edge:
    """One instance op inside a module: the op, its index among the module's instances, target, label."""

    op: ir.OpView
    index: int
    target: str
    label: Label

    @property
    def name(self) -> str:
        return self.label[-1][0]


def identity_of(attrs: ir.OpAttributeMap) -> Identity:
    """The constant identity values of an instance op, sorted by name (non-constant ones are left out)."""
    if "identity" not in attrs:
        return ()
    values = []
    for named in ir.DictAttr(attrs["identity"]):
        value = params.int_value(named.attr)
        if value is not None:
            values.append((named.name, value))
    return tuple(sorted(values))


def scope_of(attrs: ir.OpAttributeMap) -> tuple[LabelSegment, ...]:
    """The dissolved levels an op was moved up through by inlining (outermost first)."""
    if "scope" not in attrs:
        return ()
    segments = []
    for entry in ir.ArrayAttr(attrs["scope"]):
        entries = ir.DictAttr(entry)
        name = ir.StringAttr(entries["name"]).value
        identity = identity_of(entries)  # type: ignore[arg-type]
        segments.append((name, identity))
    return tuple(segments)


def scope_attr(segments: tuple[LabelSegment, ...]) -> ir.ArrayAttr:
    """The ``scope`` attribute for ``segments`` (identity values stored as i32 unless they need more)."""
    entries = []
    for name, identity in segments:
        entry: dict[str, ir.Attribute] = {"name": ir.StringAttr.get(name)}
        if identity:
            entry["identity"] = ir.DictAttr.get({
                k: ir.IntegerAttr.get(ir.IntegerType.get_signless(max(32, v.bit_length() + 1)), v)
                for k, v in identity})
        entries.append(ir.DictAttr.get(entry))
    return ir.ArrayAttr.get(entries)


def instance_label(op: ir.OpView) -> tuple[Label, str]:
    """(label, target module name) of a ``loom.instance`` or ``hw.instance``."""
    attrs = op.operation.attributes
    if op.operation.name == "hw.instance":
        name = ir.StringAttr(attrs["instanceName"]).value
        target = ir.FlatSymbolRefAttr(attrs["moduleName"]).value
        return scope_of(attrs) + ((name, ()),), target
    # ``path_name``: the name the instance had before inlining moved it up and renamed it (c2 for c1_c2).
    name = ir.StringAttr(attrs["path_name" if "path_name" in attrs else "instance_name"]).value
    target = ir.FlatSymbolRefAttr(attrs["module"]).value
    return scope_of(attrs) + ((name, identity_of(attrs)),), target


class Hierarchy:
    """Modules of one ``builtin.module`` and their labelled instance edges, plus the top module."""

    def __init__(self, root: ir.Operation, top: str | None = None, require_top: bool = True):
        self.root = root
        self.modules: dict[str, ir.OpView] = {}
        self.edges: dict[str, list[Edge]] = {}
        instantiated: set[str] = set()
        for op in root.regions[0].blocks[0].operations:
            kind = op.operation.name
            if kind not in MODULE_LIKE:
                continue
            name = ir.StringAttr(op.operation.attributes["sym_name"]).value
            self.modules[name] = op
            self.edges[name] = edges = self.edges_of(op)
            instantiated.update(edge.target for edge in edges)
        self.tops = [name for name in self.modules if name not in instantiated]
        if top is None and not require_top and len(self.tops) != 1:
            self.top = ""  # several tops (or none): walks take their roots explicitly
            return
        if top is None:
            if len(self.tops) != 1:
                raise PassFailedError(f"the design needs one top module, found {len(self.tops)}"
                                      f" ({', '.join(self.tops) or 'a cycle'}); name it with top=NAME")
            top = self.tops[0]
        if top not in self.modules:
            raise PassFailedError(f"top module '{top}' does not exist (modules: {', '.join(self.modules)})")
        self.top = top

    @staticmethod
    def edges_of(module: ir.OpView) -> list[Edge]:
        """The labelled instance edges of one module, in body order (none for an extern)."""
        edges: list[Edge] = []
        if module.operation.name in EXTERN_MODULES:
            return edges
        for inner in module.operation.regions[0].blocks[0].operations:
            if inner.operation.name in INSTANCES:
                label, target = instance_label(inner)
                edges.append(Edge(inner, len(edges), target, label))
        return edges

    def is_definition(self, name: str) -> bool:
        """A module with a body (so instances below it exist): not an extern, not unknown."""
        op = self.modules.get(name)
        return op is not None and op.operation.name not in EXTERN_MODULES

    def post_order(self, roots: list[str] | None = None) -> list[str]:
        """Module names reachable from ``roots`` (default: the top), children before parents."""
        order: list[str] = []
        seen: set[str] = set()
        for root in roots or ([self.top] if self.top else self.tops):
            if root in seen:
                continue
            seen.add(root)
            stack: list[tuple[str, int]] = [(root, 0)]
            while stack:
                name, index = stack.pop()
                edges = self.edges.get(name, [])
                if index < len(edges):
                    stack.append((name, index + 1))
                    child = edges[index].target
                    if child not in seen and child in self.modules:
                        seen.add(child)
                        stack.append((child, 0))
                else:
                    order.append(name)
        return order
