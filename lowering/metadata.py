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

Options: ``file`` (JSON output path), ``limit`` (default 1000), ``top``. The resolving itself is
``metadata_exporter.py``, imported only when a design has something to export.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from circt import ir

from ..dialect.annotate import FLAG, SIGNAL_FLAG, USER_ATTRIBUTES, AnnotateOp, annotate
from ..dialect.decoding import decoded
from ..dialect.errors import PassFailedError
from ..dialect.hierarchy import Hierarchy
from ..dialect.opkinds import REGISTERS
from ..dialect.ops import ModuleOp
from .pass_kinds import PassKind
from .pass_options import TopOptions, option
from .registry import loom_pass
from .visitor import string_dict

DEFAULT_LIMIT = 1000


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
    from .metadata_exporter import Exporter, group  # only a design with metadata (docs/architecture.md, "Start-up")

    exporter = Exporter(root, top, limit)
    annotations = exporter.run()
    document: dict[str, object] = {"top": exporter.hier.top, "annotations": group(annotations)}
    if signals:
        document["signals"] = signals
    import json  # a design with metadata only: kept out of `import loom` (docs/architecture.md, "Start-up")

    text = json.dumps(document, indent=2)
    root.attributes["loom.metadata"] = ir.StringAttr.get(text)
    if file is not None:
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        Path(file).write_text(text + "\n")
    return document


@dataclass(frozen=True, kw_only=True)
class ExportOptions(TopOptions):
    """The options of ``loom-export-metadata``."""

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
    from ..dialect.paths import parse_pattern  # the editing API only: kept out of every build's start-up

    parse_pattern(pattern)
    hier = Hierarchy(root, top)
    module = hier.modules[hier.top]
    if not isinstance(module, ModuleOp):
        raise PassFailedError(f"top module '{hier.top}' is not a loom.module")
    return annotate(module, data, pattern)
