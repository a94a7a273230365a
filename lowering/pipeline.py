"""Pass pipelines that mix loom (Python) passes and CIRCT/MLIR passes, in order.

MLIR's textual pipeline parser only knows C++-registered passes, so a
pipeline string is split at its top level here: elements naming a loom pass
run as Python callables, runs of other elements go to one MLIR PassManager
each (``builtin.module(canonicalize, hw.module(prettify-verilog))``).
Pipelines are defined as data in ``pipelines.py`` and all run through ``run_pipeline``,
which can print the IR around each step and names the failing pass.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from circt import ir, passmanager

from ..dialect import analyses
from ..dialect.context import location_text
from ..dialect.decoding import shared_decoding
from ..dialect.errors import LoomError, ParseError, PassFailedError
from ..dialect.heap import young_collections_only
from ..dialect.printing import with_empty_case_blocks
from ..dialect.progress import step as progress_step
from .pass_kinds import PassKind, widest
from .pass_options import OptionError
from .pipelines import PIPELINES, PassSpec
from .registry import BUILTIN_PASSES, PassInfo, PassRegistry
from .stage import check_stage, left_unchanged

VERIFY_TIMING = "(MLIR verifier after loom passes)"
"""The ``timing`` entry that sums the verification ``verify_each`` adds after each loom pass."""


class LoomStep:
    """A loom pass with its options, parsed (``PassInfo.parse_options``): what the pass function receives.

    A plain class, as ``MlirStep``: a dataclass costs 0.3 ms of every ``import loom`` (docs/architecture.md,
    "Start-up"), and nothing compares steps."""

    __slots__ = ("info", "options", "text")

    def __init__(self, info: PassInfo, options: Any, text: str):
        self.info = info
        self.options = options
        self.text = text


class MlirStep:
    """A run of consecutive MLIR/CIRCT pass elements, run by one PassManager."""

    __slots__ = ("elements",)

    def __init__(self, elements: list[str] | None = None):
        self.elements: list[str] = [] if elements is None else elements

    @property
    def text(self) -> str:
        return "builtin.module(" + ", ".join(self.elements) + ")"


Step = LoomStep | MlirStep


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split at ``separator`` outside (), {} and [] nesting; raises ParseError on unbalanced brackets."""
    return [part for _, part in split_spans(text, separator)]


def split_spans(text: str, separator: str = ",") -> list[tuple[int, str]]:
    """``split_top_level``, each part with its offset in ``text`` (so that an error can point at it)."""
    parts: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    closing = {")": "(", "}": "{", "]": "["}
    stack: list[tuple[str, int]] = []  # open brackets and where they are
    quote: tuple[str, int] | None = None  # inside "..." (a nested pipeline as an option value) nothing separates
    for index, char in enumerate(text):
        if quote is not None:
            quote = None if char == quote[0] else quote
            current.append(char)
            continue
        if char in "\"'":
            quote = (char, index)
        elif char in "({[":
            stack.append((char, index))
        elif char in closing:
            if not stack or stack.pop()[0] != closing[char]:
                raise pipeline_error(text, index, f"unbalanced '{char}' in pass pipeline at column {index + 1}")
        if char == separator and not stack:
            parts.append((start, "".join(current)))
            current, start = [], index + 1
        else:
            current.append(char)
    if quote is not None:
        raise pipeline_error(text, quote[1], f"unclosed {quote[0]} in pass pipeline")
    if stack:
        raise pipeline_error(text, stack[-1][1], f"unclosed '{stack[-1][0]}' in pass pipeline")
    parts.append((start, "".join(current)))
    return [(offset + len(part) - len(part.lstrip()), part.strip()) for offset, part in parts if part.strip()]


