"""Mutation fuzzing of ``loom-opt``: malformed IR must give an error, never a traceback, a crash or a hang.

The seeds are the ``.mlir`` files under ``test/`` (each ``// -----`` chunk on
its own). A mutant is a seed with one to three random edits: a line deleted,
duplicated or swapped, an attribute given a value of another kind or
removed, an integer width or value changed, a symbol or SSA name renamed,
an op name replaced, the text truncated, or invalid UTF-8 inserted.
Each mutant runs through ``loom-opt`` four ways: plain (parse and
verify), with a pipeline taken from the seed file's own lit ``RUN`` lines,
with ``lower-to-hw`` + ``--export-verilog``, and with one of the registered
loom passes before that lowering (pipelines and passes take turns).

A run passes when it exits 0, or exits 1 having printed an ``error:``
diagnostic, within the time limit. Anything else is a failure: a Python
traceback, death by a signal (a crash inside MLIR/CIRCT), a hang, or exit 1
without a message. Runs happen in a forked child of this process (loom and
CIRCT are imported once, so a run costs milliseconds, and a signal kills only
the child); ``--cli-every N`` also runs every N-th mutant through the real
``loom-opt`` command in a subprocess.

For each failure a reproducer is written to ``--out`` (default
``fuzz-failures/``): the mutant reduced by deleting lines while the failure
keeps its kind, with the ``loom-opt`` arguments and the failure in a header.

    python -m loom.tools.fuzz_ir --count 10000 --seed 1 --out /tmp/fuzz
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import select
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

ACCEPTED, REJECTED = "accepted", "rejected"
"""Details of a passing run: exit 0, or exit 1 with an error message."""
TRACEBACK_EXIT = 70
"""Exit status of a forked run that ended in an uncaught Python exception."""
REPO = Path(__file__).resolve().parent.parent
EXPORT_ARGS = ("-p", "lower-to-hw,cleanup", "--export-verilog")
_DROPPED_FLAGS = ("--list-passes",)
"""Flags of RUN lines that would not process the input."""


# -- seeds -------------------------------------------------------------------------


@dataclass
class Seed:
    """One chunk of a test file and the ``loom-opt`` argument lists of that file's RUN lines."""

    path: str
    text: str
    pipelines: list[tuple[str, ...]]


def run_line_pipelines(text: str) -> list[tuple[str, ...]]:
    """The pass arguments of every ``loom-opt`` invocation in the file's RUN lines (input and output dropped)."""
    found: list[tuple[str, ...]] = []
    for line in text.splitlines():
        if "RUN:" not in line or "loom-opt" not in line:
            continue
        command = line.split("RUN:", 1)[1]
        for part in command.split("|"):
            try:
                words = shlex.split(part)
            except ValueError:
                continue
            if "loom-opt" not in words:
                continue
            args = _pass_arguments(words[words.index("loom-opt") + 1:])
            if args and args not in found:
                found.append(args)
    return found


def _pass_arguments(words: list[str]) -> tuple[str, ...]:
    """The pass-related words of one ``loom-opt`` call: ``-p``/``--pass-pipeline`` with their value, pass flags."""
    kept: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word in ("-p", "--pass-pipeline", "-o"):
            value = words[index] if index < len(words) else ""
            index += 1
            if word != "-o" and value and "%" not in value:
                kept += [word, value]
        elif word.startswith("-") and word != "-" and "%" not in word and word.split("=")[0] not in _DROPPED_FLAGS \
                and not word.startswith("-o="):
            kept.append(word)
    return tuple(kept)


def load_seeds(root: Path) -> list[Seed]:
    """Every chunk of every ``.mlir`` file under ``root``, sorted by path (a fixed order for ``--seed``)."""
    seeds: list[Seed] = []
    for path in sorted(root.rglob("*.mlir")):
        if "Output" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        pipelines = run_line_pipelines(text)
        for chunk in re.split(r"^// -----\s*$", text, flags=re.M):
            if chunk.strip():
                seeds.append(Seed(str(path.relative_to(root.parent)), chunk, pipelines))
    return seeds


