"""The back end: loom IR -> hw/comb/seq/sv -> SystemVerilog through CIRCT's ExportVerilog.

The lowering options (``BackendOptions``), the lowering of a whole design in
place (``lower``) and the export to text or to one file per module. It takes
IR, never a Generator: turning a Generator into IR and running the user's
passes first is the driver's job (``driver/backend.py``).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import circt
from circt import ir

from ..dialect.errors import UsageError
from ..dialect.heap import young_collections_only
from ..dialect.marked_blocks import MARKABLE_OPS, marker_of, may_hold_marks
from ..dialect.marked_blocks import realize as realize_marked_blocks
from ..dialect.opkinds import UNPACKED_PORTS
from ..dialect.progress import phase
from ..dialect.srcloc import user_location
from .pipeline import PipelineOptions, Step, parse_pipeline, run_pipeline, steps_of
from .pipelines import pipeline
from .rewrites.common import collect

# ExportVerilog options loom always uses: no tool-version banner (stable output), and
# no `automatic logic` temporaries inside always blocks (Icarus Verilog rejects them:
# "sorry: overriding the default variable lifetime is not yet supported").
BASE_LOWERING_OPTIONS = ("omitVersionComment", "disallowLocalVariables")


@dataclass(frozen=True)
class BackendOptions:
    """How a design becomes SystemVerilog.

    ``keep_parameters``: keep SystemVerilog parameters where the ports allow
    it instead of one module per parameter value. ``emit_locations``: the
    ``// file.py:12:4`` comments pointing at the generator code.
    ``lowering_options``: extra ExportVerilog options (``a,b=c``).
    ``passes``: a pipeline run on the loom IR before lowering.
    """

    keep_parameters: bool = False
    emit_locations: bool = True
    lowering_options: str = ""
    passes: str = ""


def lowering_pipeline(top: str, options: BackendOptions, loop_free: bool = False) -> list[Step]:
    """The lowering as steps; the top's name is an option value (``loom_step``), not pipeline text.
    ``loop_free``: the design has no unread cycle for region DCE (``pipelines.LOOP_FREE_CANONICALIZE``)."""
    return [*(parse_pipeline(options.passes) if options.passes else []),
            *steps_of(pipeline(lower=True, cleanup=True, top=top, keep_parameters=options.keep_parameters,
                               loop_free=loop_free and not options.passes))]


def apply_lowering_options(module: ir.Operation, options: BackendOptions) -> None:
    """ExportVerilog's options for ``module``. A design with unpacked array ports (the frontend marks it) gets
    one declaration per port: ExportVerilog would share one, ``output [4:0] o0, o1[0:4],``, legal
    SystemVerilog that Icarus 11 cannot parse."""
    parts = list(BASE_LOWERING_OPTIONS)
    if UNPACKED_PORTS in module.attributes:
        parts.append("disallowPortDeclSharing")
    if not options.emit_locations:
        parts.append("locationInfoStyle=none")
    if options.lowering_options:
        parts.append(options.lowering_options)
    module.attributes["circt.loweringOptions"] = ir.StringAttr.get(",".join(parts))


def lower(module: ir.Module, top: str, options: BackendOptions = BackendOptions(),  # noqa: B008 -- frozen: one shared default is safe
          pipeline_options: PipelineOptions | None = None) -> None:
    """Run the whole lowering on ``module`` in place (loom IR in, hw/sv IR out)."""
    with module.context:
        run_pipeline(module.operation, lowering_pipeline(top, options), pipeline_options)
        apply_lowering_options(module.operation, options)


def output_directory(out_dir: str | os.PathLike[str]) -> Path:
    """``out_dir``, created if missing. Files loom writes there replace earlier ones of the same name (emitting
    again into the same folder is the normal way to rebuild); other files in it are left alone."""
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"cannot write SystemVerilog into '{directory}': it is a file, not a folder",
                         str(user_location()))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot write SystemVerilog into '{directory}': {error.strerror or error}",
                         str(user_location())) from None
    return directory


def export_split(module: ir.Module, out_dir: str | os.PathLike[str]) -> list[Path]:
    """ExportVerilog, one file per module, plus ``filelist.f``; returns the files in list order.

    No full garbage collection runs meanwhile (``dialect/heap.py``): right after a pipeline run the
    collector owes one, and at 10,000 modules it would visit every generator object to free nothing."""
    directory = output_directory(out_dir)
    with module.context, young_collections_only():
        with phase("export"):
            circt.export_split_verilog(module, str(directory))
        listed = (directory / "filelist.f").read_text().split()
        files = [directory / name for name in listed]
        if not _has_marked_blocks(module.operation):
            return files  # nothing to realize: 10,000 files need not be read back
        for path in files:
            text = path.read_text()
            realized = realize_marked_blocks(text)
            if realized != text:
                path.write_text(realized)
        return files


def _has_marked_blocks(root: ir.Operation) -> bool:
    """Whether some block of the design is printed as another keyword (``dialect/marked_blocks.py``).

    The walk runs in C++ and calls Python only for the ops such a block can be.
    """
    with root.context:
        return any(marker_of(op) is not None for op in collect(root, MARKABLE_OPS))


def export_sources(module: ir.Module) -> dict[str, str]:
    """``{module name: SystemVerilog}``, each text byte for byte the file ``export_split`` writes for it.

    A design of plain ``hw.module`` ops is exported as one text and cut after each module's closing
    ``endmodule`` line and the blank line after it: split ExportVerilog prints each such module into its
    own file the same way. Any other design (typedefs, macros, verbatim text, output files: ops the split
    export copies into each file or sends elsewhere), or a text whose pieces do not name the modules in
    order, goes through ``export_split`` into a scratch folder and is read back. At 10,000 modules the
    single text spares creating, reading and deleting 10,000 scratch files: 0.2 s of system time on an idle
    disk, over 1 s on a busy one, against 0.4 s for ExportVerilog's own work.
    """
    with module.context, young_collections_only():
        names = _plain_module_names(module.operation)
        if names is not None:
            buffer = io.StringIO()
            with phase("export"):
                circt.export_verilog(module, buffer)
            text = buffer.getvalue()
            pieces = _module_pieces(text, names)
            if pieces is not None:
                if not may_hold_marks(text):
                    return pieces
                return {name: realize_marked_blocks(piece) for name, piece in pieces.items()}
    import tempfile  # only for the designs above: `import loom` need not load it (docs/architecture.md)

    with tempfile.TemporaryDirectory(prefix="loom-") as scratch:
        return {path.stem: path.read_text() for path in export_split(module, scratch)}


_MODULE_END = "endmodule\n\n"
"""How ExportVerilog ends each module's text, in one text and in each split file."""


