"""The driver's entry points: ``loom.verilog`` and ``loom.emit``, from a Generator to SystemVerilog.

``verilog(top)`` returns ``{module name: SystemVerilog text}``; ``emit(top,
out_dir)`` writes one ``.sv`` file per module plus ``filelist.f`` (CIRCT's
split export). Both accept a Generator (elaborated first) or an already built
``builtin.module``; the lowering and the export themselves are
``lowering/export.py``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from circt import ir

from ..frontend.generator import Generator
from ..lowering.export import BackendOptions
from .pass_manager import VerilogModule, build_verilog_module

Proof = Callable[[dict[str, str]], object]
"""Proves ``{module name: SystemVerilog}`` equal to the design's plain lowering (``validate.validate``)."""


def _run(top: Generator | ir.Module, top_name: str | None, options: BackendOptions,
         additional_passes: Mapping[str, Callable[..., None]] | None, default_passes: bool,
         prove: bool) -> tuple[VerilogModule, Proof | None]:
    """Build the pass manager and run its passes; with ``prove``, keep the IR from before them to prove the
    SystemVerilog against."""
    code_gen = build_verilog_module(top, options, top_name=top_name, additional_passes=additional_passes,
                                    default_passes=default_passes)
    proof = proof_against(code_gen, additional_passes) if prove else None
    code_gen.run_passes()
    return code_gen, proof


def proof_against(code_gen: VerilogModule, additional_passes: Mapping[str, Callable[..., None]] | None) -> Proof:
    """The proof of ``code_gen``'s SystemVerilog against its IR as it is now, before its passes run (translation
    validation, ``validate.py``: yosys, opt-in)."""
    from .validate import Snapshot, validate  # opt-in: kept out of `import loom` (docs/architecture.md, "Start-up")

    return functools.partial(validate, Snapshot.of(code_gen, additional_passes))


def verilog(top: Generator | ir.Module, *, top_name: str | None = None, keep_parameters: bool = False,
            emit_locations: bool = True, passes: str = "",
            additional_passes: Mapping[str, Callable[..., None]] | None = None,
            default_passes: bool = True, prove: bool = False) -> dict[str, str]:
    """SystemVerilog for ``top`` and everything under it, keyed by module name.

    Runs ``additional_passes`` (``{"name": fn}``, kratos user passes) first,
    then the pipeline text ``passes``, then the default kratos passes
    (``pipelines.DEFAULT_PIPELINE``; ``default_passes=False`` skips them),
    then the lowering and ExportVerilog. ``prove=True`` then proves every
    module equal to a lowering without those passes (``driver/validate.py``)
    and raises ``ProofError`` naming the module and the pass when one is not.
    """
    code_gen, proof = _run(top, top_name, BackendOptions(keep_parameters, emit_locations, passes=passes),
                           additional_passes, default_passes, prove)
    sources = code_gen.verilog_src()
    if proof is not None:
        proof(sources)
    return sources


def emit(top: Generator | ir.Module, out_dir: str | os.PathLike[str], *, top_name: str | None = None,
         keep_parameters: bool = False, emit_locations: bool = True, passes: str = "",
         additional_passes: Mapping[str, Callable[..., None]] | None = None,
         default_passes: bool = True, prove: bool = False) -> list[Path]:
    """Write one ``.sv`` file per module and ``filelist.f`` into ``out_dir``; returns the .sv paths.

    The passes run, and ``prove`` proves, as in ``verilog``.
    """
    code_gen, proof = _run(top, top_name, BackendOptions(keep_parameters, emit_locations, passes=passes),
                           additional_passes, default_passes, prove)
    files = code_gen.emit(out_dir)
    if proof is not None:
        proof({path.stem: path.read_text() for path in files})
    return files
