"""The kratos-style pass manager: named passes in any order, user passes, ``{module: SystemVerilog}``.

::

    code_gen = VerilogModule(top)                 # elaborates the generator into loom IR
    manager = code_gen.pass_manager()             # every built-in pass pre-registered
    manager.register_pass("rename", rename_out)   # fn(top_module) or fn(module_op, options)
    manager.add_pass("rename")
    manager.add_pass("remove_pass_through_modules")
    code_gen.run_passes()
    sources = code_gen.verilog_src()              # {"Top": "module Top(...", ...}

``loom.verilog(top, additional_passes={"name": fn})`` does the same with the
user passes first, then ``DEFAULT_PIPELINE``, as the kratos reference says.

Names are kebab-case (``remove-pass-through-modules``); the reference's
snake_case is accepted everywhere. An element may carry options
(``insert-pipeline-stages``, ``loom-specialize{keep-parameters=true}``) and
may be a CIRCT/MLIR pass (``canonicalize``, ``hw.module(prettify-verilog)``).

Passes run in the order added, on the loom IR. The lowering (specialise,
loom -> hw, CIRCT clean-up; ``pipelines.pipeline``) runs right before
the first pass marked ``@needs_lowered_ir`` (``dead-code-elimination``,
``extract-debug-info``, ``generate-verilog``) or, if there is none, when the
SystemVerilog is asked for. A pass marked ``@needs_loom_ir`` after that point
is an error naming the order to use. ``timing`` holds the seconds of every
step, the lowering's steps included.

A user pass is either a kratos-style function of one argument, called with
the top ``IRModule`` node (``loom.lowering.visitor``; the ``IRDesign`` when the IR
has several tops), or a loom pass ``fn(module_op, options)``.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
from collections.abc import Callable, Mapping, Sequence

from circt import ir, passmanager

from ..dialect import analyses
from ..dialect.context import new_context
from ..dialect.decoding import shared_decoding
from ..dialect.errors import LoomError, ParseError, UsageError
from ..dialect.heap import young_collections_only
from ..dialect.opkinds import SIDE_EFFECT_FREE_REGISTERS
from ..dialect.progress import phase
from ..dialect.srcloc import user_location
from ..frontend.emit import elaborate
from ..frontend.generator import Generator
from ..lowering import generate_verilog
from ..lowering.export import (
    BackendOptions,
    apply_lowering_options,
    export_sources,
    export_split,
    lowering_pipeline,
)
from ..lowering.pass_kinds import PassKind
from ..lowering.pipeline import LoomStep, MlirStep, PipelineOptions, Step, parse_pipeline, run_pipeline
from ..lowering.pipelines import DEFAULT_PIPELINE
from ..lowering.registry import BUILTIN_PASSES, PassFn, PassRegistry, canonical_name, typed_pass
from ..lowering.rewrites.common import absent
from ..lowering.rewrites.debug_hooks import debug_sites, write_debug_sites
from ..lowering.stage import LOWERED, copy_marks, is_lowered, needs_lowered_ir, stage_of
from ..lowering.visitor import IRDesign
from .user_calls import at_user_call

UserPass = Callable[..., None]


def _positional_arity(fn: Callable[..., object]) -> int:
    """Required positional parameters of ``fn`` (2 when it cannot be inspected)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 2
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in parameters if p.kind in kinds and p.default is inspect.Parameter.empty)


def adapt_user_pass(fn: UserPass) -> PassFn:
    """Make ``fn`` a loom pass ``(module_op, options)``.

    A one-argument function gets the top ``IRModule`` node, as a kratos pass gets
    the top generator (the ``IRDesign`` when there is no single top).
    """
    if not callable(fn):
        raise UsageError(f"a pass must be callable, got {fn!r}")
    if _positional_arity(fn) != 1:
        return fn

    def run(module: ir.Operation, options: dict[str, str]) -> None:
        del options
        design = IRDesign(module)
        tops = design.tops()
        fn(tops[0] if len(tops) == 1 else design)

    run.__doc__ = fn.__doc__
    run.__name__ = getattr(fn, "__name__", "user_pass")
    copy_marks(fn, run)
    return run


