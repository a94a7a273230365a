"""Resolving ``loom.annotate`` ops for ``loom-export-metadata`` (``metadata.py``): counting and listing the
instances each one is about (``queries.py``), one ``hw.hierpath`` per listed instance, and the JSON entries.

Apart from ``metadata.py`` so that a design without annotations, which is every design the default pipeline
lowers unless it asks for metadata, does not import the path queries (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from circt import ir
from circt.dialects import hw

from ..dialect import remarks
from ..dialect.annotate import FLAG, AnnotateOp
from ..dialect.hierarchy import Hierarchy
from ..dialect.opkinds import INSTANCE_ATTRIBUTES
from ..dialect.ops import ModuleOp
from ..dialect.paths import Pattern, format_path, parse_pattern, with_prefix
from ..dialect.symbols import SymbolIndex
from .metadata import annotated
from .queries import InstancePath, Queries


@dataclass
class Annotation:
    """One resolved ``loom.annotate``."""

    module: str
    target: str | None
    scope: str
    data: dict[str, object]
    count: int
    instances: list[InstancePath] | None
    location: ir.Location
    hierpaths: list[str] = field(default_factory=list)

    def source(self) -> dict[str, object]:
        """Where the op sat: its module, target and (after inlining) scope."""
        entry: dict[str, object] = {"module": self.module, "target": self.target}
        if self.scope:
            entry["inlined_scope"] = self.scope
        return entry

    def listed(self) -> list[dict[str, object]] | None:
        if self.instances is None:
            return None
        listed = []
        for index, path in enumerate(self.instances):
            item: dict[str, object] = {"path": _logical(path, self), "instance_path": path.instance_path,
                                       "module": path.module or self.module}
            if index < len(self.hierpaths):
                item["hierpath"] = self.hierpaths[index]
            listed.append(item)
        return listed


def group(annotations: list[Annotation]) -> list[dict[str, object]]:
    """One JSON entry per distinct ``data``: copies of one annotate op (made by edits, dedup, inlining) reunite.

    Metadata maps instances to data, so entries with equal data can be
    united without losing anything; ``sources`` says where the ops sat.
    """
    entries: dict[str, dict[str, object]] = {}
    for annotation in annotations:
        key = json.dumps(annotation.data, sort_keys=True)
        entry = entries.setdefault(key, {"data": annotation.data, "count": 0, "instances": [], "sources": []})
        entry["count"] = int(entry["count"]) + annotation.count  # type: ignore[call-overload]
        entry["sources"].append(annotation.source())  # type: ignore[attr-defined]
        listed = annotation.listed()
        if listed is None or entry["instances"] is None:
            entry["instances"] = None
            entry["truncated"] = True
        else:
            entry["instances"].extend(listed)  # type: ignore[attr-defined]
    for entry in entries.values():
        if entry["instances"] is not None:
            entry["instances"] = sorted(entry["instances"], key=lambda i: i["path"])  # type: ignore[call-overload]
    return list(entries.values())


def _logical(path: InstancePath, annotation: Annotation) -> str:
    """The logical path; an annotation about an inlined child names the dissolved level too."""
    text = path.path
    if annotation.target is None and annotation.scope:
        return f"{text}.{annotation.scope}" if text else annotation.scope
    return text


def json_value(attr: ir.Attribute) -> object:
    if isinstance(attr, ir.BoolAttr):
        return ir.BoolAttr(attr).value
    if isinstance(attr, ir.IntegerAttr):
        return ir.IntegerAttr(attr).value
    if isinstance(attr, ir.StringAttr):
        return ir.StringAttr(attr).value
    return str(attr)


def relative_pattern(op: AnnotateOp) -> Pattern | None:
    """What the annotation matches below each anchor instance (None: the anchor instance itself)."""
    target = op.target
    scope = op.scope
    if target is None:
        return None
    return with_prefix(parse_pattern(target), scope)


class Exporter:
    def __init__(self, root: ir.Operation, top: str | None, limit: int):
        self.root = root
        self.limit = limit
        self.hier = Hierarchy(root, top)
        self.queries = Queries(root, hierarchy=self.hier)
        self.symbols = SymbolIndex(root)
        self._anchors: dict[str, tuple[int, list[InstancePath] | None]] = {}
        self._hierpath_names: set[str] = set()

    def anchors(self, module: str) -> tuple[int, list[InstancePath] | None]:
        """(number of instances of ``module``, their paths when at most ``limit``)."""
        known = self._anchors.get(module)
        if known is None:
            if module == self.hier.top:
                known = (1, [InstancePath(())])
            else:
                count = self.queries.count("**", module)
                paths = self.queries.paths("**", module, self.limit) if count <= self.limit else None
                known = (count, paths)
            self._anchors[module] = known
        return known

    def resolve(self, module: ModuleOp, op: AnnotateOp) -> Annotation:
        name = module.sym_name
        scope = format_path(op.scope)
        data = {key: json_value(value) for key, value in op.data.items()}
        anchor_count, anchors = self.anchors(name)
        pattern = relative_pattern(op)
        if pattern is None:
            relative_count = 1
            relative: list[InstancePath] | None = [InstancePath(())]
        else:
            relative_count = self.queries.count(pattern, root=name)
            relative = self.queries.paths(pattern, limit=self.limit, root=name) \
                if relative_count <= self.limit else None
        count = anchor_count * relative_count
        instances = None
        if anchors is not None and relative is not None and count <= self.limit:
            instances = [InstancePath(a.edges + r.edges) for a in anchors for r in relative]
        return Annotation(name, op.target, scope, data, count, instances, op.location)

    def hierpath(self, path: InstancePath, fallback: str) -> str:
        """An ``hw.hierpath`` op for one instance path (inner symbols added on the way); its symbol name."""
        namepath: list[ir.Attribute] = []
        for parent, edge in path.edges:
            attrs = edge.op.operation.attributes
            sym = ir.StringAttr(attrs[INSTANCE_ATTRIBUTES[edge.op.operation.name].name]).value
            if "inner_sym" not in attrs:
                attrs["inner_sym"] = hw.InnerSymAttr.get(ir.StringAttr.get(sym))
            namepath.append(hw.InnerRefAttr.get(ir.StringAttr.get(parent), ir.StringAttr.get(sym)))
        namepath.append(ir.FlatSymbolRefAttr.get(path.module or fallback))
        name = self.symbols.unique_name(f"loom_meta_{len(self._hierpath_names)}")
        self._hierpath_names.add(name)
        with self.root.location:
            op = ir.Operation.create("hw.hierpath", attributes={
                "sym_name": ir.StringAttr.get(name), "namepath": ir.ArrayAttr.get(namepath)},
                ip=ir.InsertionPoint(self.root.regions[0].blocks[0]))
        self.symbols.reserve(name, op.opview)
        return name

    def run(self) -> list[Annotation]:
        found = annotated(self.root)
        results = []
        for module, op in found:
            annotation = self.resolve(module, op)
            if annotation.instances is None:
                remarks.emit(op.location, f"metadata matches {annotation.count} instances (more than the limit of"
                                          f" {self.limit}): no hw.hierpath, paths left out of the JSON",
                             remarks.WARNING)
            else:
                for path in annotation.instances:
                    annotation.hierpaths.append(self.hierpath(path, module.sym_name))
            results.append(annotation)
        for module, op in found:
            op.operation.erase()
            if FLAG in module.operation.attributes:
                del module.operation.attributes[FLAG]
        return results
