"""Random designs against their independent models: build, lint, simulate, compare.

``check_designs(seeds, work_dir)`` draws one design per seed, writes it as a loom
program, builds it with ``loom.emit``, lints it with ``verilator --lint-only
-Wall`` and simulates all of them in one Icarus run against ``model.py``. It
returns one ``Failure`` per design that went wrong; ``reproduce`` writes its
reproducer. ``check_isolated`` does the same in a forked child, so that a crash
of loom is a failure of kind "crash" rather than the end of the fuzz run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import loom
from loom.tools.build import load_file

from .describe import DesignDesc, random_design
from .findings import known_issue
from .isolate import Died, deadline, in_child
from .model import DesignModel
from .shrink import shrink
from .source import design_source
from .testbench import Bench, Values, random_bench, run_icarus


@dataclass
class Failure:
    design: DesignDesc
    kind: str  # build | crash | lint | simulate | mismatch
    message: str
    directory: Path

    @property
    def seed(self) -> int:
        return self.design.seed

    @property
    def known(self) -> str | None:
        """The known finding this failure is an instance of, if any."""
        return known_issue(self.kind, self.message)

    def signature(self) -> tuple[str, str]:
        """What must stay the same while shrinking: the kind and, for lint, the first warning's code and name
        (for a crash: how loom died)."""
        if self.kind == "crash":
            return self.kind, self.message.splitlines()[0]
        if self.kind != "lint":
            return self.kind, ""
        match = re.search(r"%(\w+-\w+).*?'([A-Za-z_]*)", self.message)
        return self.kind, match.group(1) + match.group(2) if match else ""

    def summary(self) -> str:
        first = self.message.strip().splitlines()[0] if self.message.strip() else ""
        return f"seed {self.seed}: {self.kind}: {first} ({self.directory})"


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("verilator", "iverilog", "vvp"))


def build(design: DesignDesc, directory: Path) -> list[Path]:
    """Write the loom program for ``design`` and emit its SystemVerilog into ``directory/rtl``."""
    directory.mkdir(parents=True, exist_ok=True)
    program = directory / "design.py"
    program.write_text(design_source(design))
    module = load_file(program)
    return loom.emit(module.TOP(), directory / "rtl", emit_locations=False, **module.EMIT)


def lint(files: Sequence[Path], top: str) -> str:
    """verilator's complaints (empty when clean)."""
    command = ["verilator", "--lint-only", "-Wall", "--top-module", top, *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    text = (result.stdout + result.stderr).strip()
    return text if result.returncode != 0 or text else ""


def expected(bench: Bench) -> list[Values]:
    model = DesignModel(bench.design)
    results = []
    for values, ticking in zip(bench.inputs, bench.ticks, strict=True):
        given: dict[str, int] = dict(values)
        given.update(dict.fromkeys(bench.design.top.clocks, 0))
        results.append(model.step(given, ticking))
    return results


def first_mismatch(bench: Bench, actual: list[Values], want: list[Values]) -> str:
    if len(actual) != len(want):
        return f"simulation printed {len(actual)} of {len(want)} cycles"
    for cycle, (got, expect) in enumerate(zip(actual, want, strict=True)):
        wrong = [name for name, value in expect.items() if value is not None and got.get(name) != value]
        if wrong:
            lines = [f"cycle {cycle}: " + ", ".join(f"{n} is {got.get(n)}, model says {expect[n]}" for n in wrong)]
            for c in range(max(0, cycle - 3), cycle + 1):
                lines.append(f"  cycle {c}: in {bench.inputs[c]} ticks {sorted(bench.ticks[c])}"
                             f" out {actual[c]} model {want[c]}")
            return "\n".join(lines)
    return ""


def check_designs(seeds: Iterable[int], work_dir: Path, cycles: int = 100) -> list[Failure]:
    """Build, lint and simulate one random design per seed; see ``check_described``."""
    return check_described([random_design(seed) for seed in seeds], work_dir, cycles)


def check_described(designs: Sequence[DesignDesc], work_dir: Path, cycles: int = 100) -> list[Failure]:
    """Build, lint and simulate each design (one Icarus run for all); returns the failures."""
    failures: list[Failure] = []
    benches: list[Bench] = []
    files: dict[str, list[Path]] = {}
    directories: dict[str, tuple[DesignDesc, Path]] = {}
    for design in designs:
        directory = work_dir / f"seed_{design.seed}"
        try:
            with deadline():
                built = build(design, directory)
        except Exception:
            failures.append(Failure(design, "build", traceback.format_exc(), directory))
            continue
        complaint = lint(built, design.top.name)
        if complaint:
            failures.append(Failure(design, "lint", complaint, directory))
        bench = random_bench(design, cycles, design.seed)
        benches.append(bench)
        files[bench.name] = built
        directories[bench.name] = (design, directory)
    failures += simulate(benches, files, directories, work_dir / "sim")
    return failures


def check_isolated(designs: Sequence[DesignDesc], work_dir: Path, cycles: int = 100) -> list[Failure]:
    """``check_described`` in a forked child; when loom kills it, each design again alone to find the crash(es).

    A design that kills its child alone is a "crash" failure; when none does (a crash that needs an earlier
    build in the same process), the first design stands for the batch.
    """
    found = in_child(check_described, designs, work_dir, cycles)
    if not isinstance(found, Died):
        return found
    if len(designs) == 1:
        return [Failure(designs[0], "crash", found.message(), work_dir / f"seed_{designs[0].seed}")]
    failures = [f for design in designs for f in check_isolated([design], work_dir / "alone", cycles)]
    if not any(f.kind == "crash" for f in failures):
        message = f"{found.message()}\n(only when built after the other designs of the batch: " \
                  f"seeds {', '.join(str(d.seed) for d in designs)})"
        failures.append(Failure(designs[0], "crash", message, work_dir / f"seed_{designs[0].seed}"))
    return failures


def simulate(benches: list[Bench], files: dict[str, list[Path]], directories: dict[str, tuple[DesignDesc, Path]],
             work_dir: Path) -> list[Failure]:
    """All benches in one Icarus run; when the batch does not compile, each design alone to find the culprit."""
    if not benches:
        return []
    every_file = [path for bench in benches for path in files[bench.name]]
    # 100 cycles of a batch take a second or two: far longer is the known Icarus hang (findings.py).
    results, complaint = run_icarus(benches, every_file, work_dir, timeout=30 if len(benches) > 1 else 15)
    if complaint and len(benches) > 1:
        failures = []
        for bench in benches:
            failures += simulate([bench], files, directories, work_dir / bench.name)
        return failures
    failures = []
    for bench in benches:
        design, directory = directories[bench.name]
        if complaint:
            failures.append(Failure(design, "simulate", complaint, directory))
            continue
        mismatch = first_mismatch(bench, results.get(bench.name, []), expected(bench))
        if mismatch:
            failures.append(Failure(design, "mismatch", mismatch, directory))
    return failures


REPRODUCER = '''"""Reproducer for random design {seed}: {kind}{known}.

{message}
"""

import sys
from pathlib import Path

from loom.tools.fuzz.description import *  # noqa: F403 -- the dataclasses DESIGN is written in
from loom.tools.fuzz.designs import check_described

DESIGN = {design!r}

failures = check_described([DESIGN], Path(sys.argv[1] if len(sys.argv) > 1 else "repro_{seed}"), cycles={cycles})
for failure in failures:
    print(failure.summary())
    print(failure.message)
sys.exit(1 if failures else 0)
'''


def reproduce(failure: Failure, out_dir: Path, cycles: int = 100, shrink_it: bool = True) -> Path:
    """Write ``out_dir/seed_<n>/``: ``reproduce.py`` (the description and the check) and ``design.py``.

    With ``shrink_it`` the design is first made as small as it can be while it fails the same way.
    """
    design = failure.design
    if shrink_it:
        def still_fails(candidate: DesignDesc) -> bool:
            found = check_isolated([candidate], out_dir / "shrinking", cycles)
            return any(f.signature() == failure.signature() for f in found)

        design = shrink(design, still_fails)
    directory = out_dir / f"seed_{design.seed}"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "design.py").write_text(design_source(design))
    known = f" (known: {failure.known})" if failure.known else ""
    text = REPRODUCER.format(seed=design.seed, kind=failure.kind, known=known, design=design, cycles=cycles,
                             message=failure.message.replace('"""', "'''").replace("\\", "/"))
    (directory / "reproduce.py").write_text(text)
    return directory