class PassManager:
    """Named passes run in the order they are added (kratos ``PassManager``).

    Every built-in pass is pre-registered; ``register_pass`` adds user passes
    to this manager only (``loom.register_pass`` makes a pass known
    everywhere, ``loom-opt`` included).
    """

    def __init__(self, registry: PassRegistry | None = None):
        self.registry = (registry or BUILTIN_PASSES).copy()
        self.order: list[str] = []
        self.timing: dict[str, float] = {}

    @at_user_call
    def register_pass(self, name: str, fn: UserPass, summary: str = "") -> None:
        """Register ``fn`` under ``name``; a name that exists already is an error (as in kratos)."""
        if self.has_pass(name):
            raise LoomError(f"pass '{canonical_name(name)}' already exists in the pass manager")
        if not summary and getattr(fn, "__doc__", None):
            summary = (fn.__doc__ or "").strip().splitlines()[0]
        self.registry.register(name, adapt_user_pass(fn), summary or "user pass")

    def has_pass(self, name: str) -> bool:
        """Whether ``name`` is a registered loom pass (CIRCT passes are not listed here)."""
        return name.partition("{")[0] in self.registry

    @at_user_call
    def add_pass(self, name: str) -> None:
        """Append a pass (a registered name, optionally with ``{options}``, or a CIRCT/MLIR pass)."""
        element = name.strip()
        if not element:
            raise ParseError("add_pass() needs a pass name")
        steps = self._resolve(element)
        for step in steps:
            if isinstance(step, MlirStep):
                _check_mlir(step)
        self.order.append(element)

    def add_passes(self, names: Sequence[str]) -> None:
        for name in names:
            self.add_pass(name)

    def add_default_passes(self) -> None:
        """The kratos passes of ``DEFAULT_PIPELINE``."""
        self.add_passes(DEFAULT_PIPELINE)

    @property
    def passes(self) -> list[str]:
        """The pipeline, in order."""
        return list(self.order)

    def ends_with_loop_check(self) -> bool:
        """Whether the pipeline's last pass is ``loom-checks`` with check-combinational-loop: run to its end, it
        leaves a design without a combinational loop (the check raises on one)."""
        steps = self._resolve(self.order[-1]) if self.order else []
        last = steps[-1] if steps else None
        return isinstance(last, LoomStep) and last.info.name == "loom-checks" and \
            "check-combinational-loop" not in {name.replace("_", "-") for name in last.options.skip}

    def _resolve(self, element: str) -> list[Step]:
        return parse_pipeline(element, self.registry)

    def steps(self) -> list[Step]:
        return [step for element in self.order for step in self._resolve(element)]

    def run_passes(self, design: ir.Module | ir.Operation, lower: Callable[[], None] | None = None,
                   pipeline_options: PipelineOptions | None = None) -> None:
        """Run the pipeline on ``design``; ``lower`` (if given) runs before the first lowered-IR pass."""
        root = design.operation if isinstance(design, ir.Module) else design
        options = pipeline_options or PipelineOptions()
        if options.timing is None:
            options.timing = self.timing
        with root.context, phase("passes"):
            # The steps run as one pipeline per stretch between lowerings, so the IR is verified once at the
            # end of each (and after user passes), not after every pass that changed it.
            pending: list[Step] = []
            for step in self.steps():
                if lower is not None and isinstance(step, LoomStep) and stage_of(step.info.fn) == LOWERED:
                    run_pipeline(root, pending, options, self.registry)
                    pending = []
                    if not is_lowered(root):
                        lower()
                pending.append(step)
            run_pipeline(root, pending, options, self.registry)


def _check_mlir(step: MlirStep) -> None:
    """Reject an unknown CIRCT/MLIR pass when it is added, not when the pipeline runs."""
    try:
        passmanager.PassManager.parse(step.text, context=_scratch_context())
    except ValueError:
        raise ParseError(f"pass '{', '.join(step.elements)}' doesn't exist in the pass manager"
                         " (neither a loom pass nor a CIRCT/MLIR pass; see loom-opt --list-passes)") from None


_SCRATCH: list[ir.Context] = []


def _scratch_context() -> ir.Context:
    if not _SCRATCH:
        _SCRATCH.append(new_context())
    return _SCRATCH[0]