# -- mutations ---------------------------------------------------------------------

_ATTRIBUTE = re.compile(r'\b([a-zA-Z_][\w.]*) = ("[^"\n]*"|@[\w$.]+|\[[^\[\]\n]*\]|\{[^{}\n]*\}|-?\d+(?: : i\d+)?'
                        r"|true|false|i\d+|#hw\.[\w.]+<[^>\n]*>(?: : i\d+)?)")
_OTHER_VALUES = ('"x"', "5", "-1", "[]", '["a", 3]', "{}", "{a = 1}", "@Nope", "i8", "unit", "true", "[1]",
                 '[{name = "c"}]', '{pipeline = 2}', '{stub = ""}', '{clock_enable = "a"}', '{W = "x"}',
                 '#hw.param.decl.ref<"Q"> : i32', '"\\C3\\A9"', "100000000", '""', "[{name = 1}]")
_WIDTH = re.compile(r"\bi(\d+)\b")
_INTEGER = re.compile(r"(?<![\w%#@\"])(-?\d+)(?= : i\d+)")
_SYMBOL = re.compile(r'@([\w$.]+)|sym_name = "([^"]*)"')
_SSA = re.compile(r"%([\w$.]+)")
_OP_NAME = re.compile(r'"((?:loom|hw|sv|seq|comb)\.[\w.]+)"\(')
_OP_NAMES = ("loom.module", "loom.instance", "loom.output", "loom.assign", "loom.func", "loom.return",
             "loom.localparam", "loom.fsm", "loom.fsm.state", "loom.param_value", "loom.annotate",
             "loom.inst{ance", "loom.yield", "loom.dead_value", "hw.output", "foo.bar", "sv.reg")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[index])
    return "\n".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def _replace_match(rng: random.Random, text: str, pattern: re.Pattern[str],
                   make: Callable[[re.Match[str]], str]) -> str:
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    match = rng.choice(matches)
    return text[:match.start()] + make(match) + text[match.end():]


def wrong_attribute_kind(rng: random.Random, text: str) -> str:
    return _replace_match(rng, text, _ATTRIBUTE, lambda m: f"{m.group(1)} = {rng.choice(_OTHER_VALUES)}")


_ATTRIBUTE_DICT_END = re.compile(r"\}(?= : \()")
_ATTRIBUTE_NAMES = ("sym_name", "ports", "parameters", "identity_parameters", "kept_parameters", "user_attributes",
                    "generator", "has_annotations", "instance_name", "module", "input_names", "output_names",
                    "identity", "scope", "path_name", "value", "data", "target", "kind", "delay", "name", "states",
                    "reset_state", "outputs", "reset", "reset_active_low", "names", "to", "inner_sym")


def add_attribute(rng: random.Random, text: str) -> str:
    """An attribute passes read (from the op table and what passes add) with a random value, on a random op."""
    name, value = rng.choice(_ATTRIBUTE_NAMES), rng.choice(_OTHER_VALUES)
    return _replace_match(rng, text, _ATTRIBUTE_DICT_END, lambda m: f", {name} = {value}}}")


def drop_attribute(rng: random.Random, text: str) -> str:
    return _replace_match(rng, text, _ATTRIBUTE, lambda m: "")


def change_width(rng: random.Random, text: str) -> str:
    return _replace_match(rng, text, _WIDTH, lambda m: f"i{rng.choice((0, 1, 2, 7, 8, 9, 16, 33, 64, 65, 4096))}")


def change_integer(rng: random.Random, text: str) -> str:
    values = (0, 1, -1, 2, 255, 256, -129, 2**31, 2**63, 10**30)
    return _replace_match(rng, text, _INTEGER, lambda m: str(rng.choice(values)))


