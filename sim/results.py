"""Reading cocotb's results file (JUnit XML) into test outcomes, and the error for failed tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..dialect.errors import LoomError


@dataclass(frozen=True)
class TestOutcome:
    """One cocotb test: ``module.name``, whether it passed, and the failure message when it did not."""

    __test__ = False  # not a pytest test class despite the name

    name: str
    passed: bool
    skipped: bool = False
    message: str = ""


@dataclass(frozen=True)
class SimResult:
    """What ``loom.sim.run`` did: the tests' outcomes and where the files are."""

    top: str
    simulator: str
    tests: tuple[TestOutcome, ...]
    build_dir: Path
    results_file: Path
    waves: Path | None

    @property
    def failed(self) -> tuple[TestOutcome, ...]:
        return tuple(t for t in self.tests if not t.passed and not t.skipped)

    def summary(self) -> str:
        passed = sum(t.passed for t in self.tests)
        skipped = sum(t.skipped for t in self.tests)
        text = f"{self.top} on {self.simulator}: {passed} passed, {len(self.failed)} failed"
        return text + (f", {skipped} skipped" if skipped else "")


class SimulationError(LoomError):
    """Some cocotb tests failed (or none ran); ``result`` has every outcome."""

    def __init__(self, message: str, result: SimResult | None = None):
        super().__init__(message)
        self.result = result


def read_results(path: Path) -> tuple[TestOutcome, ...]:
    """The testcases of a cocotb results file, in run order."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return ()
    outcomes = []
    for case in root.iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}".strip(".")
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if case.find("skipped") is not None:
            outcomes.append(TestOutcome(name, False, skipped=True))
        elif problem is not None:
            message = problem.get("message") or (problem.text or "").strip()
            outcomes.append(TestOutcome(name, False, message=message.strip()))
        else:
            outcomes.append(TestOutcome(name, True))
    return tuple(outcomes)


MESSAGE_LINES = 6  # of each failure message (pytest's assertion explanation can run long)


def check(result: SimResult, simulator_failed: bool) -> SimResult:
    """``result`` when every test passed; otherwise a ``SimulationError`` naming each failed test and why."""
    if result.failed:
        lines = [f"{len(result.failed)} of {len(result.tests)} cocotb test(s) failed on {result.top}"
                 f" ({result.simulator}):"]
        for test in result.failed:
            message = test.message.splitlines()[:MESSAGE_LINES] or ["(no message)"]
            lines.append(f"  {test.name}: {message[0]}")
            lines.extend(f"      {line}" for line in message[1:])
        lines.append(f"results: {result.results_file}")
        if result.waves is not None:
            lines.append(f"waves: {result.waves}")
        raise SimulationError("\n".join(lines), result)
    if not result.tests:
        why = "the simulator failed (see its output above)" if simulator_failed else "no cocotb test was found"
        raise SimulationError(f"no cocotb test ran on {result.top} ({result.simulator}): {why}", result)
    if simulator_failed:
        raise SimulationError(f"the simulator failed on {result.top} ({result.simulator}) after"
                              f" {len(result.tests)} test(s) passed; see its output above", result)
    return result
