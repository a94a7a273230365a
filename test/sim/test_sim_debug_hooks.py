"""The debug hooks of inject-debug-break-points / inject-assert-fail-exception, and remove-assertion, in a simulator.

The hooks must lint clean with every macro combination (verilator ``-Wall``),
change nothing without a macro, print the Python lines that run with
``LOOM_BREAKPOINT_TRACE``, stop at a failing assertion with its Python line
(``$fatal``), and come with the id table (``debug_sites.json``). Icarus
Verilog has no DPI-C, so the DPI variants are checked by verilator's lint.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import simulate
from simulate import Interface, PortSpec, compare, expected_outputs, parse_output, tools_available, vector_lines

import loom
from loom import Generator, always_comb, assert_
from loom.dialect import new_context
from loom.lowering.rewrites.debug_hooks import debug_sites
from circt import ir

needs_tools = pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")

DESIGN = """
"loom.module"() ({
^bb0(%clk: i1, %a: i8, %c: i1):
  %o = sv.logic sym @o : !hw.inout<i8>
  %q = sv.reg sym @q : !hw.inout<i8>
  %three = hw.constant 3 : i8
  sv.alwayscomb {
    sv.if %c {
      sv.bpassign %o, %a : i8 loc("gen.py":21:12)
    } else {
      %n = comb.xor %a, %three : i8
      sv.bpassign %o, %n : i8 loc("gen.py":23:12)
    } loc("gen.py":20:8)
    %ok = comb.icmp ne %a, %three : i8
    sv.assert %ok, immediate message "a must not be 3" loc("gen.py":24:8)
  }
  sv.alwaysff(posedge %clk) {
    sv.passign %q, %a : i8 loc("gen.py":28:8)
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  %rq = sv.read_inout %q : !hw.inout<i8>
  "loom.output"(%r, %rq) : (i8, i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "clk", dir = "in", type = i1},
    {name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1},
    {name = "o", dir = "out", type = i8}, {name = "q", dir = "out", type = i8}]} : () -> ()
"""

INTERFACE = Interface("top", (PortSpec("a", 8), PortSpec("c", 1)), (PortSpec("o", 8), PortSpec("q", 8)), "clk")
HOOKS = "inject-assert-fail-exception, inject-debug-break-points"


def emit(out_dir: Path, passes: str) -> list[Path]:
    with new_context():
        return loom.emit(ir.Module.parse(DESIGN), out_dir, top_name="top", passes=passes,
                         default_passes=False, emit_locations=False)


def lint_with(files: list[Path], defines: list[str], top: str = "top") -> None:
    command = ["verilator", "--lint-only", "-Wall", "--top-module", top, *(f"-D{d}" for d in defines),
               *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), result.stderr


def run_icarus(files: list[Path], values: list[dict[str, int]], work: Path, defines: list[str],
               interface: Interface | None = None) -> subprocess.CompletedProcess[str]:
    interface = interface or INTERFACE
    work.mkdir(parents=True, exist_ok=True)
    (work / "stimulus.hex").write_text("\n".join(vector_lines(interface, values)) + "\n")
    (work / "tb.sv").write_text(simulate.testbench_source(interface, "stimulus.hex", len(values)))
    compiled = subprocess.run(["iverilog", "-g2012", "-s", "tb", "-o", str(work / "sim.vvp"),
                               *(f"-D{d}" for d in defines), str(work / "tb.sv"), *map(str, files)],
                              capture_output=True, text=True, timeout=60)
    assert compiled.returncode == 0, compiled.stderr
    return subprocess.run(["vvp", "-n", "sim.vvp"], capture_output=True, text=True, cwd=work, timeout=60)


def model(v: dict[str, int], previous: list[int | None]) -> dict[str, int | None]:
    out = {"o": v["a"] if v["c"] else v["a"] ^ 3, "q": previous[0]}
    previous[0] = v["a"]
    return out


STIMULUS = [{"a": a, "c": c} for a, c in ((1, 1), (7, 0), (200, 1), (5, 0))]


@needs_tools
@pytest.mark.parametrize("defines", [[], ["LOOM_BREAKPOINT_TRACE"], ["LOOM_BREAKPOINT_DPI"], ["LOOM_ASSERT_DPI"],
                                     ["LOOM_BREAKPOINT_DPI", "LOOM_ASSERT_DPI"]])
def test_hooks_lint_clean(defines: list[str], tmp_path: Path) -> None:
    lint_with(emit(tmp_path, HOOKS), defines)


@needs_tools
def test_hooks_change_nothing_without_macros(tmp_path: Path) -> None:
    previous: list[int | None] = [None]
    expected = expected_outputs(lambda v: model(dict(v), previous), STIMULUS)
    result = run_icarus(emit(tmp_path / "rtl", HOOKS), STIMULUS, tmp_path / "sim", [])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "loom" not in result.stdout
    compare(parse_output(result.stdout, INTERFACE, len(STIMULUS)), expected, STIMULUS)


@needs_tools
def test_breakpoint_trace_names_the_source_lines(tmp_path: Path) -> None:
    out_dir = tmp_path / "rtl"
    files = emit(out_dir, HOOKS)
    table = json.loads((out_dir / "debug_sites.json").read_text())["sites"]
    lines = {site["id"]: site["locations"] for site in table if site["kind"] == "breakpoint"}
    assert lines[0] == ["gen.py:20:8"]  # the `sv.if` statement
    result = run_icarus(files, STIMULUS[:2], tmp_path / "sim", ["LOOM_BREAKPOINT_TRACE"])
    assert result.returncode == 0, result.stdout + result.stderr
    trace = [line for line in result.stdout.splitlines() if line.startswith("loom breakpoint")]
    # Cycle 0 takes the then-branch (c = 1), cycle 1 the else-branch: the trace shows which ran.
    assert "loom breakpoint 1: tb.dut gen.py:21:12" in trace
    assert "loom breakpoint 2: tb.dut gen.py:23:12" in trace
    assert all(line.split(":")[0].split()[-1].isdigit() for line in trace)


@needs_tools
def test_failing_assertion_stops_at_its_line(tmp_path: Path) -> None:
    files = emit(tmp_path / "rtl", HOOKS)
    failing = STIMULUS[:2] + [{"a": 3, "c": 1}] + STIMULUS[2:]
    result = run_icarus(files, failing, tmp_path / "sim", [])
    assert result.returncode != 0
    assert "loom: assertion 0 failed in tb.dut at gen.py:24:8: a must not be 3" in result.stdout
    assert "@ 2" not in result.stdout  # stopped in the cycle that failed, before printing it
    # Without the pass the assertion only reports, and the simulation runs on.
    plain = run_icarus(emit(tmp_path / "plain", ""), failing, tmp_path / "plain-sim", [])
    assert plain.returncode == 0 and "@ 4" in plain.stdout


@needs_tools
def test_remove_assertion_keeps_behaviour(tmp_path: Path) -> None:
    files = emit(tmp_path / "rtl", "remove-assertion")
    source = next(f for f in files if f.stem == "top").read_text()
    assert "assert" not in source and "8'h3" in source  # the xor with 3 stays, the comparison went
    lint_with(files, [])
    failing = STIMULUS + [{"a": 3, "c": 0}]
    previous: list[int | None] = [None]
    expected = expected_outputs(lambda v: model(dict(v), previous), failing)
    result = run_icarus(files, failing, tmp_path / "sim", [])
    assert result.returncode == 0 and "ERROR" not in result.stdout
    compare(parse_output(result.stdout, INTERFACE, len(failing)), expected, failing)


def test_debug_sites_table(tmp_path: Path) -> None:
    with new_context():
        module = ir.Module.parse(DESIGN)
        loom.lowering.pipeline.run_pipeline(module.operation, HOOKS)
        sites = debug_sites(module.operation)
    kinds = [(site.kind, site.id) for site in sites]
    assert kinds == [("assertion", 0), ("breakpoint", 0), ("breakpoint", 1), ("breakpoint", 2),
                     ("breakpoint", 3), ("breakpoint", 4)]
    assert sites[-1].locations == ("gen.py:28:8",)  # the always_ff's one hook
    assert {site.module for site in sites} == {"top"}


class Checked(Generator):
    """``o = a ^ 3``, and an assertion on a variable that only the assertion reads."""

    def __init__(self) -> None:
        super().__init__("Checked")
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)
        self.limit = self.var("limit", 8)

    @always_comb
    def body(self) -> None:
        self.limit = self.a + 1
        self.o = self.a ^ 3
        assert_(self.limit != 4, "a must not be 3")


CHECKED = Interface("Checked", (PortSpec("a", 8),), (PortSpec("o", 8),), None)
ASSERT_LINE = next(number for number, line in enumerate(Path(__file__).read_text().splitlines(), 1)
                   if "assert_(self.limit" in line)


@needs_tools
def test_frontend_assertion_names_the_python_line(tmp_path: Path) -> None:
    out_dir = tmp_path / "rtl"
    files = loom.emit(Checked(), out_dir, emit_locations=False, passes="inject-assert-fail-exception")
    lint_with(files, [], "Checked")
    lint_with(files, ["LOOM_ASSERT_DPI"], "Checked")
    where = f"test_sim_debug_hooks.py:{ASSERT_LINE}:"
    sites = json.loads((out_dir / "debug_sites.json").read_text())["sites"]
    assert [site["kind"] for site in sites] == ["assertion"] and where in sites[0]["locations"][0]
    result = run_icarus(files, [{"a": 1}, {"a": 3}, {"a": 5}], tmp_path / "sim", [], CHECKED)
    assert result.returncode != 0 and where in result.stdout and "in tb.dut at" in result.stdout


@needs_tools
def test_frontend_remove_assertion_drops_what_only_it_reads(tmp_path: Path) -> None:
    files = loom.emit(Checked(), tmp_path / "rtl", emit_locations=False, passes="remove-assertion")
    source = files[0].read_text()
    assert "assert" not in source and "limit" not in source and "a ^ 8'h3" in source
    lint_with(files, [], "Checked")