def rename_symbol(rng: random.Random, text: str) -> str:
    names = ("Nope", "Top", "Leaf", "M", "a", "")

    def make(match: re.Match[str]) -> str:
        new = rng.choice(names)
        return f"@{new or 'x'}" if match.group(1) is not None else f'sym_name = "{new}"'

    return _replace_match(rng, text, _SYMBOL, make)


def rename_value(rng: random.Random, text: str) -> str:
    names = [m.group(1) for m in _SSA.finditer(text)]
    if not names:
        return text
    return _replace_match(rng, text, _SSA, lambda m: f"%{rng.choice(names)}")


def replace_op_name(rng: random.Random, text: str) -> str:
    return _replace_match(rng, text, _OP_NAME, lambda m: f'"{rng.choice(_OP_NAMES)}"(')


def truncate(rng: random.Random, text: str) -> str:
    return text[:rng.randrange(len(text) + 1)]


def invalid_utf8(rng: random.Random, text: str) -> str:
    """Marks a spot for bytes that are not UTF-8 (``to_bytes`` turns the marker into them)."""
    index = rng.randrange(len(text) + 1)
    return text[:index] + _BAD_BYTES_MARK + text[index:]


_BAD_BYTES_MARK = "\udcff\udcfe"
MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    delete_line, duplicate_line, swap_lines, wrong_attribute_kind, wrong_attribute_kind, add_attribute, drop_attribute,
    change_width, change_integer, rename_symbol, rename_value, replace_op_name, truncate, invalid_utf8)


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def mutate(rng: random.Random, text: str) -> tuple[str, list[str]]:
    """``text`` with 1-3 random mutations; also their names."""
    applied: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        text = mutation(rng, text) if text else text
        applied.append(mutation.__name__)
    return text, applied


# -- running one case --------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How one ``loom-opt`` run ended. ``kind`` is ``ok`` or the failure kind."""

    kind: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.kind != "ok"


_EXCEPTION_LINE = re.compile(r"^[\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b.*$", re.M)


def classify(status: int | None, signal_number: int | None, stderr: str, timed_out: bool) -> Outcome:
    """The outcome of a finished run: ok, or traceback / signal / hang / silent-failure / bad-exit."""
    if timed_out:
        return Outcome("hang")
    if signal_number is not None:
        return Outcome("signal", signal.Signals(signal_number).name)
    if "Traceback (most recent call last)" in stderr or status == TRACEBACK_EXIT:
        raised = _EXCEPTION_LINE.findall(stderr)
        return Outcome("traceback", raised[-1][:200] if raised else "")
    if status == 0:
        return Outcome("ok", ACCEPTED)
    if status == 1:
        return Outcome("ok", REJECTED) if "error:" in stderr else Outcome("silent-failure", stderr[-200:])
    if status == 2 and "error:" in stderr:
        return Outcome("ok", REJECTED)  # a usage error: the seed's own RUN line has a bad command line on purpose
    return Outcome("bad-exit", f"exit status {status}")


def _child(data: bytes, args: Sequence[str], stderr_fd: int) -> None:
    """In the forked child: run loom-opt on ``data``; never returns."""
    try:
        os.dup2(stderr_fd, 2)
        with tempfile.NamedTemporaryFile("wb", suffix=".mlir", delete=False) as handle:
            handle.write(data)
        from .opt import main  # already imported by the parent; here for the child's own name space
        sys.stdout = io.StringIO()
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", buffering=0, closefd=False), encoding="utf-8",
                                      errors="replace", write_through=True)
        try:
            status = main([handle.name, *args])
        finally:
            os.unlink(handle.name)
        sys.stderr.flush()
        os._exit(status)
    except SystemExit as exit_:
        sys.stderr.flush()
        os._exit(exit_.code if isinstance(exit_.code, int) else 1)
    except BaseException:  # noqa: BLE001 -- the point: report any escaping exception as a finding
        try:
            sys.stderr.write(traceback.format_exc())
            sys.stderr.flush()
        finally:
            os._exit(TRACEBACK_EXIT)


