"""A crash of loom (a signal) is a fuzz failure like any other: the run names the seed, writes a shrunk
reproducer, counts it and goes on with the other seeds (tools/fuzz/isolate.py).

The crash is injected: the build (designs mode) or one transform (passes mode) kills its own process for
one chosen seed. The forked children see the monkeypatched functions.
"""

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from loom import set_num_cpus
from loom.dialect import threads
from loom.tools.fuzz import designs, isolate, passes
from loom.tools.fuzz.__main__ import main
from loom.tools.fuzz.describe import DesignDesc, random_design
from loom.tools.fuzz.isolate import ChildError, Died, in_child

pytestmark = pytest.mark.skipif(not designs.tools_available(), reason="verilator/iverilog not installed")

CRASHING = 1001
"""Its design has four outputs: the shrunk reproducer keeps one."""


def reproducer_design(path: Path) -> DesignDesc:
    """The ``DESIGN`` a reproduce.py holds."""
    line = next(line for line in path.read_text().splitlines() if line.startswith("DESIGN = "))
    namespace: dict[str, object] = {}
    exec("from loom.tools.fuzz.description import *", namespace)
    design = eval(line.removeprefix("DESIGN = "), namespace)
    assert isinstance(design, DesignDesc)
    return design


def run_three_designs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                      misbehave: Callable[[], object]) -> tuple[str, Path]:
    """The designs mode over the seeds around ``CRASHING`` (one batch), whose build calls ``misbehave`` first;
    checks that it failed and that every seed was built. Returns what it printed and its ``--out``."""
    built = tmp_path / "built"
    built.mkdir()
    real_build = designs.build

    def build(design: DesignDesc, directory: Path) -> list[Path]:
        (built / str(design.seed)).touch()  # in the child: the parent sees files, not variables
        if design.seed == CRASHING:
            misbehave()
        return real_build(design, directory)

    monkeypatch.setattr(designs, "build", build)
    out = tmp_path / "out"
    status = main(["designs", "--count", "3", "--start", str(CRASHING - 1), "--batch", "3", "--cycles", "10",
                   "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 1, printed
    assert sorted(int(p.name) for p in built.iterdir()) == [CRASHING - 1, CRASHING, CRASHING + 1]
    return printed, out


def test_a_crashing_build_is_a_failure_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    printed, out = run_three_designs(tmp_path, monkeypatch, capsys, lambda: os.kill(os.getpid(), signal.SIGSEGV))
    assert f"seed {CRASHING}: crash: loom died of SIGSEGV" in printed
    assert "[3/3] 1 crash;" in printed  # counted; the other two designs passed
    directory = out / "failures" / f"seed_{CRASHING}"
    reproducer = (directory / "reproduce.py").read_text()
    assert "loom died of SIGSEGV" in reproducer and "Fatal Python error: Segmentation fault" in reproducer
    assert len(reproducer_design(directory / "reproduce.py").top.outputs) == 1
    assert len(random_design(CRASHING).top.outputs) > 1
    assert (directory / "design.py").exists()


def test_a_crashing_transform_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """passes mode: the design's other transforms still run; the crash names the transform that aborted."""
    monkeypatch.setitem(passes.TRANSFORMS, "cse", lambda top, design: os.abort())
    out = tmp_path / "out"
    status = main(["passes", "--count", "1", "--start", str(CRASHING), "--passes", "cse,canonicalize",
                   "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 1, printed
    assert f"cse on seed {CRASHING}: crash: loom died of SIGABRT" in printed
    assert "canonicalize: equivalent: 1" in printed
    assert (out / "failures" / "cse" / f"seed_{CRASHING}" / "reproduce.py").exists()


def test_in_child_hands_back_results_and_deaths() -> None:
    assert in_child(sorted, [3, 1, 2]) == [1, 2, 3]
    assert in_child(os._exit, 3) == Died("exit status 3")
    with pytest.raises(ChildError, match="ZeroDivisionError"):
        in_child(divmod, 1, 0)


def test_a_child_builds_after_the_parent_ran_mlir_on_threads(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent's MLIR threads (loom's pool, LLVM's global executor) do not exist in a forked child: work
    handed to them would wait forever, so the child runs on one thread (dialect/threads.py)."""
    monkeypatch.setattr(threads, "_num_cpus", None)
    set_num_cpus(2)
    designs.build(random_design(CRASHING), tmp_path / "parent")  # registers: lower-seq-to-sv runs in parallel

    def build() -> int:
        signal.alarm(60)  # a hung child dies of SIGALRM instead of hanging the test
        return len(designs.build(random_design(CRASHING), tmp_path / "child"))

    assert in_child(build) == 1


def test_a_hanging_build_is_a_failure_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A build that never returns (here: sleeps) ends its child at the deadline with its Python stack; the
    seed is reported, not shrunk, and the other designs of the batch still run."""
    monkeypatch.setattr(isolate, "LOOM_DEADLINE", 1.0)
    printed, out = run_three_designs(tmp_path, monkeypatch, capsys, lambda: time.sleep(3600))
    assert f"seed {CRASHING}: crash: loom hung: no result within 1 s" in printed
    reproducer = (out / "failures" / f"seed_{CRASHING}" / "reproduce.py").read_text()
    assert "in build" in reproducer  # the stack where it hung
    assert reproducer_design(out / "failures" / f"seed_{CRASHING}" / "reproduce.py") == random_design(CRASHING)
