"""``loom-export-metadata``: resolve ``loom.annotate`` ops into ``hw.hierpath`` ops and a JSON side file.

Runs on the loom IR after the passes that restructure the hierarchy (the
lowering pipelines run it right after loom-specialize). For each annotation
it counts the instances it is about (memoised, ``queries.py``); when there
are at most ``limit`` of them it lists their paths and gives each one an
``hw.hierpath`` (``[@Top::@c1, @D1::@c2, @D3]``; the instances on the way get
an inner symbol named like the instance, which lower-loom-to-hw carries to
``hw.instance``). Then the annotate ops go: nothing after this pass needs to
know about them. What CIRCT keeps is the hierpaths; what tools read is the
JSON (``file=PATH``), which is also stored on the ``builtin.module`` as the
string attribute ``loom.metadata``::

    {"top": "D0", "annotations": [
      {"data": {"floorplan": "x0y0"}, "count": 1,
       "instances": [{"path": "c1.c1.c2", "instance_path": "c1.c1.c2", "module": "D3",
                      "hierpath": "loom_meta_0"}],
       "sources": [{"module": "D0", "target": "c1.c1.c2"}]}]}

Ports, vars and registers with attributes (``Named.add_attribute``, kept as
``user_attributes`` on the port entry or on the op defining the signal) are
listed under ``signals``: ``{"module": "M", "name": "x", "kind": "var",
"attributes": {"key": "value"}}``.

Annotations with equal ``data`` are one entry: an edit that copies a
module copies its annotate ops, and the entry reunites the copies.

``path`` is the logical path (instance names as written by the generator);
``instance_path`` the names in the SystemVerilog, which differ after
inlining (``c1.c1_c2``). Above the limit, ``instances`` is null and
``truncated`` true; the count is still exact.

Options: ``file`` (JSON output path), ``limit`` (default 1000), ``top``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from circt import ir
from circt.dialects import hw

from ..dialect import remarks
from ..dialect.annotate import FLAG, SIGNAL_FLAG, AnnotateOp, annotate
from ..dialect.decoding import decoded
from ..dialect.errors import PassFailedError
from ..dialect.hierarchy import Hierarchy
from ..dialect.opkinds import INSTANCE_ATTRIBUTES, REGISTERS
from ..dialect.ops import ModuleOp
from ..dialect.paths import Pattern, format_path, parse_pattern, with_prefix
from ..dialect.symbols import SymbolIndex
from .pass_kinds import PassKind
from .pass_options import TopOptions, option
from .queries import InstancePath, Queries
from .registry import loom_pass
from .visitor import string_dict

DEFAULT_LIMIT = 1000
USER_ATTRIBUTES = "user_attributes"


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


def annotated(root: ir.Operation) -> list[tuple[ModuleOp, AnnotateOp]]:
    """Every (anchor module, annotate op), looking only into modules flagged ``has_annotations``."""
    found: list[tuple[ModuleOp, AnnotateOp]] = []
    for op in root.regions[0].blocks[0].operations:
        if isinstance(op, ModuleOp) and FLAG in op.operation.attributes:
            found.extend((op, inner) for inner in op.body.operations if isinstance(inner, AnnotateOp))
    return found


def may_export(module: ir.Operation) -> bool:
    """Whether ``annotated`` or ``signal_attributes`` may find something in the ``loom.module`` ``module``: it
    is flagged (annotations, signal attributes) or has ports with attributes (decoded once per ports attribute)."""
    attrs = module.attributes
    return FLAG in attrs or SIGNAL_FLAG in attrs or \
        bool(decoded("port user_attributes", attrs["ports"], _port_user_attributes))


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


def _port_user_attributes(ports: ir.Attribute) -> list[tuple[str, ir.Attribute]]:
    """(name, ``user_attributes``) of each port entry of a ``ports`` array that has some."""
    found = []
    for port in ir.ArrayAttr(ports):
        fields = ir.DictAttr(port)
        if USER_ATTRIBUTES in fields:
            found.append((ir.StringAttr(fields["name"]).value, fields[USER_ATTRIBUTES]))
    return found


def signal_attributes(root: ir.Operation) -> list[dict[str, object]]:
    """The attributes users put on ports, vars and registers (``user_attributes`` on a port entry or on
    the op that defines the signal), one entry per signal, in module and declaration order."""
    entries: list[dict[str, object]] = []
    for op in root.regions[0].blocks[0].operations:
        if op.operation.name != "loom.module":
            continue
        module = ir.StringAttr(op.attributes["sym_name"]).value
        # Decoded once per distinct ports attribute in a pipeline run (10,000 modules may share one).
        for name, attributes in decoded("port user_attributes", op.attributes["ports"], _port_user_attributes):
            entries.append({"module": module, "name": name, "kind": "port", "attributes": string_dict(attributes)})
        if SIGNAL_FLAG not in op.attributes:
            continue  # no var or register with attributes: the body is not walked (it may be huge)
        for inner in op.regions[0].blocks[0].operations:
            attributes = inner.operation.attributes
            if USER_ATTRIBUTES not in attributes:
                continue
            kind = "register" if inner.operation.name in REGISTERS else "var"
            name = ir.StringAttr(attributes["name"]).value if "name" in attributes else \
                inner.operation.results[0].get_name().lstrip("%")
            entries.append({"module": module, "name": name, "kind": kind,
                            "attributes": string_dict(attributes[USER_ATTRIBUTES])})
    return entries


def export(root: ir.Operation, top: str | None = None, file: str | Path | None = None,
           limit: int = DEFAULT_LIMIT) -> dict[str, object]:
    """Resolve and remove every ``loom.annotate``; returns the JSON document (also written to ``file``).

    Signal attributes (``signals``) are listed as they are; they stay on their ops.
    """
    signals = signal_attributes(root)
    if not annotated(root) and not signals:
        return {}
    exporter = Exporter(root, top, limit)
    annotations = exporter.run()
    document: dict[str, object] = {"top": exporter.hier.top, "annotations": group(annotations)}
    if signals:
        document["signals"] = signals
    text = json.dumps(document, indent=2)
    root.attributes["loom.metadata"] = ir.StringAttr.get(text)
    if file is not None:
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        Path(file).write_text(text + "\n")
    return document


@dataclass(frozen=True, kw_only=True)
class ExportOptions(TopOptions):
    file: str | None = option(None, help="the JSON side file to write (default: none; always on the builtin.module)")
    limit: int = option(DEFAULT_LIMIT, help="list the instances of an annotation only up to this many")


@loom_pass("loom-export-metadata", kind=PassKind.DESIGN,
           summary="Resolve loom.annotate ops into hw.hierpath ops and a JSON side file, then remove them",
           options=ExportOptions)
def run(module: ir.Operation, options: ExportOptions) -> None:
    """Resolve loom.annotate ops into hw.hierpath ops and a JSON side file, then remove them."""
    export(module, options.top, options.file or None, options.limit)


def annotate_path(root: ir.Operation, pattern: str, data: dict[str, object], top: str | None = None) -> AnnotateOp:
    """Attach ``data`` to the instances ``pattern`` matches: one op in the top module, no module is copied."""
    parse_pattern(pattern)
    hier = Hierarchy(root, top)
    module = hier.modules[hier.top]
    if not isinstance(module, ModuleOp):
        raise PassFailedError(f"top module '{hier.top}' is not a loom.module")
    return annotate(module, data, pattern)