def run_forked(data: bytes, args: Sequence[str], timeout: float) -> Outcome:
    """Run ``loom-opt ARGS file`` in a forked child (loom already imported); classify how it ended."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(data, args, write_fd)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_fd)
    _, wait_status = os.waitpid(pid, 0)
    stderr = b"".join(chunks).decode("utf-8", errors="replace")
    status = os.waitstatus_to_exitcode(wait_status)
    return classify(status if status >= 0 else None, -status if status < 0 and not timed_out else None, stderr,
                    timed_out)


def run_cli(data: bytes, args: Sequence[str], timeout: float) -> Outcome:
    """Run the real ``loom-opt`` command in a subprocess (what a user runs)."""
    with tempfile.NamedTemporaryFile("wb", suffix=".mlir") as handle:
        handle.write(data)
        handle.flush()
        try:
            done = subprocess.run([sys.executable, "-m", "loom.tools.opt", handle.name, *args], capture_output=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return Outcome("hang")
    status = done.returncode
    return classify(status if status >= 0 else None, -status if status < 0 else None,
                    done.stderr.decode("utf-8", errors="replace"), False)


# -- reduction -----------------------------------------------------------------------


def reduce(data: bytes, still_fails: Callable[[bytes], bool], budget: int = 150, seconds: float = 120.0) -> bytes:
    """Delete lines (in halving chunk sizes, then one by one) while ``still_fails`` holds.

    At most ``budget`` tries and about ``seconds`` of time: a hang costs a whole timeout per try.
    """
    lines = data.split(b"\n")
    size = max(1, len(lines) // 2)
    tries = 0
    deadline = time.monotonic() + seconds
    while size >= 1 and tries < budget and time.monotonic() < deadline:
        index = 0
        while index < len(lines) and tries < budget and time.monotonic() < deadline:
            candidate = lines[:index] + lines[index + size:]
            tries += 1
            if candidate and still_fails(b"\n".join(candidate)):
                lines = candidate
            else:
                index += size
        size //= 2
    return b"\n".join(lines)


# -- the campaign --------------------------------------------------------------------


@dataclass
class Report:
    """Counts of one fuzzing campaign."""

    mutants: int = 0
    runs: int = 0
    cli_runs: int = 0
    accepted: int = 0
    """Runs that exited 0 (the mutant was still valid IR, or the mutation hit a comment)."""
    failures: dict[str, int] = field(default_factory=dict)
    reproducers: list[Path] = field(default_factory=list)

    def line(self, elapsed: float) -> str:
        found = ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items())) or "none"
        return (f"[{self.mutants} mutants, {self.runs} runs ({self.cli_runs} via CLI; {self.accepted} exit 0,"
                f" {self.runs - self.accepted - sum(self.failures.values())} errors), {elapsed:.0f} s] failures: {found}")


_WRITES_FILES = frozenset({"extract-debug-info", "extract-struct-info", "generate-verilog", "loom-export-metadata"})


def loom_passes() -> list[str]:
    """Every registered loom pass that writes no file (run without options: those that need one say so)."""
    from ..lowering.registry import BUILTIN_PASSES  # not at the top: loom is imported once, before forking

    return sorted(info.name for info in BUILTIN_PASSES.infos() if info.name not in _WRITES_FILES)


def modes_for(seed: Seed, index: int, passes: Sequence[str]) -> list[tuple[str, ...]]:
    """The ``loom-opt`` argument lists mutant number ``index`` runs with: plain (parse and verify), one of
    its seed file's RUN-line pipelines, lowering plus ``--export-verilog``, and one loom pass before that
    lowering (the pipelines and passes take turns)."""
    modes: list[tuple[str, ...]] = [()]
    if seed.pipelines:
        modes.append(seed.pipelines[index % len(seed.pipelines)])
    loom_ir = "loom.module" in seed.text
    modes.append(EXPORT_ARGS if loom_ir else ("--export-verilog",))
    if passes:
        chosen = passes[index % len(passes)]
        modes.append(("-p", f"{chosen}, lower-to-hw, cleanup", "--export-verilog") if loom_ir else ("-p", chosen))
    return modes


def _signature(outcome: Outcome) -> tuple[str, str]:
    """What a reduced case must keep: the kind and, for tracebacks, the exception line's first words."""
    return outcome.kind, outcome.detail.split(":")[0] if outcome.kind == "traceback" else ""


