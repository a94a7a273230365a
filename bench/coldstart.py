"""Cold start: what the first build in a fresh Python process costs, beside the same build run again.

A user running ``loom build`` or a script pays the first build, and on a small design that is most of
the time: imports of the passes the pipeline names, first calls that fill caches, MLIR's first pass
manager. Every figure here comes from a fresh process:

- ``import loom``: CPU milliseconds of the import, measured inside the process (the interpreter's own
  start-up is the ``python -c pass`` row);
- the first build of ``examples/binary_tree.py`` at depth 1 and at depth 20 (issue 13's tree target),
  in the three phases of ``loom.emit``: ``elaborate`` (``VerilogModule``: the generators to loom IR),
  ``passes`` (the default pipeline: ``add_default_passes`` parses it, ``run_passes`` runs it and the
  lowering) and ``emit`` (ExportVerilog into a temporary folder); then the same build again in the
  same process (``warm``), which shows what of the first one is first-call cost.

  **The fixed cost of the default pipeline** (issue 13: at most 10 ms) is ``tree 1: first passes``:
  the depth-1 tree is two small modules that no pass of the pipeline has anything to change in but the
  lowering's, so what its passes phase costs in a fresh process is what the pipeline costs any design
  before it has work to do: the imports of the passes' modules, first calls, each pass's look at the
  design, the lowering of two modules. ``first - warm`` of it is the part a second build does not pay;
- whole processes timed from outside (wall-clock milliseconds): ``python -c pass``,
  ``python -c "import loom"`` and ``loom build examples/counter.py:top -o DIR``.

Byte code: the children run with Python's byte-code cache on, kept in a temporary folder
(``PYTHONPYCACHEPREFIX``), and one unmeasured run of each kind fills it first. An installed wheel has
its byte code compiled at install time; without the cache (``PYTHONDONTWRITEBYTECODE=1``) compiling
loom's sources would be most of what is measured.

Run: ``.venv/bin/python bench/coldstart.py [--runs 9] [--vs OTHER_PYTHON]``. ``--vs`` names another
checkout's interpreter (its ``.venv/bin/python``; its ``loom`` script beside it): the two alternate run
by run, and the table gives both medians and their ratio. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPTHS = (1, 20)
PHASES = ("elaborate", "passes", "emit")


def child(depth: int) -> None:
    """One fresh process: time ``import loom`` and two builds of the tree; print the figures as JSON."""
    start = time.process_time()
    import loom  # noqa: F401 -- the import is what is measured
    figures = {"import loom": time.process_time() - start}

    import importlib.util

    from loom.driver.pass_manager import VerilogModule
    from loom.lowering.export import BackendOptions

    spec = importlib.util.spec_from_file_location("binary_tree", ROOT / "examples" / "binary_tree.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    for build in ("first", "warm"):
        top = example.top(depth)
        start = time.process_time()
        code_gen = VerilogModule(top, options=BackendOptions(emit_locations=True))
        figures[f"{build} elaborate"] = time.process_time() - start
        start = time.process_time()
        code_gen.pass_manager().add_default_passes()  # as build_verilog_module does: the default pipeline
        code_gen.run_passes()
        figures[f"{build} passes"] = time.process_time() - start
        with tempfile.TemporaryDirectory() as out:
            start = time.process_time()
            code_gen.emit(out)
            figures[f"{build} emit"] = time.process_time() - start
    print(json.dumps(figures))


def environment(cache: str) -> dict[str, str]:
    """The children's environment: byte-code cache on, in ``cache`` (see the module docstring)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def timed(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, str]:
    """Wall-clock seconds of ``command`` (a whole process) and what it printed; fails loudly if it fails.

    ``cwd`` is a scratch folder: ``python -c`` puts the working directory first on ``sys.path``, and in a
    checkout that finds its ``loom/`` folder instead of the interpreter's installed loom."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=cwd)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def one_run(python: str, env: dict[str, str], scratch: str) -> dict[str, float]:
    """Every figure of one run with ``python``, in seconds."""
    figures: dict[str, float] = {}
    for depth in DEPTHS:
        _, printed = timed([python, __file__, "--child", str(depth)], env, scratch)
        for name, seconds in json.loads(printed).items():
            if name == "import loom" and depth != DEPTHS[0]:
                continue
            figures[name if name == "import loom" else f"tree {depth}: {name}"] = seconds
    figures["process: python -c pass"] = timed([python, "-c", "pass"], env, scratch)[0]
    figures["process: import loom"] = timed([python, "-c", "import loom"], env, scratch)[0]
    loom_script = str(Path(python).parent / "loom")
    figures["process: loom build counter"] = timed(
        [loom_script, "build", f"{ROOT / 'examples' / 'counter.py'}:top", "-o", "out", "--quiet"], env, scratch)[0]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="fresh-process runs of each kind (default 9)")
    parser.add_argument("--vs", metavar="PYTHON", help="another checkout's .venv/bin/python, run alternately")
    parser.add_argument("--child", type=int, metavar="DEPTH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    pythons = {"A": sys.executable, **({"B": args.vs} if args.vs else {})}
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in pythons}
    with tempfile.TemporaryDirectory(prefix="loom-coldstart-") as scratch:
        env = environment(os.path.join(scratch, "pycache"))
        for python in pythons.values():
            one_run(python, env, scratch)  # fills the byte-code cache; not counted
        for _ in range(args.runs):
            for label, python in pythons.items():
                runs[label].append(one_run(python, env, scratch))
    report(pythons, runs)


def report(pythons: dict[str, str], runs: dict[str, list[dict[str, float]]]) -> None:
    """Medians in milliseconds (CPU inside a process, wall-clock for whole processes), and A / B."""
    for label, python in pythons.items():
        print(f"{label}: {python}")
    names = list(runs["A"][0])
    medians = {label: {name: statistics.median(run[name] for run in done) * 1e3 for name in names}
               for label, done in runs.items()}
    header = f"{'median of ' + str(len(runs['A'])) + ' runs, ms':<40}" + "".join(f"{label:>10}" for label in runs)
    print(header + (f"{'A / B':>9}" if "B" in runs else ""))
    for name in names:
        row = f"{name:<40}" + "".join(f"{medians[label][name]:10.2f}" for label in runs)
        if "B" in runs:
            row += f"{medians['A'][name] / medians['B'][name]:9.2f}"
        print(row)
    first, warm = (f"tree {DEPTHS[0]}: {build} passes" for build in ("first", "warm"))
    row = f"{f'tree {DEPTHS[0]}: passes, first - warm':<40}"
    row += "".join(f"{medians[label][first] - medians[label][warm]:10.2f}" for label in runs)
    print(row)
    for depth in DEPTHS:
        for build in ("first", "warm"):
            row = f"{f'tree {depth}: {build} build, all phases':<40}"
            sums = {label: sum(medians[label][f"tree {depth}: {build} {phase}"] for phase in PHASES) for label in runs}
            row += "".join(f"{sums[label]:10.2f}" for label in runs)
            if "B" in runs:
                row += f"{sums['A'] / sums['B']:9.2f}"
            print(row)


if __name__ == "__main__":
    main()
