"""The IR mutation fuzzer (loom.tools.fuzz_ir): a seeded smoke run, and its parts on known inputs."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from loom.tools import fuzz_ir
from loom.tools.fuzz_ir import Outcome, classify, mutate, reduce, run_line_pipelines

SMOKE_MUTANTS = 120


def test_seeded_smoke_finds_no_traceback_crash_or_hang(tmp_path: Path) -> None:
    # A fresh interpreter: the fuzzer forks one child per run, which must not inherit MLIR threads.
    done = subprocess.run([sys.executable, "-m", "loom.tools.fuzz_ir", "--count", str(SMOKE_MUTANTS), "--seed", "1",
                           "--cli-every", "100", "--timeout", "20", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"[{SMOKE_MUTANTS} mutants" in done.stdout and "failures: none" in done.stdout
    assert not list(tmp_path.iterdir())


def test_classify_separates_errors_from_failures() -> None:
    assert classify(0, None, "", False) == Outcome("ok", "accepted")
    assert classify(1, None, "x.mlir:3:1: error: bad\n", False) == Outcome("ok", "rejected")
    assert classify(1, None, "", False).kind == "silent-failure"
    assert classify(None, 11, "", False) == Outcome("signal", "SIGSEGV")
    assert classify(None, None, "", True).kind == "hang"
    traceback = "Traceback (most recent call last):\n  File ...\nValueError: Cannot cast attribute\n"
    assert classify(1, None, traceback + "error: x", False) == Outcome("traceback", "ValueError: Cannot cast attribute")
    assert classify(2, None, "", False).kind == "bad-exit"


def test_reduce_keeps_only_what_the_failure_needs() -> None:
    text = b"\n".join(f"line {i}".encode() for i in range(40))
    reduced = reduce(text, lambda candidate: b"line 17" in candidate and b"line 3" in candidate)
    assert reduced.split(b"\n") == [b"line 3", b"line 17"]


def test_run_lines_give_pass_arguments_without_files() -> None:
    text = ("// RUN: loom-opt %s -p 'lower-to-hw, cleanup' --export-verilog | filecheck %s\n"
            "// RUN: not loom-opt %s --split-input-file --verify-diagnostics --realize-fsm -o %t 2>&1\n"
            "// RUN: loom-opt - < %s\n")
    assert run_line_pipelines(text) == [("-p", "lower-to-hw, cleanup", "--export-verilog"),
                                        ("--split-input-file", "--verify-diagnostics", "--realize-fsm")]


def test_mutants_are_reproducible_from_the_seed() -> None:
    seed = "hw.module @M(in %a: i8, out o: i8) {\n  hw.output %a : i8\n}\n"
    first = [mutate(random.Random(7), seed) for _ in range(3)]
    again = [mutate(random.Random(7), seed) for _ in range(3)]
    assert first == again
    assert any(text != seed for text, _ in first)


def test_every_seed_file_is_read() -> None:
    seeds = fuzz_ir.load_seeds(Path(__file__).resolve().parent.parent)
    assert len({seed.path for seed in seeds}) >= 50
    assert any(seed.pipelines for seed in seeds)
