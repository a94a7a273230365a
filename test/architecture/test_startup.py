"""What `import loom` and a first build leave unimported (docs/architecture.md, "Start-up").

Each case runs in a fresh interpreter: the test process has imported everything long before. A module
listed here is one the default flow never needs; importing it again by accident costs every user's first
run (bench/coldstart.py measures how much), and nothing else would notice.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NOT_AT_IMPORT = (
    "loom.driver.design", "loom.driver.ir_text", "loom.driver.struct_info", "loom.driver.validate",
    "loom.lowering.prove", "loom.dialect.paths", "loom.dialect.automaton", "loom.sim",
    "difflib", "json", "tempfile", "subprocess",
)
"""Modules `import loom` must not import: the editing API, translation validation, the path-pattern
language, simulation, and standard-library modules only an error or an opt-in needs."""

NOT_IN_A_PLAIN_BUILD = (
    "loom.driver.design", "loom.driver.validate", "loom.dialect.paths", "loom.dialect.automaton",
    "loom.lowering.queries", "loom.lowering.metadata_exporter", "loom.lowering.fsm_realization", "json",
    "tempfile",
)
"""Modules `loom.emit` of a design without metadata, FSMs or problems must not import."""

def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (from a scratch folder: see below)."""
    script = code + "\nimport sys\nprint(sorted(sys.modules))\n"  # not json: it is one of the modules asked about
    # Not from the checkout: `python -c` puts the working directory first on sys.path, where `loom/` is a folder.
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd="/")
    return set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


def test_import_loom_leaves_the_rarely_used_modules_out() -> None:
    loaded = _modules_after("import loom")
    assert not loaded & set(NOT_AT_IMPORT), sorted(loaded & set(NOT_AT_IMPORT))


def test_deferred_names_still_work() -> None:
    loaded = _modules_after("import loom\nassert loom.Design.__name__ == 'Design'\n"
                            "assert issubclass(loom.ProofWarning, Warning)\nfrom loom import ir, struct_info\n"
                            "import loom.sim\nassert loom.sim.run and loom.sim.Testbench\n")
    assert {"loom.driver.design", "loom.driver.validate", "loom.sim.runner"} <= loaded


def test_a_plain_first_build_leaves_them_out(tmp_path: Path) -> None:
    example = ROOT / "examples" / "counter.py"
    code = (f"import importlib.util, loom\n"
            f"spec = importlib.util.spec_from_file_location('counter', {str(example)!r})\n"
            f"module = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(module)\n"
            f"assert loom.emit(module.top(), {str(tmp_path)!r})\n")
    loaded = _modules_after(code)
    assert "loom.lowering.specialize_to_hw" in loaded  # the build ran the lowering
    assert not loaded & set(NOT_IN_A_PLAIN_BUILD), sorted(loaded & set(NOT_IN_A_PLAIN_BUILD))
