"""Any pass, on some instances: run a pipeline or a rewrite-pattern set where a path pattern matches.

``run_scoped(root, pipeline, on="cpu[0].**")`` runs ``pipeline`` only on the
modules of the instances the pattern matches, with the sparse machinery of
the edits (``edits.py``):

1. ``Queries.reach`` walks the instance graph with the pattern's automaton
   once and names the modules with at least one matched instance (work per
   (module, automaton state) pair, never per instance).
2. A *trial*: the pipeline runs once on a copy of each of those modules,
   alone in a scratch ``builtin.module``. A module the pipeline leaves
   structurally equal is done: it gets no variant at all, so a pass with
   nothing to do on ``**`` adds zero modules. Checks report here, only for
   matched modules, with the count of matched instances and one example path.
3. The modules the trial changed become an edit: ``apply_edit`` copies each
   affected (module, state) pair, runs the pipeline on the copy (moved into a
   scratch module for the run, so op identities survive) and merges copies
   that end up equal. One leaf of a depth-20 tree: at most 20 new modules.

Only passes whose effect stays inside one module can be scoped (their kind,
``pass_kinds.py``); a CIRCT or user pass is checked after each run: it must
keep the module's ports and leave no other module behind.

``on_modules="GLOB"`` scopes by module name instead: the pipeline runs in
place on every module whose name matches, so every instance of it changes.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from circt import ir, rewrite

from ..dialect.errors import ParseError, PassFailedError
from ..dialect.hierarchy import Hierarchy
from ..dialect.opkinds import MODULE_LIKE
from ..dialect.ops import ModuleOp
from ..dialect.statement_ops import ScopeMarkerOp
from .diagnostics import ERROR, CheckFailedError, Diagnostic
from .editors import ModuleEditor
from .edits import Edit, EditResult, apply_edit
from .instance_notes import InstanceNotes
from .pass_kinds import PassKind, why_not_scopable
from .pass_options import NoOptions, TopOptions, option
from .pipeline import LoomStep, PipelineOptions, Step, parse_pipeline, run_pipeline
from .registry import BUILTIN_PASSES, PassRegistry, loom_pass, typed_pass

PatternSpec = (rewrite.FrozenRewritePatternSet | Callable[[rewrite.RewritePatternSet], None]
               | Iterable[tuple])
"""A rewrite-pattern set: frozen, a function that adds patterns to a set, or ``(root, fn[, benefit])`` tuples."""

GREEDY, WALK = "greedy", "walk"


@dataclass
class ScopeResult:
    """What a scoped run did; the counts are what the tests and benchmarks check."""

    pattern: str
    candidates: list[str] = field(default_factory=list)
    """Modules with at least one matched instance (the trial ran once on each)."""
    changed: list[str] = field(default_factory=list)
    """Candidates the pipeline changed (only these get variants)."""
    edit: EditResult | None = None
    """The edit that made the variants (None when nothing changed)."""

    @property
    def created(self) -> list[str]:
        return self.edit.created if self.edit is not None else []


def _step_name(step: Step) -> str:
    return step.info.name if isinstance(step, LoomStep) else ", ".join(step.elements)


def check_scopable(steps: Sequence[Step], where: str) -> None:
    """Refuse a pipeline with a pass whose effect reaches beyond one module (ParseError naming it)."""
    for step in steps:
        if not isinstance(step, LoomStep):
            continue  # CIRCT/MLIR passes are module-local; the run checks that they kept the interface
        reason = why_not_scopable(step.info.kind)
        if reason is not None:
            raise ParseError(f"{where}: pass '{step.info.name}' cannot run on some instances only: {reason}; run it"
                             f" on the whole design instead")


class ModulePipeline:
    """A parsed pipeline run on one module at a time, in a scratch ``builtin.module`` of its own."""

    def __init__(self, steps: list[Step], where: str, registry: PassRegistry = BUILTIN_PASSES):
        check_scopable(steps, where)
        self.steps = steps
        self.where = where
        self.registry = registry
        self.options = PipelineOptions()

    def trial(self, module: ir.OpView) -> bool:
        """Whether the pipeline would change ``module`` (run on a copy; checks report as they would)."""
        with module.context, module.location:
            scratch = ir.Module.create()
            copy = module.operation.clone(ip=ir.InsertionPoint(scratch.body))
            before = copy.get_asm(print_generic_op_form=True)
            self._run(scratch, copy)
            # Text, not Operation.is_structurally_equivalent: that one fails on a graph region's
            # use-before-def even for an untouched copy.
            return copy.get_asm(print_generic_op_form=True) != before

    def run_in_place(self, module: ir.OpView) -> None:
        """Run the pipeline on ``module`` itself: moved into a scratch module for the run, then back."""
        operation = module.operation
        with operation.context, operation.location:
            marker = ir.Operation.create(ScopeMarkerOp.OPERATION_NAME)
            ir.InsertionPoint(operation).insert(marker)
            scratch = ir.Module.create()
            operation.detach_from_parent()
            ir.InsertionPoint(scratch.body).insert(operation)
            try:
                self._run(scratch, operation)
            finally:
                operation.detach_from_parent()
                ir.InsertionPoint(marker).insert(operation)
                marker.erase()

    def _run(self, scratch: ir.Module, module: ir.Operation) -> None:
        name = ModuleOp(module).sym_name
        ports = module.attributes["ports"] if "ports" in module.attributes else None
        run_pipeline(scratch.operation, self.steps, self.options, self.registry)
        modules = [op for op in scratch.body.operations if op.operation.name in MODULE_LIKE]
        kept = len(modules) == 1 and modules[0].operation == module and ModuleOp(module).sym_name == name
        if not kept or (ports is not None and module.attributes["ports"] != ports):
            raise PassFailedError(f"{self.where}: the pipeline changed the interface of '{name}' or the modules around"
                                  f" it, so it cannot run on some instances only; run it on the whole design")


def _with_note(diagnostics: tuple[Diagnostic, ...], note: Diagnostic | None) -> list[Diagnostic]:
    if note is None:
        return list(diagnostics)
    return [Diagnostic(d.severity, d.message, d.location, d.notes + (note,)) if d.severity == ERROR else d
            for d in diagnostics]


def _run_trials(pipeline: ModulePipeline, hier: Hierarchy, candidates: list[str],
                note_for: Callable[[str], Diagnostic | None]) -> list[str]:
    """Trial-run the pipeline on each candidate; collect every check's diagnostics, then fail if any."""
    changed: list[str] = []
    diagnostics: list[Diagnostic] = []
    failed_pass = pipeline.where
    for name in candidates:
        module = hier.modules[name]
        try:
            if pipeline.trial(module):
                changed.append(name)
        except CheckFailedError as error:
            diagnostics.extend(_with_note(error.diagnostics, note_for(name)))
            failed_pass = error.pass_name
    if diagnostics:
        raise CheckFailedError(failed_pass, tuple(diagnostics))
    return changed