def _plain_module_names(root: ir.Operation) -> list[str] | None:
    """The names of the design's ``hw.module`` ops, when each is written into a file of its own name and
    nothing else at the top prints text (macro declarations print none); None otherwise, and for a version
    banner the split export would print in every file.

    A walk that skips each top-level op's regions, not a loop over the block's ops: the walk hands Python the
    bare operation, the loop an op view made for each (10,000 modules: a fifth less time)."""
    options = root.attributes["circt.loweringOptions"] if "circt.loweringOptions" in root.attributes else None
    if options is None or "omitVersionComment" not in ir.StringAttr(options).value.split(","):
        return None
    names: list[str] = []
    plain = True
    entered = False
    advance, skip, interrupt = ir.WalkResult.ADVANCE, ir.WalkResult.SKIP, ir.WalkResult.INTERRUPT

    def look(op: ir.Operation) -> ir.WalkResult:
        nonlocal plain, entered
        if not entered:  # the root itself, which the walk visits first
            entered = True
            return advance
        kind = op.name
        if kind == "hw.module":
            attributes = op.attributes
            if "output_file" in attributes or "verilogName" in attributes:
                plain = False
                return interrupt
            names.append(attributes["sym_name"].value)  # a StringAttr (the bindings give the attribute's own class)
        elif kind != "sv.macro.decl":  # declares a name for `ifdef and prints nothing
            plain = False
            return interrupt
        return skip

    root.walk(look, ir.WalkOrder.PRE_ORDER)
    return names if plain else None


def _module_pieces(text: str, names: list[str]) -> dict[str, str] | None:
    """``text`` cut into one piece per module of ``names`` (in order; symbol names, so distinct); None when the
    pieces are not exactly those modules (ExportVerilog renamed one, or a module's text holds the end marker)."""
    pieces = text.split(_MODULE_END)
    if pieces.pop() or len(pieces) != len(names):  # the text ends with the marker: an empty last piece
        return None
    found: dict[str, str] = {}
    for name, piece in zip(names, pieces, strict=True):
        header = _MODULE_HEADER.search(piece)
        if header is None or header.group(1) != name:
            return None
        found[name] = piece + _MODULE_END
    return found


_MODULE_HEADER = re.compile(r"^module ([A-Za-z_][A-Za-z0-9_$]*)\b", re.MULTILINE)
"""The first ``module NAME`` line of a piece (comments and attributes may come before it)."""


def export_text(module: ir.Module, stream: TextIO) -> None:
    """ExportVerilog of ``module`` into ``stream`` as one text (always_latch and final blocks realized)."""
    buffer = io.StringIO()
    circt.export_verilog(module, buffer)
    stream.write(realize_marked_blocks(buffer.getvalue()))
