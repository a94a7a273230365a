"""Unit tests for loom-opt's argument handling, input splitting and diagnostics matcher.

The lit tests in this folder drive the tool end to end; these check the pure
helpers case by case, plus the ``register_passes`` hook in-process.
"""

from __future__ import annotations

import argparse
import io

import pytest
from circt import ir

from loom.dialect import location_text
from loom.dialect.errors import VerifyError
from loom.lowering.pipeline import LoomStep, MlirStep
from loom.lowering.registry import PassRegistry
from loom.tools.diagnostics import Diagnostic, check_diagnostics, from_loom_error, parse_expectations
from loom.tools.opt import (
    BOOL,
    PIPELINE,
    PLAIN,
    VALUE,
    LoomOptMain,
    PipelinePiece,
    UsageError,
    format_pipeline,
    mlir_pipeline_message,
    normalize_flag,
    option_kinds,
    parse_bool,
    split_input,
    split_pipeline_args,
    wrap_in_module,
)

KINDS = {"-o": VALUE, "--pass-pipeline": PIPELINE, "-p": PIPELINE, "--split-input-file": BOOL,
         "--verify-each": BOOL, "-h": PLAIN}

# -- arguments ---------------------------------------------------------------


@pytest.mark.parametrize(("arg", "expected"), [
    ("-split-input-file", "--split-input-file"),
    ("--split-input-file", "--split-input-file"),
    ("-o", "-o"),
    ("-o=out.mlir", "-o=out.mlir"),
    ("-p=a,b", "-p=a,b"),
    ("-pass-pipeline=x", "--pass-pipeline=x"),
    ("-", "-"),
    ("input.mlir", "input.mlir"),
])
def test_normalize_flag(arg: str, expected: str) -> None:
    assert normalize_flag(arg) == expected


def test_pipeline_pieces_keep_command_line_order() -> None:
    rest, pieces = split_pipeline_args(
        ["in.mlir", "--loom-verify", "-p", "a,b", "-canonicalize=top-down=false", "--pass-pipeline=builtin.module(c)"],
        KINDS)
    assert rest == ["in.mlir"]
    assert pieces == [PipelinePiece("loom-verify", "--loom-verify"), PipelinePiece("a,b"),
                      PipelinePiece("canonicalize{top-down=false}", "--canonicalize"),
                      PipelinePiece("builtin.module(c)")]


def test_bare_boolean_flag_does_not_swallow_the_input() -> None:
    rest, _ = split_pipeline_args(["--verify-each", "in.mlir", "--split-input-file=false"], KINDS)
    assert rest == ["--verify-each=true", "in.mlir", "--split-input-file=false"]


def test_values_are_attached_so_a_dash_value_stays_a_value() -> None:
    rest, _ = split_pipeline_args(["-o", "-", "-h"], KINDS)
    assert rest == ["-o=-", "-h"]


def test_missing_value_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'-o' expects a value"):
        split_pipeline_args(["in.mlir", "-o"], KINDS)


def test_double_dash_ends_option_parsing() -> None:
    rest, pieces = split_pipeline_args(["--", "--not-a-pass"], KINDS)
    assert rest == ["--", "--not-a-pass"] and pieces == []


def test_option_kinds_reads_the_parser() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-o")
    parser.add_argument("--flag", nargs="?", const=True)
    parser.add_argument("--pass-pipeline")
    parser.add_argument("--some-pass", nargs="?")
    kinds = option_kinds(parser, exclude=frozenset({"--some-pass"}))
    assert kinds == {"-h": PLAIN, "--help": PLAIN, "-o": VALUE, "--flag": BOOL, "--pass-pipeline": PIPELINE}


def test_parse_bool() -> None:
    assert parse_bool("TRUE") and parse_bool("1") and not parse_bool("false") and not parse_bool("0")
    with pytest.raises(argparse.ArgumentTypeError):
        parse_bool("maybe")


def test_mlir_pipeline_message_keeps_the_gist() -> None:
    text = "MLIR Textual PassPipeline Parser:1:1: error: 'x' does not refer to a registered pass\nx\n^\n"
    assert mlir_pipeline_message(ValueError(text)) == "'x' does not refer to a registered pass"
    assert mlir_pipeline_message(ValueError("a: no such option b\n\nfailed to add")) == \
        "a: no such option b; failed to add"


def test_format_pipeline() -> None:
    registry = PassRegistry()
    registry.register("my-pass", lambda module, options: None, summary="s")
    info = registry.lookup("my-pass")
    assert info is not None
    steps = [LoomStep(info, {}, "my-pass{x=1}"), MlirStep(["cse", "hw.module(canonicalize)"])]
    assert format_pipeline(steps) == "builtin.module(my-pass{x=1}, cse, hw.module(canonicalize))"


# -- input -------------------------------------------------------------------