def _unwrap_builtin_module(text: str) -> tuple[int, str]:
    """The pipeline inside ``builtin.module(...)`` (or ``any(...)``), and its offset in ``text``."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    for anchor in ("builtin.module(", "any("):
        if stripped.startswith(anchor) and stripped.endswith(")"):
            return offset + len(anchor), stripped[len(anchor):-1]
    return offset, stripped


def _option_spans(text: str) -> list[tuple[int, str, str]]:
    """``{a=1 b=x,y}`` -> [(1, "a", "1"), (5, "b", "x,y")]: each option with its offset in ``text``."""
    opening = text.index("{") + 1
    options = []
    for offset, item in split_spans(text[opening:text.rindex("}")], " "):
        key, sep, value = item.partition("=")
        options.append((opening + offset, key.strip(), value.strip() if sep else "true"))
    return options


def parse_options(text: str) -> dict[str, str]:
    """``{a=1 b=x,y}`` -> {"a": "1", "b": "x,y"} (MLIR's space-separated pass options)."""
    return {key: value for _, key, value in _option_spans(text)}


def pipeline_error(text: str, offset: int, message: str) -> ParseError:
    """``message``, then the line of the pipeline ``text`` holding ``offset`` and a caret under it (as MLIR's
    pass pipeline parser shows its errors)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:] if end < 0 else text[start:end]
    return ParseError(f"{message}\n{line}\n{' ' * (offset - start)}^")


def _loom_step(info: PassInfo, element: str, text: str, offset: int) -> LoomStep:
    """The step for ``element`` (at ``offset`` in the pipeline ``text``); its options parsed now, so that a bad
    one stops the pipeline before anything runs, with a caret at the option (at the pass, for a missing one)."""
    options = _option_spans(element) if "{" in element else []
    try:
        return LoomStep(info, info.parse_options({key: value for _, key, value in options}), element)
    except OptionError as error:
        at = next((where for where, key, _ in options if key == error.option), 0)
        raise pipeline_error(text, offset + at, error.message) from None


def parse_pipeline(text: str, registry: PassRegistry = BUILTIN_PASSES,
                   pipelines: Mapping[str, str] | None = None) -> list[Step]:
    """Resolve a pipeline string (names may be loom passes, CIRCT passes or named pipelines).

    ``pipelines`` (default ``PIPELINES``) lets a tool add its own named pipelines.
    """
    pipelines = PIPELINES if pipelines is None else pipelines
    steps: list[Step] = []
    base, body = _unwrap_builtin_module(text)
    for offset, element in split_spans(body):
        name, brace, _ = element.partition("{")
        name = name.strip()
        if name in pipelines and not brace:
            steps.extend(parse_pipeline(pipelines[name], registry, pipelines))
            continue
        info = registry.lookup(name) if "(" not in name else None
        if info is not None:
            steps.append(_loom_step(info, element, text, base + offset))
            continue
        if steps and isinstance(steps[-1], MlirStep):
            steps[-1].elements.append(element)
        else:
            steps.append(MlirStep([element]))
    return steps


def pipeline_kind(text: str, registry: PassRegistry = BUILTIN_PASSES,
                  pipelines: Mapping[str, str] | None = None) -> PassKind:
    """The kind of a pipeline string (a named pipeline's text): its widest pass; a CIRCT/MLIR pass counts as
    ``module``, as it does everywhere (``pass_kinds.py``)."""
    steps = parse_pipeline(text, registry, pipelines)
    return widest(step.info.kind if isinstance(step, LoomStep) else PassKind.MODULE for step in steps)


def loom_step(name: str, registry: PassRegistry = BUILTIN_PASSES, **options: str) -> LoomStep:
    """A loom pass whose option values are given as data, never pasted into pipeline text: a value made
    from a user string (a module name) could otherwise change the pipeline's meaning.
    ``text`` is only for IR dump headers."""
    info = registry.lookup(name)
    if info is None:
        raise ParseError(f"'{name}' is not a loom pass")
    shown = " ".join(f"{key}={value}" for key, value in options.items())
    return LoomStep(info, info.parse_options(options), f"{name}{{{shown}}}" if shown else name)


def steps_of(specs: list[PassSpec], registry: PassRegistry = BUILTIN_PASSES) -> list[Step]:
    """The steps of a pipeline defined as data (``pipelines.pipeline``): loom passes get their option values
    as data (``loom_step``); consecutive CIRCT/MLIR passes share one PassManager, as in one pipeline string."""
    steps: list[Step] = []
    for spec in specs:
        if registry.lookup(spec.name) is not None:
            steps.append(loom_step(spec.name, registry, **spec.options))
        elif steps and isinstance(steps[-1], MlirStep):
            steps[-1].elements.append(spec.text)
        else:
            steps.append(MlirStep([spec.text]))
    return steps


@dataclass
class PipelineOptions:
    """How ``run_pipeline`` runs: verification, IR printing and timing (mlir-opt's flags)."""

    verify_each: bool = field(default_factory=lambda: os.environ.get("LOOM_VERIFY_EACH", "") == "1")
    """Run the MLIR verifier after every pass that changed the IR (mlir-opt's ``--verify-each``, on by
    default in ``loom-opt``). Off, the pipeline verifies once at its end and after user passes only: each
    run walks the whole design (0.07-0.1 s at 50,000 instances). ``LOOM_VERIFY_EACH=1`` turns it on to
    find the pass that broke the IR."""
    print_ir_before_all: bool = False
    print_ir_after_all: bool = False
    print_ir_after_failure: bool = False
    print_generic: bool = False
    print_debuginfo: bool = False
    timing: dict[str, float] | None = None
    stream: TextIO = field(default_factory=lambda: sys.stderr)


def pass_display_name(name: str) -> str:
    """``loom-specialize`` -> ``LoomSpecializePass``: the class-style name MLIR puts in IR dump headers."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("-")) + "Pass"


def _dump_header(when: str, step: Step) -> str:
    """The header MLIR (as bundled in the wheel) prints around a pass: ``IR Dump After CSEPass: cse``.

    ``when`` is ``"Before {}"``, ``"After {}"`` or ``"After {} Failed"``; ``{}`` becomes the pass name.
    """
    name = pass_display_name(step.info.name) if isinstance(step, LoomStep) else "MLIR pipeline"
    return f"// -----// IR Dump {when.format(name)}: {step.text} //----- //"


def _print_ir(module: ir.Operation, header: str, options: PipelineOptions) -> None:
    options.stream.write(header + "\n")
    text = module.get_asm(print_generic_op_form=options.print_generic, enable_debug_info=options.print_debuginfo)
    options.stream.write((text if options.print_generic else with_empty_case_blocks(text)) + "\n")


def _mlir_prints_ir(step: Step, options: PipelineOptions) -> bool:
    """Whether MLIR's own IR printing serves this step.

    MLIR names every CIRCT pass in its headers (``After CSE (cse)``), which a
    Python dump around a whole run cannot, but it writes to the process's
    stderr; so use it only when that is where the dumps go anyway.
    """
    if not isinstance(step, MlirStep):
        return False
    if not (options.print_ir_before_all or options.print_ir_after_all or options.print_ir_after_failure):
        return False
    try:
        return options.stream.fileno() == 2
    except (AttributeError, OSError, ValueError):
        return False


def _mlir_failure(step: str, error: ir.MLIRError) -> PassFailedError:
    diagnostics = list(getattr(error, "error_diagnostics", []))
    if not diagnostics:
        return PassFailedError(f"pass pipeline '{step}' failed: {error}")
    first = diagnostics[0]
    notes = tuple(f"{location_text(n.location)}: {n.message}" for n in first.notes)
    more = tuple(f"{location_text(d.location)}: error: {d.message}" for d in diagnostics[1:])
    return PassFailedError(first.message, location_text(first.location), notes + more)


def _build_pass_manager(step: MlirStep) -> passmanager.PassManager:
    try:
        return passmanager.PassManager.parse(step.text)
    except ValueError as error:
        raise ParseError(f"invalid pass pipeline '{', '.join(step.elements)}': {error}") from None


def _run_mlir_step(module: ir.Operation, step: MlirStep, options: PipelineOptions, mlir_prints: bool) -> None:
    pm = _build_pass_manager(step)
    pm.enable_verifier(options.verify_each)
    if mlir_prints:
        options.stream.flush()  # keep Python's earlier dumps ahead of MLIR's
        pm.enable_ir_printing(print_before_all=options.print_ir_before_all,
                              print_after_all=options.print_ir_after_all,
                              print_after_failure=options.print_ir_after_failure,
                              enable_debug_info=options.print_debuginfo,
                              print_generic_op_form=options.print_generic)
    pm.run(module)


def _verify_after(module: ir.Operation, name: str | None) -> None:
    """MLIR verification after a loom pass, or at the end of a pipeline (``name`` None)."""
    try:
        module.verify()
    except ir.MLIRError as error:
        failure = _mlir_failure(name or "pipeline", error)
        message = failure.message if failure.location else str(error)
        where = (f"after pass '{name}'" if name else
                 "after the pipeline (LOOM_VERIFY_EACH=1, or loom-opt's --verify-each, names the pass)")
        raise PassFailedError(f"IR does not verify {where}: {message}", failure.location, failure.notes) from None


def run_pipeline(module: ir.Operation, pipeline: str | list[Step], options: PipelineOptions | None = None,
                 registry: PassRegistry = BUILTIN_PASSES) -> None:
    """Run ``pipeline`` on ``module`` (a ``builtin.module`` op) in order; raises LoomError on failure.

    A loom pass marked ``@preserves_ir`` (a check), or one that returns
    ``False`` (it had nothing to do this time), left the IR untouched (MLIR's
    "all analyses preserved"), so ``verify_each`` skips verifying after it:
    it costs no walk of the whole design.
    """
    options = options or PipelineOptions()
    steps = parse_pipeline(pipeline, registry) if isinstance(pipeline, str) else pipeline
    # The passes read the same module interfaces (decode each distinct one once) and allocate many short-lived
    # objects (keep the collector off the long-lived ones).
    with analyses.scope(module), shared_decoding(), young_collections_only():
        try:
            _run_steps(module, steps, options)
        except BaseException:
            # the failing step may have changed the IR: no fact of the run may reach a later one (``carried``)
            analyses.invalidate()
            raise


def _run_steps(module: ir.Operation, steps: list[Step], options: PipelineOptions) -> None:
    """``run_pipeline``'s loop, inside its store of preserved analyses (``dialect/analyses.py``)."""
    changed = False  # since the last verification
    lowered = False  # the design was lowered when last asked, and no user pass ran since (check_stage)
    for step in steps:
        name = step.info.name if isinstance(step, LoomStep) else step.text
        progress_step(name)
        mlir_prints = _mlir_prints_ir(step, options)
        if options.print_ir_before_all and not mlir_prints:
            _print_ir(module, _dump_header("Before {}", step), options)
        start = time.perf_counter()
        unchanged = False
        try:
            if isinstance(step, LoomStep):
                fn = step.info.fn
                lowered = check_stage(step.info.name, fn, module, lowered) and step.info.builtin
                unchanged = left_unchanged(fn, fn(module, step.options))
            else:
                _run_mlir_step(module, step, options, mlir_prints)
        except ir.MLIRError as error:
            if options.print_ir_after_failure and not mlir_prints:
                _print_ir(module, _dump_header("After {} Failed", step), options)
            raise _mlir_failure(name, error) from None
        except LoomError:
            if options.print_ir_after_failure:
                _print_ir(module, _dump_header("After {} Failed", step), options)
            raise
        if options.timing is not None:
            options.timing[name] = options.timing.get(name, 0.0) + time.perf_counter() - start
        if options.print_ir_after_all and not mlir_prints:
            _print_ir(module, _dump_header("After {}", step), options)
        if not unchanged:
            analyses.invalidate()
        changed = changed or not unchanged
        user_pass = isinstance(step, LoomStep) and not step.info.builtin
        if (options.verify_each or user_pass) and isinstance(step, LoomStep) and not unchanged:
            _timed_verify(module, name, options)
            changed = False
    if changed and not options.verify_each:
        _timed_verify(module, None, options)


def _timed_verify(module: ir.Operation, name: str | None, options: PipelineOptions) -> None:
    """Verify after pass ``name`` (None: at the end of a pipeline run without ``verify_each``), timed."""
    start = time.perf_counter()
    _verify_after(module, name)
    if options.timing is not None:
        options.timing[VERIFY_TIMING] = options.timing.get(VERIFY_TIMING, 0.0) + time.perf_counter() - start
