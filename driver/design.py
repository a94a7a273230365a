"""``loom.Design``: per-instance edits, queries and metadata on an elaborated design, from Python.

::

    design = loom.Design(Top())                       # elaborates once
    design.tie_output("*.c1.c2", "o", 0)              # only the 2nd and 6th leaf change
    design.edit("cpu[0]", lambda m: m.add_output("dbg", m.signal("pc")))
    design.count("c1.**", module="D3")                # 4, without visiting 4 instances
    design.annotate("c1.**", floorplan="left")         # metadata in the IR, no module copied
    design.emit("out/")                               # .sv files + metadata.json

Edits work on the elaborated loom IR (after the generators have run, before
specialisation), so they see exactly the modules and instances the
generators made, and each one copies only the modules on matched paths
(``edits.py``). Patterns are described in docs/path-patterns.md. ``verilog``
and ``emit`` lower a copy, so a design can be edited further and emitted
again.
"""

from __future__ import annotations

import os
from pathlib import Path

from circt import ir

from ..dialect.annotate import annotate
from ..dialect.context import location_text, module_bytes, new_context, parse_module_bytes
from ..dialect.errors import UsageError, VerifyError
from ..dialect.hierarchy import Hierarchy
from ..dialect.names import check_name, did_you_mean
from ..dialect.paths import Pattern
from ..dialect.printing import print_ir
from ..dialect.verify import Verifier
from ..frontend.emit import elaborate
from ..frontend.generator import Generator
from ..lowering import edit_passes
from ..lowering.duplicate import duplicate
from ..lowering.editors import InstanceEdit, InstanceEditor, ModuleEdit
from ..lowering.edits import Edit, EditResult, apply_edit
from ..lowering.export import BackendOptions, export_sources, export_split, lower
from ..lowering.inline import inline
from ..lowering.merge import MergeReport, deduplicate, parameterize_constants
from ..lowering.metadata import annotate_path, export
from ..lowering.module_tree import ModuleTree
from ..lowering.pipeline import loom_step, parse_pipeline, run_pipeline
from ..lowering.queries import InstancePath, Mixed, Queries
from ..lowering.rename import rename_module
from ..lowering.scoping import PatternSpec, ScopeResult, rewrite_scoped, run_scoped
from .user_calls import at_user_call, warn_at_user_call


def _require(condition: bool, message: str) -> None:
    """A UsageError (located at the user's call by ``at_user_call``) unless ``condition`` holds."""
    if not condition:
        raise UsageError(message)