def test_split_input_pads_chunks_to_their_file_lines() -> None:
    chunks = split_input("a\nb\n// -----\nc\n  // -----  \nd")
    assert chunks == ["a\nb\n", "\n\n\nc\n", "\n\n\n\n\nd"]
    assert [chunk.splitlines()[-1] for chunk in chunks] == ["b", "c", "d"]
    assert chunks[1].splitlines().index("c") == 3  # line 4 of the file


def test_wrap_uses_a_comment_line_so_columns_stay() -> None:
    text = "// RUN: x\nhw.module @A() {}\nhw.module @B() {}"
    wrapped = wrap_in_module(text)
    assert wrapped.splitlines()[:3] == ["module {// RUN: x", "hw.module @A() {}", "hw.module @B() {}"]


def test_wrap_moves_alias_definitions_out_of_the_region() -> None:
    wrapped = wrap_in_module('#loc = loc("f":1:1)\n\nhw.module @A() {} loc(#loc)\nhw.module @B() {}')
    lines = wrapped.splitlines()
    assert lines[:4] == ["", "module {", "hw.module @A() {} loc(#loc)", "hw.module @B() {}"]
    assert lines[-2:] == ["}", '#loc = loc("f":1:1)']


def test_wrap_without_leading_comment_prefixes_the_first_line() -> None:
    assert wrap_in_module("a\nb").splitlines() == ["module {a", "b", "}"]


# -- diagnostics ---------------------------------------------------------------


def test_parse_expectations_offsets_and_regex() -> None:
    text = "\n".join([
        "op  // expected-error {{same line}}",
        "// expected-warning @+2 {{two below}}",
        "// expected-note@above {{above}}",
        "// expected-remark @below {{below}}",
        "// expected-error-re @-3 {{value {{[0-9]+}} (x)}}",
        "// expected-error @unknown {{nowhere}}",
        "// expected-error without braces is ignored",
    ])
    found = [(e.severity, e.line, e.text) for e in parse_expectations(text)]
    # @below names the next line without an expectation (MLIR's rule): the last line here.
    assert found == [("error", 1, "same line"), ("warning", 4, "two below"), ("note", 2, "above"),
                     ("remark", 7, "below"), ("error", 2, "value {{[0-9]+}} (x)"), ("error", None, "nowhere")]
    regex = parse_expectations(text)[4]
    assert regex.matches("bad value 42 (x) here") and not regex.matches("value x (x)")


def _error(message: str, line: int, file: str = "f.mlir") -> Diagnostic:
    return Diagnostic("error", message, f"{file}:{line}:3")


def test_all_expectations_met() -> None:
    expectations = parse_expectations("\n// expected-error @+1 {{boom}}\nop\n")
    assert check_diagnostics(expectations, [_error("it went boom here", 3)], "f.mlir") == []


def test_unexpected_and_not_produced() -> None:
    expectations = parse_expectations("// expected-error @+1 {{boom}}\nop\n")
    errors = check_diagnostics(expectations, [_error("other", 2)], "f.mlir")
    assert [e.render() for e in errors] == [
        "f.mlir:2:3: error: unexpected error: other",
        'f.mlir:1:4: error: expected error "boom" was not produced',
    ]


def test_wrong_severity_is_a_near_miss() -> None:
    expectations = parse_expectations("// expected-warning @+1 {{boom}}\nop\n")
    errors = check_diagnostics(expectations, [_error("boom", 2)], "f.mlir")
    assert errors[0].render() == "f.mlir:1:4: error: 'error' diagnostic emitted when expecting a 'warning'"


def test_diagnostic_in_another_file_is_unexpected() -> None:
    expectations = parse_expectations("// expected-error @+1 {{boom}}\nop\n")
    errors = check_diagnostics(expectations, [_error("boom", 2, file="gen.py")], "f.mlir")
    assert [e.message for e in errors] == ["unexpected error: boom", 'expected error "boom" was not produced']


def test_notes_must_be_expected_except_the_op_dump() -> None:
    diagnostic = Diagnostic("error", "bad", "f.mlir:2:1", (
        Diagnostic("note", "see current operation: \"x\"()", "f.mlir:2:1"),
        Diagnostic("note", "first defined here", "f.mlir:5:1"),
    ))
    text = "// expected-error @+1 {{bad}}\nop\n\n// expected-note @+1 {{first defined}}\nop\n"
    assert check_diagnostics(parse_expectations(text), [diagnostic], "f.mlir") == []
    errors = check_diagnostics(parse_expectations(text.split("\n\n")[0]), [diagnostic], "f.mlir")
    assert [e.message for e in errors] == ["unexpected note: first defined here"]


def test_unknown_location_matches_at_unknown() -> None:
    expectations = parse_expectations("// expected-error @unknown {{lost}}\n")
    assert check_diagnostics(expectations, [Diagnostic("error", "lost")], "f.mlir") == []


