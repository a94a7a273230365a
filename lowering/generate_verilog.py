"""``generate-verilog``: write the SystemVerilog of a lowered design (kratos's code generation pass).

Builds on CIRCT's ExportVerilog. With option ``out-dir=DIR`` the design is
split one module per ``DIR/<module>.sv`` plus ``DIR/filelist.f`` (CIRCT's
split export, which emits modules in parallel); without it the whole design
goes to standard output, as ``loom-opt --export-verilog`` prints it. The
design must be lowered (run ``lower-to-hw, cleanup`` first; ``PassManager``
lowers on its own before this pass). The ExportVerilog options are loom's
(``export.BASE_LOWERING_OPTIONS``) unless the module already carries
``circt.loweringOptions``.

``PassManager``/``VerilogModule`` replace the no-``out-dir`` form by one
that keeps ``{module: SystemVerilog}`` for ``verilog_src()``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from circt import ir

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.opdef import PREFIX
from .export import BackendOptions, apply_lowering_options, export_sources, export_split, export_text
from .pass_kinds import PassKind
from .pass_options import option
from .registry import loom_pass
from .stage import needs_lowered_ir


def _with_options(module: ir.Operation) -> None:
    if "circt.loweringOptions" not in module.attributes:
        apply_lowering_options(module, BackendOptions())


def adopt_into_module(root: ir.Operation) -> ir.Module:
    """An ``ir.Module`` holding ``root``'s attributes and top-level ops (the bindings cannot wrap an op).

    ExportVerilog wants an ``ir.Module`` and a pass (or loom-opt) holds the
    op; moving the top-level ops costs one move per module.
    """
    module = ir.Module.create(loc=root.location)
    for name in root.attributes:
        module.operation.attributes[name] = root.attributes[name]
    for op in list(root.regions[0].blocks[0].operations):
        module.body.append(op)
    return module


def unexportable_ops(root: ir.Operation) -> list[tuple[ir.Location, str]]:
    """(location, message) for each op ExportVerilog cannot print: loom ops and other unregistered ops.

    ExportVerilog does not report an op it does not know: it crashes the
    process. loom's own ops get the pass that lowers them named; any other
    unregistered op is named as unknown. One walk, one registry look-up per
    distinct op name.
    """
    context = root.context
    known: dict[str, bool] = {}
    found: list[tuple[ir.Location, str]] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        name = op.name
        registered = known.get(name)
        if registered is None:
            registered = known[name] = context.is_registered_operation(name)
        if registered:
            return ir.WalkResult.ADVANCE
        if name.startswith(PREFIX):
            found.append((op.location, f"'{name}' must be lowered before Verilog export"
                                       f" (add lower-to-hw to the pipeline)"))
        else:
            found.append((op.location, f"'{name}' is not an operation CIRCT knows; it cannot be exported to Verilog"))
        return ir.WalkResult.SKIP

    root.walk(visit, ir.WalkOrder.PRE_ORDER)
    return found


def check_exportable(root: ir.Operation) -> None:
    """Raise a PassFailedError at the first op ExportVerilog cannot print (see ``unexportable_ops``)."""
    found = unexportable_ops(root)
    if found:
        location, message = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise PassFailedError(message + more, location_text(location))


def _give_back(module: ir.Module, root: ir.Operation) -> None:
    for op in list(module.body.operations):
        root.regions[0].blocks[0].append(op)


def export_to(root: ir.Operation, stream: TextIO | None = None, out_dir: str | Path | None = None) -> list[Path]:
    """ExportVerilog ``root`` to ``stream`` or split into ``out_dir``; returns the files written."""
    with _adopted(root) as module:
        if out_dir is not None:
            return export_split(module, out_dir)
        export_text(module, stream or sys.stdout)
        return []


def sources(root: ir.Operation) -> dict[str, str]:
    """``{module name: SystemVerilog}`` of a lowered design."""
    with _adopted(root) as module:
        return export_sources(module)


@contextmanager
def _adopted(root: ir.Operation) -> Iterator[ir.Module]:
    """``root``'s ops in an ``ir.Module`` for ExportVerilog (loom's options unless it has some), given back after."""
    _with_options(root)
    module = adopt_into_module(root)
    try:
        yield module
    finally:
        _give_back(module, root)


@dataclass(frozen=True)
class GenerateVerilogOptions:
    """The options of ``generate-verilog``."""

    out_dir: str | None = option(None, help="directory for one .sv file per module and filelist.f (default: stdout)")


@loom_pass("generate-verilog", kind=PassKind.DESIGN,
           summary="Write SystemVerilog with ExportVerilog: one file per module into out-dir, or to stdout",
           options=GenerateVerilogOptions)
@needs_lowered_ir
def run(module: ir.Operation, options: GenerateVerilogOptions) -> None:
    """Write the design's SystemVerilog: one file per module into out-dir, or all of it to stdout."""
    out_dir = options.out_dir
    check_exportable(module)
    export_to(module, None if out_dir else sys.stdout, out_dir)
    sys.stdout.flush()