def write_reproducer(out: Path, number: int, data: bytes, args: Sequence[str], outcome: Outcome,
                     seed: Seed, mutations: list[str], timeout: float) -> Path:
    def still_fails(candidate: bytes) -> bool:
        return _signature(run_forked(candidate, args, timeout)) == _signature(outcome)

    reduced = reduce(data, still_fails, budget=40 if outcome.kind == "hang" else 150)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{outcome.kind}-{number:04d}.mlir"
    header = (f"// loom-opt %s {' '.join(shlex.quote(a) for a in args)}\n// failure: {outcome.kind}:"
              f" {outcome.detail}\n// seed: {seed.path}; mutations: {', '.join(mutations)}\n").encode()
    path.write_bytes(header + reduced + b"\n")
    (out / f"{outcome.kind}-{number:04d}.full.mlir").write_bytes(data)
    return path


def campaign(seeds: list[Seed], count: int, rng: random.Random, timeout: float, out: Path | None,
             cli_every: int, progress_every: int, stream: io.TextIOBase | None = None) -> Report:
    """Run ``count`` mutants; returns the counts (and writes reproducers into ``out`` when given)."""
    report = Report()
    start = time.monotonic()
    passes = loom_passes()
    for index in range(count):
        seed = rng.choice(seeds)
        text, mutations = mutate(rng, seed.text)
        data = to_bytes(text)
        report.mutants += 1
        for args in modes_for(seed, index, passes):
            outcome = run_forked(data, args, timeout)
            report.runs += 1
            report.accepted += outcome.detail == ACCEPTED
            if not outcome.failed and cli_every and index % cli_every == 0:
                outcome = run_cli(data, args, timeout)
                report.cli_runs += 1
            if outcome.failed:
                break
        if outcome.failed:
            report.failures[outcome.kind] = report.failures.get(outcome.kind, 0) + 1
            if out is not None:
                report.reproducers.append(write_reproducer(out, len(report.reproducers), data, args, outcome, seed,
                                                           mutations, timeout))
        if stream is not None and progress_every and (index + 1) % progress_every == 0:
            stream.write(report.line(time.monotonic() - start) + "\n")
            stream.flush()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loom.tools.fuzz_ir", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of mutants (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per run before it counts as a hang")
    parser.add_argument("--out", default="fuzz-failures", help="folder for reproducers (default fuzz-failures/)")
    parser.add_argument("--cli-every", type=int, default=50, help="also run every N-th mutant via the CLI (0: never)")
    parser.add_argument("--progress-every", type=int, default=250, help="print a progress line every N mutants")
    parser.add_argument("--seeds", default=str(REPO / "test"), help="folder of seed .mlir files (default test/)")
    args = parser.parse_args(argv)
    from . import opt  # noqa: F401  -- import loom and CIRCT once, before forking
    seeds = load_seeds(Path(args.seeds))
    if not seeds:
        parser.error(f"no .mlir seeds under {args.seeds}")
    start = time.monotonic()
    report = campaign(seeds, args.count, random.Random(args.seed), args.timeout, Path(args.out), args.cli_every,
                      args.progress_every, sys.stdout)  # type: ignore[arg-type]
    sys.stdout.write("done: " + report.line(time.monotonic() - start) + "\n")
    for path in report.reproducers:
        sys.stdout.write(f"reproducer: {path}\n")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