def test_loom_error_becomes_a_located_diagnostic() -> None:
    error = VerifyError("bad thing", "f.mlir:3:7", ("f.mlir:1:1: first here", "plain note"))
    diagnostic = from_loom_error(error)
    assert diagnostic.file_line == ("f.mlir", 3)
    assert diagnostic.render() == "f.mlir:3:7: error: bad thing\nf.mlir:1:1: note: first here\nnote: plain note"
    assert from_loom_error(VerifyError("no place", "<unknown>")).render() == "error: no place"


# -- the driver, in-process ----------------------------------------------------

_INPUT = """// RUN: nothing
hw.module @A() {
  // expected-error @+1 {{refused by my-check}}
  hw.output
}
"""


class _OptWithPass(LoomOptMain):
    """A downstream tool adding one pass through the ``register_passes`` hook."""

    def register_passes(self, registry: PassRegistry) -> None:
        def my_check(module: ir.Operation, options: dict[str, str]) -> None:
            """Fail at the first hw.output."""
            del options
            block = module.regions[0].blocks[0].operations[0].regions[0].blocks[0]
            op = block.operations[0]
            raise VerifyError("refused by my-check", location_text(op.location))

        registry.register("my-check", my_check)


def _run(tool: type[LoomOptMain], args: list[str], text: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = tool(args, stdin=io.StringIO(text), stdout=stdout, stderr=stderr).run()
    return status, stdout.getvalue(), stderr.getvalue()


def test_registered_pass_error_is_matched_by_verify_diagnostics() -> None:
    status, _, stderr = _run(_OptWithPass, ["--my-check", "--verify-diagnostics"], _INPUT)
    assert (status, stderr) == (0, "")


def test_registered_pass_error_is_reported_at_its_location() -> None:
    status, stdout, stderr = _run(_OptWithPass, ["-", "--my-check"], _INPUT)
    assert status == 1 and stdout == ""
    assert stderr == "<stdin>:4:3: error: refused by my-check\n"


def test_list_passes_includes_registered_passes_and_pipelines() -> None:
    status, stdout, _ = _run(_OptWithPass, ["--list-passes"], "")
    lines = stdout.splitlines()
    assert status == 0
    assert any(line.split()[:3] == ["my-check", "module", "Fail"] for line in lines)
    assert any(line.split()[0] == "lower-to-hw" for line in lines[1:] if line.startswith("  "))


class _OptWithPipelines(LoomOptMain):
    """A downstream tool adding named pipelines through the ``register_pipelines`` hook."""

    def register_pipelines(self, pipelines: dict[str, str]) -> None:
        pipelines["only-checks"] = "check-inferred-latch, check-multiple-driver"
        pipelines["tidy"] = "check-inferred-latch, canonicalize, cse"
        pipelines["tidy-then-dce"] = "tidy, dead-code-elimination"
        pipelines["nothing"] = ""


def test_list_passes_gives_each_named_pipeline_the_kind_of_its_widest_pass() -> None:
    status, stdout, _ = _run(_OptWithPipelines, ["--list-passes"], "")
    lines = stdout.splitlines()
    named = {line.split()[0]: line.split()[1] for line in lines[lines.index(next(
        line for line in lines if line.startswith("Named pipelines"))) + 1:] if len(line.split()) > 1}
    assert status == 0
    # Only checks: a check; a CIRCT pass counts as module-local; a nested pipeline brings its passes' kinds along;
    # the lowerings run loom-specialize-to-hw (design) and the clean-up lower-interface-instances (design).
    assert named == {"only-checks": "check", "tidy": "module", "tidy-then-dce": "hierarchy", "nothing": "module",
                     "lower-to-hw": "design", "lower-to-hw-keep-parameters": "design", "cleanup": "design"}


def test_help_and_list_passes_show_each_option_with_type_default_and_help() -> None:
    status, listing, _ = _run(LoomOptMain, ["--list-passes"], "")
    assert status == 0
    lines = listing.splitlines()
    tie = lines.index(next(line for line in lines if line.lstrip().startswith("loom-tie-output ")))
    assert [line.strip() for line in lines[tie + 1:tie + 5]] == [
        "path=<string> (required): path pattern of the instances, e.g. cpu[0].**",
        "port=<string> (required): the output port", "value=<int> (required): the constant that drives it",
        "top=<string> (optional): the top module (default: the only module nobody instantiates)"]


def test_help_text_of_a_pass_flag_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        LoomOptMain(["--help"], stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO()).run()
    shown = " ".join(capsys.readouterr().out.split())
    assert "--loom-export-metadata [OPTIONS] Resolve loom.annotate ops" in shown
    assert "limit=<int> (default 1000): list the instances of an annotation only up to this many" in shown
