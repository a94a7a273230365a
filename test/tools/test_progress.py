"""Build progress and the `loom build` summary: phase times, and nothing on stderr unless it is a terminal."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from loom.dialect.progress import Progress, phase, step
from loom.tools.build import EXAMPLES_DIR, main


def test_build_prints_a_summary_and_nothing_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["build", f"{EXAMPLES_DIR / 'fanout.py'}:top", "--param", "count=6", "-o", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 0 and captured.err == ""  # pytest's capture is not a terminal: no progress display
    # 6 PEs with INC = 1, 3, 5, 7, 1, 3: four PE variants plus the top.
    assert "FanoutTop: 5 modules, 6 instances; 5 .sv file(s) and filelist.f in" in captured.out
    times = captured.out.splitlines()[-1]
    assert times.startswith("time: elaborate ") and ", passes " in times and ", lowering " in times
    assert ", export " in times


def test_quiet_prints_only_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", f"{EXAMPLES_DIR / 'counter.py'}:Counter", "-o", str(tmp_path), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [str(tmp_path / "Counter8.sv")] and captured.err == ""


def test_inner_phases_are_not_counted_in_outer_ones() -> None:
    progress = Progress(io.StringIO(), show=False)
    with progress.active():
        with phase("passes"):
            time.sleep(0.02)
            with phase("lowering"):
                time.sleep(0.2)
                with phase("lowering"):  # re-entering a running phase changes nothing
                    step("loom-specialize")
    assert list(progress.times) == ["passes", "lowering"]
    assert progress.times["lowering"] >= 0.2 > progress.times["passes"] >= 0.02
    assert progress.summary().startswith("passes 0.")


def test_a_terminal_sees_the_running_phase_and_pass() -> None:
    stream = io.StringIO()
    progress = Progress(stream, show=True, delay=0.0)
    with progress.active():
        with phase("lowering"):
            step("loom-specialize")
            deadline = time.monotonic() + 5
            while "loom-specialize" not in stream.getvalue() and time.monotonic() < deadline:
                time.sleep(0.02)
    assert "loom: lowering (loom-specialize)" in stream.getvalue()


def test_no_progress_is_a_no_op() -> None:
    with phase("elaborate"):
        step("anything")  # no active Progress: nothing to report to, nothing raised
