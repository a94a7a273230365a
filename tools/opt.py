"""``loom-opt``: parse loom/CIRCT IR, run a pass pipeline, print the IR (or SystemVerilog).

The command line follows mlir-opt/circt-opt so lit tests read
like upstream ones::

    loom-opt design.mlir --pass-pipeline='builtin.module(lower-to-hw, canonicalize)'
    loom-opt design.mlir --loom-specialize='keep-parameters=true' --lower-loom-to-hw
    loom-opt invalid.mlir --split-input-file --verify-diagnostics
    loom-opt design.mlir -p lower-to-hw,cleanup --export-verilog

``main`` is a thin shim around ``LoomOptMain``, whose ``register_*`` hooks a
downstream tool overrides to add passes, named pipelines or flags (the
xDSL ``xdsl-opt`` layout). Pipelines are built from ``--pass-pipeline``,
``-p`` and per-pass flags in command-line order; names of loom passes run
as Python, everything else goes to MLIR (``lowering/pipeline.py``), and an
unknown ``--flag`` is tried as a CIRCT/MLIR pass before it is rejected.

Output: the final IR goes to ``-o`` (default stdout). With
``--export-verilog`` the SystemVerilog goes to stdout and the IR only to an
explicit ``-o``, so ``loom-opt x.mlir --export-verilog | filecheck`` sees
Verilog alone. A file given to ``-o`` is written only on success.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from circt import ir, passmanager

from .. import __version__
from ..dialect import remarks
from ..dialect.context import new_context
from ..dialect.errors import LoomError, ParseError, PassFailedError
from ..dialect.printing import print_ir
from ..dialect.verify import verify
from ..lowering.export import BackendOptions, apply_lowering_options, export_text
from ..lowering.generate_verilog import adopt_into_module, unexportable_ops
from ..lowering.pipeline import MlirStep, PipelineOptions, Step, parse_pipeline, pipeline_kind, run_pipeline
from ..lowering.pipelines import PIPELINES
from ..lowering.registry import BUILTIN_PASSES, PassRegistry
from .diagnostics import (
    ERROR,
    Diagnostic,
    DiagnosticSink,
    check_diagnostics,
    diagnostics_of_error,
    from_loom_error,
    from_mlir,
    from_problem,
    from_remark,
    location_of,
    parse_expectations,
)
from .parse_guard import crash_error
from .plugins import load_installed_plugins, load_pass_plugin

PROG = "loom-opt"
SPLIT_MARKER = "// -----"
STDIN_NAME = "<stdin>"

# -- input: splitting and parsing ----------------------------------------------


def split_input(text: str) -> list[str]:
    """``--split-input-file`` chunks, each padded with newlines so its lines keep their file line numbers."""
    chunks: list[str] = []
    current: list[str] = []
    first_line = 0
    for index, line in enumerate(text.splitlines(keepends=True)):
        if line.strip() == SPLIT_MARKER:
            chunks.append("\n" * first_line + "".join(current))
            current, first_line = [], index + 1
        else:
            current.append(line)
    chunks.append("\n" * first_line + "".join(current))
    return chunks


_ALIAS_DEFINITION = re.compile(r"^[#!][\w.$-]+\s*=")


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("//")


def wrap_in_module(text: str) -> str:
    """Put the top-level ops of ``text`` into ``module { ... }`` without moving any of them.

    ``module {`` goes onto the last blank or comment line before the first op
    (onto the first op's line only when there is none), so diagnostics keep
    their line and column. Alias definitions (``#loc = loc(...)``) may not
    appear inside a region, so they move behind the closing brace.
    """
    lines = text.split("\n")
    aliases: list[str] = []
    first_op: int | None = None
    for index, line in enumerate(lines):
        if _ALIAS_DEFINITION.match(line):
            aliases.append(line)
            lines[index] = ""
        elif first_op is None and not _is_blank_or_comment(line):
            first_op = index
    end = len(lines) if first_op is None else first_op
    anchor = next((i for i in range(end - 1, -1, -1) if _is_blank_or_comment(lines[i])), end if end < len(lines) else 0)
    lines[anchor] = "module {" + lines[anchor]
    return "\n".join(lines) + "\n}\n" + "\n".join(aliases)


def _several_top_level_ops(error: ir.MLIRError) -> bool:
    return any("single top-level operation" in d.message for d in error.error_diagnostics)


def parse_source(text: str, filename: str, context: ir.Context) -> ir.Operation:
    """Parse ``text`` into a ``builtin.module``, adding the implicit module mlir-opt adds.

    ``Operation.parse`` keeps the file name in locations but wants exactly one
    top-level op; other inputs are parsed again wrapped (``wrap_in_module``).
    Raises ``ir.MLIRError`` with the parser's diagnostics.
    """
    try:
        parsed = ir.Operation.parse(text, source_name=filename, context=context).operation
        if parsed.name == "builtin.module":
            return parsed
    except ir.MLIRError as error:
        if not _several_top_level_ops(error):
            raise
    return ir.Operation.parse(wrap_in_module(text), source_name=filename, context=context).operation


# -- arguments -----------------------------------------------------------------

VALUE, BOOL, PLAIN, PIPELINE = "value", "bool", "plain", "pipeline"
PIPELINE_OPTIONS = ("--pass-pipeline", "-p")
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


class UsageError(Exception):
    """A bad command line; reported argparse-style with exit status 2."""


def parse_bool(text: str) -> bool:
    """LLVM-style boolean flag value (``--verify-each=false``)."""
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise argparse.ArgumentTypeError(f"'{text}' is not a boolean (use true or false)")


@dataclass(frozen=True)
class PipelinePiece:
    """Part of the pipeline from one argument; ``flag`` is set for per-pass shorthand flags."""

    text: str
    flag: str | None = None


def normalize_flag(arg: str) -> str:
    """LLVM accepts ``-flag`` for ``--flag``; argparse needs ``--`` for long names (``-o=x``, ``-p=x`` stay short)."""
    if arg.startswith("--") or not arg.startswith("-") or len(arg) <= 2:
        return arg
    if arg[2] == "=":
        return arg
    return "-" + arg


def option_kinds(parser: argparse.ArgumentParser, exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """How each option string of ``parser`` takes its value, for ``split_pipeline_args``."""
    kinds: dict[str, str] = {}
    for action in parser._actions:  # pyright: ignore[reportPrivateUsage]
        for option in action.option_strings:
            if option in exclude:
                continue
            if option in PIPELINE_OPTIONS:
                kinds[option] = PIPELINE
            elif action.nargs == "?":
                kinds[option] = BOOL
            elif action.nargs == 0:
                kinds[option] = PLAIN
            else:
                kinds[option] = VALUE
    return kinds


def add_bool_flag(parser: argparse.ArgumentParser, name: str, help_text: str, default: bool = False) -> None:
    """An LLVM-style boolean: ``--name``, ``--name=true`` or ``--name=false`` (``nargs='?'`` marks it)."""
    parser.add_argument(name, nargs="?", const=True, default=default, type=parse_bool, metavar="BOOL",
                        help=help_text)


PLUGIN_OPTION = "--load-pass-plugin"


def plugin_arguments(argv: Sequence[str]) -> list[str]:
    """The ``--load-pass-plugin`` values, found before the parser exists (their passes add flags to it)."""
    specs: list[str] = []
    for index, arg in enumerate(argv):
        flag, equals, value = normalize_flag(arg).partition("=")
        if flag == "--":
            break
        if flag == PLUGIN_OPTION:
            if equals:
                specs.append(value)
            elif index + 1 < len(argv):
                specs.append(argv[index + 1])
    return specs


def pass_element(name: str, options: str | None) -> str:
    """``--canonicalize='top-down=true'`` -> ``canonicalize{top-down=true}``."""
    return f"{name}{{{options}}}" if options else name


def split_pipeline_args(argv: Sequence[str], kinds: dict[str, str]) -> tuple[list[str], list[PipelinePiece]]:
    """Take the pipeline-forming arguments out of ``argv``, in order; return the rest for argparse.

    ``--pass-pipeline``, ``-p`` and every ``--name[=options]`` that is not a
    tool option are pipeline pieces. Bare boolean flags become ``--flag=true``
    and values are attached with ``=``, so argparse never takes the input
    file for a flag's value nor a value starting with ``-`` for a flag.
    """
    rest: list[str] = []
    pieces: list[PipelinePiece] = []
    index = 0
    while index < len(argv):
        arg = normalize_flag(argv[index])
        index += 1
        if arg == "--":
            rest.extend(argv[index - 1:])
            break
        if arg == "-" or not arg.startswith("-"):
            rest.append(arg)
            continue
        flag, equals, value = arg.partition("=")
        kind = kinds.get(flag)
        if kind in (VALUE, PIPELINE) and not equals:
            if index >= len(argv):
                raise UsageError(f"option '{flag}' expects a value")
            value, index = argv[index], index + 1
        if kind == PIPELINE:
            pieces.append(PipelinePiece(value))
        elif kind == VALUE:
            rest.append(f"{flag}={value}")
        elif kind == BOOL:
            rest.append(arg if equals else f"{flag}=true")
        elif kind is None and flag.startswith("--"):
            pieces.append(PipelinePiece(pass_element(flag[2:], value if equals else None), flag))
        else:
            rest.append(arg)
    return rest, pieces


def _merge_mlir_runs(steps: list[Step]) -> list[Step]:
    """Adjacent CIRCT/MLIR elements share one PassManager, as in a single mlir-opt pipeline."""
    merged: list[Step] = []
    for step in steps:
        if isinstance(step, MlirStep) and merged and isinstance(merged[-1], MlirStep):
            merged[-1].elements.extend(step.elements)
        else:
            merged.append(MlirStep(list(step.elements)) if isinstance(step, MlirStep) else step)
    return merged


def mlir_pipeline_message(error: ValueError) -> str:
    """The gist of MLIR's pipeline parser error (its caret lines point into text we composed)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip() and line.strip() != "^"]
    if lines and "error: " in lines[0]:
        return lines[0].split("error: ", 1)[1]
    return "; ".join(lines)


def format_pipeline(steps: Sequence[Step]) -> str:
    """The resolved pipeline in MLIR's anchored syntax (``--dump-pass-pipeline``)."""
    elements: list[str] = []
    for step in steps:
        elements.extend(step.elements if isinstance(step, MlirStep) else [step.text])
    return "builtin.module(" + ", ".join(elements) + ")"


def format_timing(timing: dict[str, float]) -> str:
    """An mlir-opt-like ``--mlir-timing`` report: wall time per phase and pass."""
    total = sum(timing.values()) or 1e-12
    rule = "===" + "-" * 73 + "==="
    lines = [rule, " " * 25 + "... Execution time report ...", rule,
             f"  Total Execution Time: {total:.4f} seconds", "", "  ----Wall Time----  ----Name----"]
    lines += [f"  {seconds:8.4f} ({100 * seconds / total:5.1f}%)  {name}" for name, seconds in timing.items()]
    lines.append(f"  {total:8.4f} (100.0%)  Total")
    return "\n".join(lines)


# -- the driver ----------------------------------------------------------------


@dataclass
class ChunkResult:
    """What one input chunk produced: success, the IR text, the SystemVerilog text and every diagnostic."""

    ok: bool
    ir_text: str = ""
    verilog: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)


class LoomOptMain:
    """The ``loom-opt`` driver.

    Construction parses the command line (exiting with status 2 on a usage
    error); ``run`` processes the input and returns the exit status. Override
    ``register_passes``, ``register_pipelines`` or ``register_arguments`` to
    extend the tool, and ``emit_verilog`` to change the back end.
    """

    description = "Run loom and CIRCT passes over MLIR files (mlir-opt conventions)."

    def __init__(self, argv: Sequence[str] | None = None, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        arguments = sys.argv[1:] if argv is None else list(argv)
        self.load_plugins(plugin_arguments(arguments))
        self.registry = BUILTIN_PASSES.copy()
        self.register_passes(self.registry)
        self.pipelines: dict[str, str] = dict(PIPELINES)
        self.register_pipelines(self.pipelines)
        self.parser = argparse.ArgumentParser(prog=PROG, description=self.description, allow_abbrev=False,
                                              usage="%(prog)s [options] [input|-]")
        self.register_arguments(self.parser)
        self.pass_flags = self._register_pass_flags(self.parser)
        try:
            rest, self.pieces = split_pipeline_args(arguments, option_kinds(self.parser, self.pass_flags))
        except UsageError as error:
            self.parser.error(str(error))
        self.args = self.parser.parse_args(rest)
        self.timing: dict[str, float] = {}

    # -- hooks ---------------------------------------------------------------

    def load_plugins(self, specs: Sequence[str]) -> None:
        """Import the installed pass plugins and those named by ``--load-pass-plugin`` (``plugins.py``),
        before the registry is copied, so their passes get flags; a plugin that fails ends the tool (status 1)."""
        try:
            load_installed_plugins()
            for spec in specs:
                load_pass_plugin(spec)
        except LoomError as error:
            rendered = from_loom_error(error).render()
            self.stderr.write(rendered + "\n" if error.location else f"{PROG}: {rendered}\n")
            raise SystemExit(1) from None

    def register_passes(self, registry: PassRegistry) -> None:
        """Add passes to ``registry`` (a copy of the built-in loom passes); each gets a ``--name`` flag."""

    def register_pipelines(self, pipelines: dict[str, str]) -> None:
        """Add named pipelines (``name -> pipeline text``); each gets a ``--name`` flag."""

    def register_arguments(self, parser: argparse.ArgumentParser) -> None:
        """The tool's flags. An option added with ``nargs='?'`` is read as an LLVM-style boolean
        (``--flag``, ``--flag=false``; see ``split_pipeline_args``), so use ``add_bool_flag``."""
        parser.add_argument("input", nargs="?", default="-", help="input file (default: stdin)")
        parser.add_argument("--version", action="version", version=f"{PROG} (loom) {__version__}")
        parser.add_argument("-o", dest="output", metavar="FILE", help="output file (default: stdout)")
        parser.add_argument("--load-pass-plugin", action="append", default=[], metavar="MODULE",
                            help="import a module (pkg.module or file.py) that registers passes; repeatable")
        parser.add_argument("--pass-pipeline", metavar="PIPELINE",
                            help="pipeline to run, e.g. 'builtin.module(lower-to-hw, canonicalize)'")
        parser.add_argument("-p", metavar="PASSES", help="comma-separated passes, same as --pass-pipeline")
        add_bool_flag(parser, "--split-input-file", "process each '// -----' chunk separately")
        add_bool_flag(parser, "--verify-diagnostics", "check emitted diagnostics against expected-* comments")
        add_bool_flag(parser, "--export-verilog",
                      "print SystemVerilog of the result to stdout (the IR then goes only to -o)")
        parser.add_argument("--lowering-options", metavar="OPTIONS", help="ExportVerilog lowering options")
        add_bool_flag(parser, "--list-passes", "list loom passes and named pipelines, then exit")
        add_bool_flag(parser, "--dump-pass-pipeline", "print the resolved pipeline to stderr")
        add_bool_flag(parser, "--verify-each", "verify the IR after each pass (default: true)", default=True)
        add_bool_flag(parser, "--mlir-print-ir-before-all", "print the IR before each pass to stderr")
        add_bool_flag(parser, "--mlir-print-ir-after-all", "print the IR after each pass to stderr")
        add_bool_flag(parser, "--mlir-print-ir-after-failure", "print the IR after a failing pass to stderr")
        add_bool_flag(parser, "--mlir-print-op-generic", "print ops in generic form")
        add_bool_flag(parser, "--mlir-print-debuginfo", "print locations")
        add_bool_flag(parser, "--mlir-print-local-scope", "print locations inline instead of as aliases")
        add_bool_flag(parser, "--mlir-use-nameloc-as-prefix",
                      "name values after their name locations; loom ports and instances after their names")
        add_bool_flag(parser, "--mlir-timing", "report the time of parsing, verification and each pass on stderr")
        add_bool_flag(parser, "--mlir-disable-threading", "run MLIR passes on one thread")
        add_bool_flag(parser, "--allow-unregistered-dialect", "accepted for mlir-opt compatibility; always on")

    def _register_pass_flags(self, parser: argparse.ArgumentParser) -> frozenset[str]:
        """A ``--name[=options]`` flag per loom pass and named pipeline (shown in --help)."""
        group = parser.add_argument_group("loom passes and pipelines (CIRCT/MLIR pass names work as flags too)")
        flags: list[str] = []
        for info in self.registry.infos():
            flags.append(f"--{info.name}")
            options = info.describe_options()
            group.add_argument(flags[-1], nargs="?", metavar="OPTIONS",
                               help=info.summary + ("; options: " + "; ".join(options) if options else ""))
        for name, text in self.pipelines.items():
            if f"--{name}" not in flags:
                flags.append(f"--{name}")
                group.add_argument(flags[-1], nargs="?", metavar="OPTIONS", help=f"pipeline: {text}")
        return frozenset(flags)

    # -- pipeline ------------------------------------------------------------

    def build_steps(self) -> list[Step]:
        """The pipeline from all pieces in order; raises UsageError/ParseError on unknown passes."""
        context = new_context()
        steps: list[Step] = []
        with context:
            for piece in self.pieces:
                if piece.flag is not None:
                    self._check_pass_flag(piece)
                steps.extend(parse_pipeline(piece.text, self.registry, self.pipelines))
            steps = _merge_mlir_runs(steps)
            for step in steps:
                if isinstance(step, MlirStep):
                    _check_mlir_elements(step)
        return steps

    def _check_pass_flag(self, piece: PipelinePiece) -> None:
        name = (piece.flag or "")[2:]
        if self.registry.lookup(name) is not None or name in self.pipelines:
            return
        try:
            passmanager.PassManager.parse(f"builtin.module({name})")
        except ValueError:
            raise UsageError(f"unrecognized argument '{piece.flag}': neither an option nor a registered pass"
                             f" (see --help and --list-passes)") from None

    # -- running -------------------------------------------------------------

    def run(self) -> int:
        """Process the input; the exit status (0 success, 1 failure, 2 bad command line)."""
        if self.args.list_passes:
            self.stdout.write(self.list_passes())
            return 0
        try:
            steps = self.build_steps()
        except UsageError as error:
            self.parser.error(str(error))
        except LoomError as error:
            self.stderr.write(f"{PROG}: error: {error.message}\n")
            return 1
        if self.args.dump_pass_pipeline:
            self.stderr.write(format_pipeline(steps) + "\n")
        try:
            text, filename = self.read_input()
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else f"not UTF-8 text ({error.reason})"
            self.stderr.write(f"{PROG}: error: cannot read input file '{self.args.input}': {reason}\n")
            return 1
        chunks = split_input(text) if self.args.split_input_file else [text]
        results = [self.process_chunk(chunk, filename, steps) for chunk in chunks]
        if self.args.mlir_timing:
            self.stderr.write(format_timing(self.timing) + "\n")
        return self.write_outputs(results)

    def read_input(self) -> tuple[str, str]:
        """The input text and the file name its locations carry."""
        if self.args.input == "-":
            return self.stdin.read(), STDIN_NAME
        with open(self.args.input, encoding="utf-8") as stream:
            return stream.read(), self.args.input

    def create_context(self) -> ir.Context:
        """A fresh context per chunk; single-threaded when IR dumps must come out in order."""
        context = new_context()
        args = self.args
        if args.mlir_disable_threading or args.mlir_print_ir_after_all or args.mlir_print_ir_before_all \
                or args.mlir_print_ir_after_failure:
            context.enable_multithreading(False)
        return context

    def process_chunk(self, text: str, filename: str, steps: list[Step]) -> ChunkResult:
        """Parse, verify, run the pipeline and print one chunk in its own context."""
        verifying = bool(self.args.verify_diagnostics)
        sink = DiagnosticSink(echo=None if verifying else self.stderr)
        context = self.create_context()
        handler = context.attach_diagnostic_handler(sink.handle)
        with context, remarks.listen(lambda remark: sink.add(from_remark(remark))):
            result = self._process(text, filename, steps, context, sink)
        handler.detach()
        result.diagnostics = sink.diagnostics
        if not verifying:
            return result
        errors = check_diagnostics(parse_expectations(text), sink.diagnostics, filename)
        for error in errors:
            self.stderr.write(error.render() + "\n")
        result.ok = not errors
        return result

    def _timed(self, name: str, start: float) -> None:
        self.timing[name] = self.timing.get(name, 0.0) + time.perf_counter() - start

    def _process(self, text: str, filename: str, steps: list[Step], context: ir.Context,
                 sink: DiagnosticSink) -> ChunkResult:
        start = time.perf_counter()
        crash = crash_error(text, filename, parse_source)
        if crash is not None:
            sink.add(Diagnostic(ERROR, crash[1], crash[0]))
            return ChunkResult(False)
        try:
            root = parse_source(text, filename, context)
        except ir.MLIRError as error:
            sink.add_all(from_mlir(d) for d in error.error_diagnostics)
            return ChunkResult(False)
        self._timed("parse", start)
        context.emit_error_diagnostics = True  # from here on, every diagnostic reaches the sink
        start = time.perf_counter()
        problems = verify(root)
        self._timed("loom verify", start)
        if problems:
            sink.add_all(from_problem(p) for p in problems)
            return ChunkResult(False)
        if not self._run_steps(root, steps, sink):
            return ChunkResult(False)
        return self._print_results(root, sink)

    def _run_steps(self, root: ir.Operation, steps: list[Step], sink: DiagnosticSink) -> bool:
        """Run the pipeline; a failure already explained by emitted errors is not reported twice."""
        args = self.args
        timing: dict[str, float] = {}
        options = PipelineOptions(verify_each=args.verify_each, print_ir_before_all=args.mlir_print_ir_before_all,
                                  print_ir_after_all=args.mlir_print_ir_after_all,
                                  print_ir_after_failure=args.mlir_print_ir_after_failure,
                                  print_generic=args.mlir_print_op_generic,
                                  print_debuginfo=args.mlir_print_debuginfo, timing=timing, stream=self.stderr)
        errors_before = sink.error_count
        try:
            run_pipeline(root, steps, options, self.registry)
        except LoomError as error:
            if not (isinstance(error, PassFailedError) and sink.error_count > errors_before):
                sink.add_all(diagnostics_of_error(error))
            return False
        except ir.MLIRError as error:
            sink.add_all(from_mlir(d) for d in error.error_diagnostics)
            return False
        finally:
            for name, seconds in timing.items():
                self.timing[name] = self.timing.get(name, 0.0) + seconds
        return sink.error_count == errors_before

    def _print_results(self, root: ir.Operation, sink: DiagnosticSink) -> ChunkResult:
        start = time.perf_counter()
        verilog = ""
        if self.args.export_verilog:
            errors_before = sink.error_count
            buffer = io.StringIO()
            module = self.emit_verilog(root, buffer, sink)
            if module is None or sink.error_count > errors_before:
                return ChunkResult(False)
            root, verilog = module.operation, buffer.getvalue()
        args = self.args
        ir_text = print_ir(root, locations=args.mlir_print_debuginfo, generic=args.mlir_print_op_generic,
                           local_scope=args.mlir_print_local_scope, names=args.mlir_use_nameloc_as_prefix)
        ir_text += "" if ir_text.endswith("\n") else "\n"
        self._timed("output", start)
        return ChunkResult(True, ir_text, verilog)

    def emit_verilog(self, root: ir.Operation, stream: TextIO, sink: DiagnosticSink) -> ir.Module | None:
        """Write SystemVerilog for ``root`` to ``stream``; returns the module that now holds the design.

        Refuses IR that still has loom ops (ExportVerilog would only say
        "unknown operation"). ``circt.export_verilog`` wants an ``ir.Module``,
        so the top-level ops move into one (cheap: one move per module).
        """
        problems = unexportable_ops(root)
        if problems:
            sink.add_all(Diagnostic(ERROR, message, location_of(location)) for location, message in problems)
            return None
        module = adopt_into_module(root)
        # The same ExportVerilog options as loom.verilog(), so both print the same SystemVerilog.
        apply_lowering_options(module.operation, BackendOptions(lowering_options=self.args.lowering_options or ""))
        export_text(module, stream)
        return module

    def write_outputs(self, results: list[ChunkResult]) -> int:
        """Join chunk outputs with the split marker; a file is written only if every chunk succeeded."""
        ok = all(result.ok for result in results)
        separator = SPLIT_MARKER + "\n"
        output = self.args.output if self.args.output is not None else None if self.args.export_verilog else "-"
        if output == "-":
            self.stdout.write(separator.join(result.ir_text for result in results))
        elif output is not None and ok:
            try:
                with open(output, "w", encoding="utf-8") as stream:
                    stream.write(separator.join(result.ir_text for result in results))
            except OSError as error:
                self.stderr.write(f"{PROG}: error: cannot write '{output}': {error.strerror}\n")
                return 1
        if self.args.export_verilog:
            self.stdout.write(separator.join(result.verilog for result in results))
        self.stdout.flush()
        return 0 if ok else 1

    def list_passes(self) -> str:
        """``--list-passes``: one line per loom pass (name, kind, summary), its options (``pass_options.py``:
        type, default, help) below it, one per line; then one line per named pipeline (name, the kind of its
        widest pass, its passes).

        The kind says how far the pass reaches, and so whether ``loom-scope`` can
        run it on some instances (``module``/``check``) or not (``hierarchy``/``design``).
        """
        width = max([len(info.name) for info in self.registry.infos()] + [len(n) for n in self.pipelines]) + 2
        lines = ["Loom passes (CIRCT and MLIR passes are accepted by name too), with their kind:"]
        for info in self.registry.infos():
            lines.append(f"  {info.name:<{width}}{info.kind.value:<11}{info.summary}")
            lines += [f"    {line}" for line in info.describe_options()]
        lines.append("Named pipelines (the kind of their widest pass):")
        lines += [f"  {name:<{width}}{pipeline_kind(text, self.registry, self.pipelines).value:<11}{text}"
                  for name, text in self.pipelines.items()]
        return "\n".join(lines) + "\n"


def _check_mlir_elements(step: MlirStep) -> None:
    """Reject unknown CIRCT/MLIR passes before any input is touched, one element at a time."""
    for element in step.elements:
        try:
            passmanager.PassManager.parse(f"builtin.module({element})")
        except ValueError as error:
            raise ParseError(f"invalid pass pipeline element '{element}': {mlir_pipeline_message(error)}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point (``loom-opt``)."""
    try:
        return LoomOptMain(argv).run()
    except BrokenPipeError:
        # The reader went away (``loom-opt big.mlir | head``): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
