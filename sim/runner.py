"""``loom.sim.run``: build a design, then run cocotb tests on it with cocotb's runner.

The steps: write the SystemVerilog (``loom.emit``, no location comments) into
``<build_dir>/rtl``; write the design description the testbench helpers read
(``design_info.py``); compile with a ``1ns/1ps`` timescale (loom emits no
`` `timescale`` and cocotb needs one); run the test module; read cocotb's
results file. cocotb's runner leaves the simulator's output on stdout and
ends the process (``SystemExit``) when a test fails under pytest; loom turns
both outcomes into a ``SimResult`` or a ``SimulationError``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..dialect.errors import LoomError
from ..driver.backend import emit
from ..frontend.generator import Generator
from .design_info import ENV_VAR, DesignInfo
from .results import SimResult, check, read_results
from .simulators import DEFAULT, check_simulator, environment

if TYPE_CHECKING:
    from ..driver.design import Design

TIMESCALE = ("1ns", "1ps")
WAVE_FILES = {"icarus": "{top}.fst", "verilator": "dump.vcd"}  # where cocotb's runner has each simulator dump


def run(top: Generator | Design, tests: str | ModuleType | os.PathLike[str], *, simulator: str = DEFAULT,
        waves: bool = False, build_dir: str | os.PathLike[str] | None = None, seed: int | None = None,
        testcase: str | None = None) -> SimResult:
    """Build ``top`` and run the cocotb tests in ``tests`` on it; raises ``SimulationError`` when any fails.

    ``tests``: a module object, an importable module name, or the path of a
    ``.py`` file. ``waves``: record the signals (FST with Icarus, VCD with
    Verilator) under the build folder; the path is printed and in the result.
    ``build_dir``: default ``sim_build/<top module>``. ``seed``: cocotb's
    random seed. ``testcase``: run only the tests with this name.
    """
    check_simulator(simulator)
    info, sources = _build_design(top, build_dir)
    directory = Path(build_dir) if build_dir is not None else Path("sim_build") / info.top
    directory = directory.resolve()
    module_name = _test_module(tests)
    return _simulate(info, sources(directory / "rtl"), module_name, simulator, waves, directory, seed, testcase)


def _build_design(top: Generator | Design, build_dir: object) -> tuple[DesignInfo, _Sources]:
    if isinstance(top, Generator):
        return DesignInfo.of(top), _Sources(top)
    from ..driver.design import Design  # the editing API: kept out of `loom build`, which registers `loom sim`

    if isinstance(top, Design):
        if top.generator is None:
            raise LoomError("loom.sim.run needs a Design made from a Generator (it reads the ports' clock and"
                            " reset kinds from it)")
        return DesignInfo.of(top.generator), _Sources(top)
    raise LoomError(f"loom.sim.run: top must be a Generator or a loom.Design, got {type(top).__name__}")


class _Sources:
    """Writes the design's SystemVerilog (no location comments: stable files, quick compiles)."""

    def __init__(self, top: Generator | Design):
        self.top = top

    def __call__(self, directory: Path) -> list[Path]:
        if isinstance(self.top, Generator):
            return emit(self.top, directory, emit_locations=False)
        return self.top.emit(directory, emit_locations=False)


def _test_module(tests: str | ModuleType | os.PathLike[str]) -> str:
    """The name cocotb imports the tests by; a file's folder goes on ``sys.path`` (cocotb copies it)."""
    if isinstance(tests, ModuleType):
        name = tests.__name__
        file = getattr(tests, "__file__", None)
        if (name == "__main__" or name.startswith("_loom_file_")) and file:
            return _module_from_file(Path(file))
        return name
    text = os.fspath(tests)
    if text.endswith(".py") or os.sep in text:
        return _module_from_file(Path(text))
    if not text.replace(".", "_").isidentifier():
        raise LoomError(f"tests={text!r} is neither a module name nor a .py file")
    return text


def _module_from_file(path: Path) -> str:
    if not path.is_file():
        raise LoomError(f"no such test file: {path}")
    folder = str(path.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return path.stem


def _simulate(info: DesignInfo, sources: list[Path], module: str, simulator: str, waves: bool,
              directory: Path, seed: int | None, testcase: str | None) -> SimResult:
    from cocotb_tools.runner import get_runner

    description = info.write(directory)
    results_file = directory / "results.xml"
    results_file.unlink(missing_ok=True)
    runner = get_runner(simulator)
    failed = False
    with environment(simulator):
        try:
            runner.build(sources=sources, hdl_toplevel=info.top, build_dir=directory, timescale=TIMESCALE,
                         waves=waves, always=True)
        except (RuntimeError, SystemExit) as error:
            raise LoomError(f"{simulator} could not compile {info.top} (its output is above): {error}") from None
        try:
            runner.test(test_module=module, hdl_toplevel=info.top, build_dir=directory, test_dir=directory,
                        waves=waves, seed=seed, testcase=testcase, results_xml=str(results_file),
                        extra_env={ENV_VAR: str(description)})
        except SystemExit as error:  # the runner exits when a test or the simulator fails
            failed = error.code not in (0, None)
    wave_file = directory / WAVE_FILES[simulator].format(top=info.top) if waves else None
    if wave_file is not None and wave_file.exists():
        print(f"waves: {wave_file}")
    else:
        wave_file = None
    return check(SimResult(info.top, simulator, read_results(results_file), directory, results_file, wave_file),
                 failed)