class VerilogModule:
    """A design on its way to SystemVerilog (kratos ``VerilogModule``).

    ``top`` is a Generator (elaborated here) or an ``ir.Module`` of loom IR
    (then ``top_name`` names its top module).
    """

    def __init__(self, top: Generator | ir.Module, *, top_name: str | None = None,
                 options: BackendOptions | None = None):
        self.options = options or BackendOptions()
        if isinstance(top, ir.Module):
            if top_name is None:
                raise TypeError("pass top_name= when giving an ir.Module")
            self.module, self.top_name = top, top_name
        else:
            self.module, self.top_name = elaborate(top, new_context())
        self._manager = PassManager()
        self._manager.registry.add(typed_pass(
            "generate-verilog", self._generate_verilog, kind=PassKind.DESIGN,
            summary="Write SystemVerilog: into out-dir, or kept for verilog_src()",
            options=generate_verilog.GenerateVerilogOptions))
        self._lowered = False
        self._lowering_failure: str | None = None
        """The first line of the error the lowering raised: a caller that caught it must not export what it left
        (the pipeline stopped part way, so the IR holds loom and hw ops side by side)."""
        self._sources: dict[str, str] | None = None

    @needs_lowered_ir
    def _generate_verilog(self, module: ir.Operation, options: generate_verilog.GenerateVerilogOptions) -> None:
        """generate-verilog without out-dir keeps the sources here instead of printing them."""
        if options.out_dir:
            generate_verilog.run(module, options)
        else:
            self._sources = generate_verilog.sources(module)

    def pass_manager(self) -> PassManager:
        return self._manager

    @property
    def timing(self) -> dict[str, float]:
        return self._manager.timing

    def lower(self, loop_free: bool = False) -> None:
        """Run the lowering to hw/sv once (the passes run so far define the design); ``loop_free``: they ended
        with the combinational-loop check on a design without a side-effect-free register
        (``pipelines.LOOP_FREE_CANONICALIZE``)."""
        if self._lowering_failure is not None:
            raise UsageError(f"cannot export '{self.top_name}': its lowering to hw failed earlier, and the IR it left"
                             f" is part lowered; fix the design and build it again ({self._lowering_failure})",
                             str(user_location()))
        if self._lowered:
            return
        self._lowered = True
        try:
            with self.module.context, phase("lowering"):
                top = self._current_top()
                lowering = dataclasses.replace(self.options, passes="")  # the manager ran options.passes
                run_pipeline(self.module.operation, lowering_pipeline(top, lowering, loop_free),
                             PipelineOptions(timing=self._manager.timing))
                apply_lowering_options(self.module.operation, self.options)
                analyses.invalidate()  # a change outside a run: no fact of it may reach the passes after the lowering
        except Exception as error:
            self._lowering_failure = next(iter(str(error).splitlines()), type(error).__name__)
            raise

    def _current_top(self) -> str:
        """The top's name now: a user pass may have renamed it."""
        operations = self.module.body.operations
        last = operations[len(operations) - 1] if len(operations) else None
        if last is not None and "sym_name" in last.attributes and last.attributes["sym_name"] == \
                ir.StringAttr.get(self.top_name):
            return self.top_name  # the frontend writes the top last: no index of 10,000 modules needed
        design = IRDesign(self.module.operation)
        if self.top_name in design.symbols:
            return self.top_name
        tops = design.tops()
        if len(tops) == 1:
            self.top_name = tops[0].name
        return self.top_name

    def run_passes(self) -> None:
        """Run the manager's passes (lowering where a pass needs it), then lower if no pass did."""
        self._sources = None
        # one memo for the kratos passes and the lowering, and one store of facts: what the kratos passes found
        # after their last change of the IR (or all of it, when they changed nothing) serves the lowering
        with shared_decoding(), young_collections_only(), analyses.carried(self.module.operation):
            self._manager.run_passes(self.module, lower=self.lower)
            self.lower(loop_free=self._manager.ends_with_loop_check() and self._without_region_dce_loops())
        last = self._manager.order[-1] if self._manager.order else ""
        if canonical_name(last.partition("{")[0]) != "generate-verilog":
            self._sources = None  # passes after it changed the design

    def _without_region_dce_loops(self) -> bool:
        """Whether the design, which passed the combinational-loop check, holds no unread cycle canonicalize's
        region DCE would erase: none through a side-effect-free register (the check lets a loop through a
        register pass; the lowering makes no such register). Asked in the store the kratos passes leave (after
        loom-checks, which asks for the rare ops too: no walk of the design)."""
        root = self.module.operation
        with analyses.scope(root):
            return absent(root, SIDE_EFFECT_FREE_REGISTERS)

    def verilog_src(self) -> dict[str, str]:
        """``{module name: SystemVerilog}`` for every module (ExportVerilog, split per module)."""
        if self._sources is not None:
            return dict(self._sources)
        self.lower()
        return export_sources(self.module)

    def emit(self, out_dir: str | os.PathLike[str]) -> list:
        """Write one ``.sv`` per module and ``filelist.f`` into ``out_dir``.

        When a pass injected debug hooks, their id -> Python line table goes
        to ``debug_sites.json`` beside them (docs/debug-hooks.md).
        """
        self.lower()
        files = export_split(self.module, out_dir)
        if debug_sites(self.module.operation):
            write_debug_sites(self.module.operation, os.path.join(out_dir, "debug_sites.json"))
        return files


def build_verilog_module(top: Generator | ir.Module, options: BackendOptions, *, top_name: str | None = None,
                         additional_passes: Mapping[str, UserPass] | None = None,
                         default_passes: bool = True) -> VerilogModule:
    """A VerilogModule with the user passes first, then ``options.passes``, then the default kratos passes."""
    code_gen = VerilogModule(top, top_name=top_name, options=options)
    manager = code_gen.pass_manager()
    for name, fn in (additional_passes or {}).items():
        manager.register_pass(name, fn)
        manager.add_pass(name)
    if options.passes:
        manager.add_pass(options.passes)
    if default_passes:
        manager.add_default_passes()
    return code_gen