def run_scoped(root: ir.Operation, pipeline: str | list[Step], *, on: str | None = None,
               on_modules: str | None = None, top: str | None = None, registry: PassRegistry = BUILTIN_PASSES,
               tag: str = "scoped", where: str = "loom-scope") -> ScopeResult:
    """Run ``pipeline`` on the modules of the instances ``on`` matches, or on the modules named by ``on_modules``.

    ``root`` is the ``builtin.module`` of loom IR. Raises ParseError for a bad
    pattern or an unscopable pass, CheckFailedError with every problem the
    checks in the pipeline found (in matched modules only).
    """
    if (on is None) == (on_modules is None):
        raise TypeError("a scoped run takes exactly one of on=PATTERN or on_modules=GLOB")
    steps = parse_pipeline(pipeline, registry) if isinstance(pipeline, str) else pipeline
    runner = ModulePipeline(steps, where, registry)
    hier = Hierarchy(root, top)
    if on_modules is not None:
        return _run_on_modules(runner, hier, on_modules)
    assert on is not None
    notes = InstanceNotes(root, on, hierarchy=hier)
    result = ScopeResult(on, candidates=[n for n in hier.post_order() if notes.count(n) and _is_loom(hier, n)])
    result.changed = _run_trials(runner, hier, result.candidates,
                                 lambda name: notes.note(name, hier.modules[name]))
    if not result.changed:
        return result
    changed = set(result.changed)

    def edit(editor: ModuleEditor) -> None:
        runner.run_in_place(editor.module)

    result.edit = apply_edit(root, on, Edit(module=edit, tag=tag, applies=lambda name: name in changed),
                             hier.top, hier)
    return result


