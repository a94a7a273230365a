"""Pass diagnostics (several errors, warnings, notes) and the check passes from Python and loom-opt."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from circt import ir

import loom
from loom import Generator
from loom.dialect import new_context
from loom.frontend.emit import elaborate
from loom.lowering.checks.runner import all_checks
from loom.dialect import remarks
from loom.lowering.diagnostics import (ERROR, NOTE, WARNING, CheckFailedError, Diagnostic, DiagnosticReport,
                                       LoomWarning)
from loom.lowering.pipeline import run_pipeline
from loom.lowering.registry import BUILTIN_PASSES, PassRegistry
from loom.passes import DEFAULT_PIPELINE
from loom.tools.opt import LoomOptMain, parse_source

INPUTS = Path(__file__).parent / "Inputs"
CHECK_NAMES = ["check-mixed-assignment", "check-non-synthesizable-content", "check-inferred-latch",
               "check-always-sensitivity", "check-multiple-driver", "check-flip-flop-always-ff",
               "check-combinational-loop"]

LATCHES = """
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  %x = sv.logic : !hw.inout<i8>
  %y = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    sv.if %en {
      sv.bpassign %x, %a : i8
      sv.bpassign %y, %a : i8
    }
  }
  %rx = sv.read_inout %x : !hw.inout<i8>
  %ry = sv.read_inout %y : !hw.inout<i8>
  %o = comb.xor %rx, %ry : i8
  "loom.output"(%o) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1},
                                               {name = "o", dir = "out", type = i8}]} : () -> ()