class Design:
    """An elaborated design (one ``builtin.module`` of loom IR) and its top module's name."""

    def __init__(self, top: Generator | ir.Module, top_name: str | None = None):
        self.variants: dict[str, str] = {}
        """Modules made by edits -> the module each was copied from (``hierarchy()`` marks them)."""
        self.generator: Generator | None = None  # the top generator, when built from one (loom.sim reads its ports)
        if isinstance(top, ir.Module):
            self.module = top
            with top.context:
                self.top = top_name or Hierarchy(top.operation).top
        else:
            self.module, self.top = elaborate(top, new_context())
            self.generator = top
        self.context = self.module.context

    # -- looking at it -------------------------------------------------------------------------------

    def _graph(self) -> Hierarchy:
        with self.context:
            return Hierarchy(self.module.operation, self.top)

    def hierarchy(self) -> ModuleTree:
        """The module tree with instance counts (``print`` it), edited variants marked; see ``module_tree.py``."""
        with self.context:
            return ModuleTree(self._graph(), self.variants)

    @property
    def modules(self) -> list[str]:
        """Names of the module definitions, in IR order."""
        return list(self._graph().modules)

    def queries(self) -> Queries:
        return Queries(self.module.operation, hierarchy=self._graph())

    @at_user_call
    def count(self, pattern: str = "**", module: str | None = None) -> int:
        """How many elaborated instances the pattern matches (of ``module`` if given); memoised, never enumerated."""
        with self.context:
            return self.queries().count(pattern, module)

    @at_user_call
    def paths(self, pattern: str, module: str | None = None, limit: int = 1000) -> list[str]:
        """The paths the pattern matches, at most ``limit`` of them (TooManyPaths beyond)."""
        with self.context:
            return [p.path for p in self.instance_paths(pattern, module, limit)]

    @at_user_call
    def instance_paths(self, pattern: str, module: str | None = None, limit: int = 1000) -> list[InstancePath]:
        with self.context:
            return self.queries().paths(pattern, module, limit)

    @at_user_call
    def mixed(self, pattern: str) -> dict[str, Mixed]:
        """Modules some of whose instances the pattern matches and some not."""
        with self.context:
            return self.queries().mixed(pattern)

    def __str__(self) -> str:
        """The loom IR, ports and instances named as in the generators (``loom.ir(design)``)."""
        return print_ir(self.module.operation)

    # -- changing it ---------------------------------------------------------------------------------

    def _apply(self, pattern: str, edit: Edit, verify: bool = False) -> EditResult:
        """Apply an edit; ``verify`` checks the modules it made (user callbacks can break invariants)."""
        _require(isinstance(pattern, (str, Pattern)), f"a path pattern must be a string, got {pattern!r}")
        with self.context:
            result = apply_edit(self.module.operation, pattern, edit, self.top)
            self._record_variants(result)
            if not result.matched:
                warn_at_user_call(f"path pattern '{pattern}' matches no instance; nothing was changed")
            if verify:
                changed = set(result.created) | set(result.renamed.values())
                verifier = Verifier(self.module.operation)
                for name in changed:
                    module = verifier.symbols.loom_module(name)
                    if module is not None:
                        verifier.verify_module(module)
                if verifier.problems:
                    first = verifier.problems[0]
                    raise VerifyError(f"after edit '{pattern}': {first.message}", location_text(first.location))
        return result

    def _record_variants(self, result: EditResult) -> None:
        """Remember which modules edits made (and from what), for ``hierarchy()``."""
        made = set(result.created) | set(result.renamed.values())
        for (origin, _state), module in result.variants.items():
            if module in made:
                self.variants[module] = self.variants.get(origin, origin)
        for name in result.erased:
            if name not in made:
                self.variants.pop(name, None)

    @at_user_call
    def edit(self, pattern: str, module: ModuleEdit | None = None, *,
             instance: InstanceEdit | None = None, tag: str = "edit", merge: bool = True,
             verify: bool = True) -> EditResult:
        """Apply ``module(ModuleEditor)`` to the module of every matched instance and/or
        ``instance(InstanceEditor)`` to every matched instance op; variants only where needed.

        The callbacks run once per (module, automaton state) variant, not once
        per elaborated instance. New ops go at ``editor.insertion_point`` and
        ``editor.location`` (both usable as context managers). ``verify``
        runs the loom verifier on the modules the edit made (the lowering
        pipeline verifies everything again anyway).
        """
        _require(module is not None or instance is not None, "edit() needs a module= or an instance= callback")
        for callback in (module, instance):
            _require(callback is None or callable(callback), f"an edit callback must be callable, got {callback!r}")
        return self._apply(pattern, Edit(module, instance, tag, merge), verify)

    @at_user_call
    def set_parameter(self, pattern: str, **values: int) -> EditResult:
        """Set parameters (or identity parameters) on the matched instances."""
        _require(bool(values), "set_parameter() needs at least one NAME=value")
        for name, value in values.items():
            _require(isinstance(value, int) and not isinstance(value, bool),
                     f"parameter {name}= must be an int, got {value!r}")

        def edit(inst: InstanceEditor) -> None:
            for name, value in values.items():
                inst.set_parameter(name, value)

        tag = "_".join(f"{k}_{v}" for k, v in values.items())
        return self._apply(pattern, Edit(instance=edit, tag=tag), verify=True)

    @at_user_call
    def set_attribute(self, pattern: str, key: str, value: str) -> EditResult:
        """Set generator attribute ``key`` (read by passes, see ``Generator.add_attribute``) on the matched modules."""
        _require(isinstance(key, str) and bool(key), f"an attribute key must be a non-empty string, got {key!r}")
        _require(isinstance(value, str), f"value of attribute '{key}' must be a string, got {value!r} (use str(...))")
        return self._apply(pattern, edit_passes.set_attribute(key, value))

    @at_user_call
    def tie_output(self, pattern: str, port: str, value: int) -> EditResult:
        """Drive output ``port`` of the matched instances' modules with ``value``; it must fit the port's width."""
        _require(isinstance(port, str), f"the port to tie must be named by a string, got {port!r}")
        _require(isinstance(value, int) and not isinstance(value, bool), f"tie_output() value must be an int, got"
                 f" {value!r}")
        return self._apply(pattern, edit_passes.tie_output(port, value))

    @at_user_call
    def expose(self, pattern: str, signal: str, port: str | None = None, punch: bool = True) -> EditResult:
        """Observe a named signal of the matched instances: a new output port, routed up to the top by default."""
        _require(isinstance(signal, str), f"the signal to expose must be named by a string, got {signal!r}")
        problem = check_name(port or signal, "exposed port name")
        _require(problem is None, problem or "")
        return self._apply(pattern, edit_passes.expose(signal, port, punch))

    @at_user_call
    def remove_instances(self, pattern: str) -> EditResult:
        return self._apply(pattern, edit_passes.remove_instance())

    @at_user_call
    def inline(self, pattern: str) -> EditResult:
        """Dissolve the matched instances into their parents (their modules must have no parameters)."""
        return self._apply(pattern, inline())

    @at_user_call
    def duplicate(self, path: str) -> EditResult:
        """Give the instance at an exact path a lone copy of its module and of the modules above it."""
        with self.context:
            return duplicate(self.module.operation, path, self.top)

    @at_user_call
    def dedup(self) -> MergeReport:
        with self.context:
            return deduplicate(self.module.operation, self.top)

    @at_user_call
    def parameterize_constants(self) -> MergeReport:
        """Merge modules that differ only in constants into one module with parameters."""
        with self.context:
            return parameterize_constants(self.module.operation, self.top)

    @at_user_call
    def rename_module(self, old: str, new: str) -> None:
        problem = check_name(new, "new module name")
        _require(problem is None, problem or "")
        with self.context:
            rename_module(self.module.operation, old, new)
        if old == self.top:
            self.top = new

    @at_user_call
    def annotate(self, pattern: str | None = None, *, module: str | None = None, **data: object) -> None:
        """Attach ``data`` to the instances ``pattern`` matches, or to every instance of ``module``.

        Stored as a ``loom.annotate`` op; no module is copied. ``emit`` writes
        the resolved paths to ``metadata.json`` and CIRCT gets ``hw.hierpath``s.
        """
        _require((pattern is None) != (module is None), "annotate() takes a path pattern or module=NAME")
        with self.context:
            if pattern is not None:
                annotate_path(self.module.operation, pattern, dict(data), self.top)
                return
            found = self._graph().modules.get(module or "")
            if found is None or found.operation.name != "loom.module":
                known = [name for name, op in self._graph().modules.items() if op.operation.name == "loom.module"]
                raise UsageError(f"no loom.module named {module!r}{did_you_mean(str(module), known)}")
            annotate(found, dict(data))  # type: ignore[arg-type]

    @at_user_call
    def run(self, pipeline: str, *, on: str | None = None, on_modules: str | None = None) -> ScopeResult | None:
        """Run a pass pipeline (loom, kratos, CIRCT and user pass names) on the design in place.

        ``on="PATTERN"`` runs it only on the modules of the instances the path
        pattern matches, making variants only of the modules it changes;
        ``on_modules="GLOB"`` runs it on the modules whose names match (every
        instance of them changes). Scoped runs accept only passes whose effect
        stays inside one module (docs/hierarchy.md, "Passes on some instances").
        """
        with self.context:
            if on is None and on_modules is None:
                run_pipeline(self.module.operation, pipeline)
                return None
            return run_scoped(self.module.operation, pipeline, on=on, on_modules=on_modules, top=self.top)

    @at_user_call
    def rewrite(self, pattern: str, patterns: PatternSpec, *, driver: str = "greedy") -> ScopeResult:
        """Apply a set of MLIR rewrite patterns (``circt.rewrite``) to the instances ``pattern`` matches.

        ``patterns``: ``(root, fn[, benefit])`` tuples, a function that adds
        patterns to a ``RewritePatternSet``, or a (frozen) set; ``driver`` is
        ``"greedy"`` (apply and fold to a fixed point) or ``"walk"`` (one walk).
        """
        with self.context:
            return rewrite_scoped(self.module.operation, pattern, patterns, driver=driver, top=self.top)

    # -- emitting it ---------------------------------------------------------------------------------

    def copy(self) -> Design:
        """An independent copy (in a new context)."""
        data = module_bytes(self.module)
        context = new_context()
        with context:
            copy = Design(parse_module_bytes(data, context), self.top)
        copy.variants, copy.generator = dict(self.variants), self.generator
        return copy

    def _lowered(self, options: BackendOptions) -> ir.Module:
        copy = self.copy()
        lower(copy.module, copy.top, options)
        return copy.module

    def metadata(self) -> dict[str, object]:
        """The JSON document ``emit`` would write as ``metadata.json`` (on a specialised copy)."""
        copy = self.copy()
        with copy.context:
            run_pipeline(copy.module.operation, [*parse_pipeline("loom-verify"), loom_step("loom-specialize",
                                                                                               top=copy.top)])
            return export(copy.module.operation, copy.top)

    def verilog(self, *, keep_parameters: bool = False, emit_locations: bool = True) -> dict[str, str]:
        """SystemVerilog of every module, keyed by module name."""
        module = self._lowered(BackendOptions(keep_parameters, emit_locations))
        return export_sources(module)

    def emit(self, out_dir: str | os.PathLike[str], *, keep_parameters: bool = False,
             emit_locations: bool = True) -> list[Path]:
        """One ``.sv`` per module, ``filelist.f`` and, when there is metadata, ``metadata.json``."""
        directory = Path(out_dir)
        module = self._lowered(BackendOptions(keep_parameters, emit_locations))
        files = export_split(module, directory)
        with module.context:
            attrs = module.operation.attributes
            if "loom.metadata" in attrs:
                (directory / "metadata.json").write_text(ir.StringAttr(attrs["loom.metadata"]).value + "\n")
        return files