def _is_loom(hier: Hierarchy, name: str) -> bool:
    return hier.modules[name].operation.name == "loom.module"


def _run_on_modules(runner: ModulePipeline, hier: Hierarchy, glob: str) -> ScopeResult:
    """``on_modules``: every loom module whose name matches ``glob`` changes in place (all its instances)."""
    names = [n for n in hier.modules if fnmatch.fnmatchcase(n, glob) and _is_loom(hier, n)]
    result = ScopeResult(glob, candidates=names)
    result.changed = _run_trials(runner, hier, names, lambda name: None)
    for name in result.changed:
        runner.run_in_place(hier.modules[name])
    return result


# -- rewrite-pattern sets ------------------------------------------------------------------------------


def freeze_patterns(patterns: PatternSpec, context: ir.Context) -> rewrite.FrozenRewritePatternSet:
    """One frozen set from any of the accepted forms (built once, applied to every module it runs on)."""
    if isinstance(patterns, rewrite.FrozenRewritePatternSet):
        return patterns
    if isinstance(patterns, rewrite.RewritePatternSet):
        return patterns.freeze()
    with context:
        builder = rewrite.RewritePatternSet(context)
        if callable(patterns):
            patterns(builder)
        else:
            for entry in cast(Iterable[tuple[Any, ...]], patterns):
                if not isinstance(entry, tuple) or not 2 <= len(entry) <= 3:
                    raise TypeError(f"a rewrite pattern is (root, fn) or (root, fn, benefit), got {entry!r}")
                builder.add(*entry)
        return builder.freeze()


def pattern_step(frozen: rewrite.FrozenRewritePatternSet, driver: str = GREEDY) -> LoomStep:
    """A pipeline step that applies ``frozen`` to each module with the greedy or the walk driver."""
    if driver not in (GREEDY, WALK):
        raise ValueError(f"driver must be {GREEDY!r} or {WALK!r}, got {driver!r}")

    def apply(module: ir.Operation, options: NoOptions) -> None:
        del options
        for op in module.regions[0].blocks[0].operations:
            if driver == GREEDY:
                rewrite.apply_patterns_and_fold_greedily(op.operation, frozen)
            else:
                rewrite.walk_and_apply_patterns(op.operation, frozen)

    name = f"rewrite-patterns-{driver}"
    info = typed_pass(name, apply, kind=PassKind.MODULE, summary=f"user rewrite patterns ({driver} driver)")
    return LoomStep(info, NoOptions(), name)


def rewrite_scoped(root: ir.Operation, pattern: str, patterns: PatternSpec, *, driver: str = GREEDY,
                   top: str | None = None) -> ScopeResult:
    """Apply a rewrite-pattern set to the modules of the instances ``pattern`` matches (variants as needed)."""
    step = pattern_step(freeze_patterns(patterns, root.context), driver)
    return run_scoped(root, [step], on=pattern, top=top, tag="rewritten", where="rewrite")


# -- the pass ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ScopeOptions(TopOptions):
    """The options of ``loom-scope``."""

    pipeline: str = option(help="the pipeline to run, quoted: pipeline=\"remove-assertion, canonicalize\"")
    path: str | None = option(None, help="path pattern of the instances (or give modules=)")
    modules: str | None = option(None, help="glob of the module names (or give path=)")


@loom_pass("loom-scope", kind=PassKind.DESIGN,
           summary="Run a pipeline only on the modules of the instances path= matches (or the modules modules= names)",
           options=ScopeOptions)
def run_scope_pass(module: ir.Operation, options: ScopeOptions) -> None:
    """``loom-scope{path=PATTERN | modules=GLOB  pipeline="..."  top=NAME}``: a pipeline on some instances."""
    if (options.path is None) == (options.modules is None):
        raise ParseError("loom-scope: give exactly one of path=PATTERN or modules=GLOB")
    if options.path is not None:
        run_scoped(module, options.pipeline, on=options.path, top=options.top)
    else:
        run_scoped(module, options.pipeline, on_modules=options.modules, top=options.top)