"""


def parse(text: str, filename: str = "design.mlir"):
    context = new_context()
    with context:
        return context, parse_source(text, filename, context)


# -- the diagnostics machinery --------------------------------------------------------


def test_report_collects_every_error_with_notes_and_fails_once() -> None:
    report = DiagnosticReport("my-check")
    report.error("f.py:3:1", "second").note("f.py:1:1", "because of this")
    report.error("f.py:2:5", "first")
    report.warning("f.py:9:1", "by the way")
    with pytest.raises(CheckFailedError) as caught:
        report.finish()
    error = caught.value
    assert [(d.severity, d.location) for d in error.diagnostics] == [
        (ERROR, "f.py:2:5"), (ERROR, "f.py:3:1"), (WARNING, "f.py:9:1")]
    assert error.diagnostics[1].notes == (Diagnostic(NOTE, "because of this", "f.py:1:1"),)
    assert error.error_count == 2 and error.message == "first" and error.location == "f.py:2:5"
    assert isinstance(error, loom.PassFailedError)
    text = str(error)
    assert text.splitlines()[0] == "my-check failed with 2 errors:"
    for line in ("f.py:2:5: error: first", "f.py:3:1: error: second", "f.py:1:1: note: because of this",
                 "f.py:9:1: warning: by the way"):
        assert line in text


def test_report_quotes_the_user_source_line(tmp_path: Path) -> None:
    source = tmp_path / "gen.py"
    source.write_text("a = 1\n    self.x = y  # here\n")
    report = DiagnosticReport("c")
    report.error(f"{source}:2:5", "bad")
    with pytest.raises(CheckFailedError) as caught:
        report.finish()
    assert f"{source}:2:5: error: bad\n    self.x = y  # here" in str(caught.value)


def test_warnings_go_to_remark_listeners_or_become_python_warnings() -> None:
    report = DiagnosticReport("c")
    report.warning("f.py:1:1", "careful").note("f.py:2:3", "this")
    with new_context(), remarks.collect() as seen:
        report.finish()
    assert [str(r) for r in seen] == ["f.py:1:1: warning: careful\nf.py:2:3: note: this"]
    with pytest.warns(LoomWarning, match="f.py:1:1: warning: careful"):
        report.finish()


def _warn_and_fail(module, options) -> None:
    """A test pass: two errors with a note, and a warning."""
    del options
    report = DiagnosticReport("warn-and-fail")
    body = list(module.regions[0].blocks[0].operations)
    report.warning(body[0], "first op")
    report.error(body[1], "second op").note(body[0], "see the first")
    report.error(body[2], "third op")
    report.finish()


def _only_warn(module, options) -> None:
    """A test pass: one warning with a note; the pipeline goes on."""
    del options
    report = DiagnosticReport("only-warn")
    body = list(module.regions[0].blocks[0].operations)
    report.warning(body[1], "second op").note(body[0], "see the first")
    report.finish()


class _Opt(LoomOptMain):
    def register_passes(self, registry: PassRegistry) -> None:
        registry.register("warn-and-fail", _warn_and_fail)
        registry.register("only-warn", _only_warn)


THREE_OPS = """// expected-warning @+2 {{first op}}
// expected-note @+1 {{see the first}}
hw.module @A() {}
hw.module @B() {} // expected-error {{second op}}
// expected-error @+1 {{third op}}
hw.module @C() {}
"""


def test_loom_opt_prints_and_verifies_every_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "three.mlir"
    path.write_text(THREE_OPS)
    out, err = io.StringIO(), io.StringIO()
    assert _Opt([str(path), "-p", "warn-and-fail", "--verify-diagnostics"], stdout=out, stderr=err).run() == 0, \
        err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert _Opt([str(path), "-p", "warn-and-fail"], stdout=out, stderr=err).run() == 1
    assert err.getvalue().splitlines() == [
        f"{path}:3:1: warning: first op", f"{path}:4:1: error: second op", f"{path}:3:1: note: see the first",
        f"{path}:6:1: error: third op"]


def test_loom_opt_prints_warnings_of_a_pass_that_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "two.mlir"
    path.write_text("// two modules\nhw.module @A() {} // expected-note {{see the first}}\n"
                    "hw.module @B() {} // expected-warning {{second op}}\n")
    out, err = io.StringIO(), io.StringIO()
    assert _Opt([str(path), "-p", "only-warn,canonicalize"], stdout=out, stderr=err).run() == 0
    assert err.getvalue().splitlines() == [f"{path}:3:1: warning: second op", f"{path}:2:1: note: see the first"]
    assert "hw.module @B" in out.getvalue()
    assert _Opt([str(path), "-p", "only-warn", "--verify-diagnostics"], stdout=io.StringIO(),
                stderr=io.StringIO()).run() == 0


def test_loom_opt_reports_unmatched_notes(tmp_path: Path) -> None:
    path = tmp_path / "three.mlir"
    path.write_text(THREE_OPS.replace("// expected-note @+1 {{see the first}}\n", "//\n"))
    err = io.StringIO()
    assert _Opt([str(path), "-p", "warn-and-fail", "--verify-diagnostics"], stdout=io.StringIO(),
                stderr=err).run() == 1
    assert "unexpected note: see the first" in err.getvalue()


# -- the checks from Python ---------------------------------------------------------


def test_every_check_is_registered_with_a_summary() -> None:
    for name in [*CHECK_NAMES, "loom-checks"]:
        info = BUILTIN_PASSES.lookup(name.replace("-", "_"))
        assert info is not None and info.summary, name
    assert [c.name for c in all_checks()] == CHECK_NAMES
    assert "loom-checks{skip=check-non-synthesizable-content}" in DEFAULT_PIPELINE


@pytest.mark.parametrize("name", CHECK_NAMES + ["loom-checks"])
def test_each_check_accepts_the_clean_design(name: str) -> None:
    context, root = parse((INPUTS / "clean.mlir").read_text())
    with context:
        run_pipeline(root, name)


def test_verilog_reports_every_latch_with_its_line() -> None:
    with new_context():
        module = ir.Module.parse(LATCHES)
    with pytest.raises(CheckFailedError) as caught:
        loom.verilog(module, top_name="Top")
    errors = [d for d in caught.value.diagnostics if d.severity == ERROR]
    assert [e.message.split(" is ")[0] for e in errors] == ["'x'", "'y'"]
    assert [e.location.split(":", 1)[1] for e in errors if e.location] == ["8:7", "9:7"]
    assert all(e.notes and "this if has no else" in e.notes[0].message for e in errors)
    assert caught.value.pass_name == "loom-checks"


def test_verilog_without_default_passes_skips_the_checks() -> None:
    with new_context():
        module = ir.Module.parse(LATCHES)
    sources = loom.verilog(module, top_name="Top", default_passes=False)
    assert "always_comb" in sources["Top"]


def test_loom_checks_skip_option() -> None:
    context, root = parse(LATCHES)
    with context:
        run_pipeline(root, "loom-checks{skip=check-inferred-latch}")
        with pytest.raises(CheckFailedError):
            run_pipeline(root, "loom-checks{skip=check_multiple_driver}")
        with pytest.raises(loom.LoomError, match="unknown check 'check-latch'"):
            run_pipeline(root, "loom-checks{skip=check-latch}")


def test_all_checks_report_together_in_one_failure() -> None:
    text = (INPUTS / "clean.mlir").read_text().replace(
        "    sv.bpassign %low, %z8 : i8\n", "").replace(
        "    sv.passign %acc, %next : i8\n", "    sv.bpassign %acc, %next : i8\n")
    context, root = parse(text)
    with context, pytest.raises(CheckFailedError) as caught:
        run_pipeline(root, "loom-checks")
    messages = [d.message for d in caught.value.diagnostics]
    assert any("'low' is not assigned on every path" in m for m in messages)
    assert any(m.startswith("blocking assignment (=) in an always_ff") for m in messages)
    assert any(m.startswith("mixed assignment to 'acc'") for m in messages)


# -- frontend IR carries what the checks read ------------------------------------------


class Resets(Generator):
    def __init__(self) -> None:
        super().__init__("Resets")
        self.clock()
        self.reset("arst_n", asynchronous=True, active_low=True)
        self.reset("srst")
        a = self.input("a", 4)
        self.output("o", 4).assign(a)


def test_frontend_declares_reset_ports_in_the_ir() -> None:
    module, _ = elaborate(Resets(), new_context())
    text = str(module)
    assert '{active_low = true, dir = "in", name = "arst_n", reset = "async", type = i1}' in text
    assert '{dir = "in", name = "srst", reset = "sync", type = i1}' in text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "module Resets" in loom.verilog(Resets())["Resets"]
