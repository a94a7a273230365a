"""A design as one text stream: its loom IR, its lowered hw/sv IR or its SystemVerilog.

``loom.ir(top)`` and ``loom build FILE:GEN --emit=loom|hw|sv -o -`` both come
here, so a lit RUN line and a Python test see the same text::

    print(loom.ir(Counter()))                  # loom IR, ports named %clk, %en, ...
    print(loom.ir(Counter(), "hw"))            # after the default passes and the lowering

- ``loom``: the IR the generators made, before any pass (``loom-opt`` reads
  it; pipe it into ``loom-opt -p ...`` to run passes on it). Ports and
  instances print with their names (``dialect/printing.py``).
- ``hw``: what ExportVerilog gets: the default kratos passes and the whole
  lowering have run (as for ``loom.emit``).
- ``sv``: every file ``loom.emit`` would write, concatenated in
  ``filelist.f`` order (dependencies first, the top last).

Module order is the IR's, which follows elaboration and is the same on
every run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from circt import ir as mlir  # `ir` is this module's public function

from ..dialect.printing import print_ir
from ..frontend.generator import Generator
from ..lowering.export import BackendOptions
from .pass_manager import build_verilog_module

if TYPE_CHECKING:
    from .design import Design

Stage = Literal["loom", "hw", "sv"]
STAGES: tuple[Stage, ...] = ("loom", "hw", "sv")


def ir(top: Generator | Design, stage: Stage = "loom", *, locations: bool = False,
       keep_parameters: bool = False) -> str:
    """The design under ``top`` as text at ``stage`` (``"loom"``, ``"hw"`` or ``"sv"``).

    ``locations``: MLIR ``loc(...)`` entries (IR) or ``// file.py:line:col``
    comments (SystemVerilog) pointing at the generator code.
    ``keep_parameters``: lower to parameterised modules (``hw``, ``sv``).
    A ``Design`` is printed as it stands now, its edits included, and is not
    changed.
    """
    from .design import Design  # the editing API: kept out of `import loom` and `loom build` (start-up)

    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    if stage == "loom":
        design = top if isinstance(top, Design) else Design(top)
        return print_ir(design.module.operation, locations=locations)
    source: Generator | mlir.Module = top.copy().module if isinstance(top, Design) else top
    top_name = top.top if isinstance(top, Design) else None
    code_gen = build_verilog_module(source, BackendOptions(keep_parameters, emit_locations=locations),
                                    top_name=top_name)
    code_gen.run_passes()
    if stage == "sv":
        return "".join(code_gen.verilog_src().values())
    return print_ir(code_gen.module.operation, locations=locations)
