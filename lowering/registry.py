"""The pass registry: loom passes by name, loaded lazily.

A loom pass is a Python callable ``fn(module, options) -> None`` over a
``builtin.module`` op; ``options`` are the ``{key=value ...}`` of the
pipeline text. It reports problems by raising a ``LoomError`` (or emitting
MLIR diagnostics and raising ``PassFailedError``). Passes are registered as
``name -> loader`` so a tool start imports only the passes it runs.
Names are kebab-case (MLIR convention); the snake_case spelling is accepted
everywhere a name is looked up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from circt import ir

PassFn = Callable[[ir.Operation, dict[str, str]], None]


@dataclass
class PassInfo:
    """A registered pass: its kebab-case name, a one-line summary, and how to load it."""

    name: str
    summary: str
    loader: Callable[[], PassFn]
    _fn: PassFn | None = field(default=None, repr=False)
    options: tuple[str, ...] | None = None
    """The option names the pass accepts; None: not declared, anything is passed through."""
    options_class: type | None = None
    """A dataclass of typed options (``pass_options.py``); values are checked when a pipeline is parsed."""
    origin: str | None = None
    """``file:line:col`` of a user pass's definition, to say where a name was registered first."""
    builtin: bool = False
    """One of loom's own passes: tested to leave valid IR, so pipelines verify once at their end instead of
    after it (user passes are verified after each run)."""

    def load(self) -> PassFn:
        if self._fn is None:
            self._fn = self.loader()
        return self._fn


def canonical_name(name: str) -> str:
    """``fix_assignment_type`` and ``fix-assignment-type`` name the same pass."""
    return name.strip().replace("_", "-")


class PassRegistry:
    """Name -> PassInfo; a registry can be copied so a PassManager can add its own passes."""

    def __init__(self, passes: dict[str, PassInfo] | None = None):
        self._passes: dict[str, PassInfo] = dict(passes or {})

    def register(self, name: str, fn: PassFn | None = None, summary: str = "",
                 loader: Callable[[], PassFn] | None = None, options: tuple[str, ...] | None = None) -> None:
        """Register ``fn`` (or a lazy ``loader``) under ``name``; re-registering replaces it.

        ``options`` lists the accepted option names so that a misspelt option
        is an error instead of being ignored.
        """
        if (fn is None) == (loader is None):
            raise TypeError("register() needs exactly one of fn= or loader=")
        key = canonical_name(name)
        if fn is not None:
            if not summary and fn.__doc__:
                summary = fn.__doc__.strip().splitlines()[0]
            self._passes[key] = PassInfo(key, summary, lambda: fn, fn, options)
        else:
            assert loader is not None
            self._passes[key] = PassInfo(key, summary, loader, options=options)

    def add(self, info: PassInfo) -> None:
        """Register a complete ``PassInfo`` under its name; re-registering replaces it."""
        self._passes[canonical_name(info.name)] = info

    def unregister(self, name: str) -> None:
        """Remove a pass (KeyError if it is not registered)."""
        del self._passes[canonical_name(name)]

    def lookup(self, name: str) -> PassInfo | None:
        return self._passes.get(canonical_name(name))

    def __contains__(self, name: str) -> bool:
        return canonical_name(name) in self._passes

    def infos(self) -> list[PassInfo]:
        return sorted(self._passes.values(), key=lambda info: info.name)

    def copy(self) -> "PassRegistry":
        return PassRegistry(self._passes)


def _lazy(module: str, attribute: str) -> Callable[[], PassFn]:
    def load() -> PassFn:
        return getattr(importlib.import_module(module, __package__), attribute)

    return load


BUILTIN_PASSES = PassRegistry()
"""Every built-in loom pass, pre-registered by name."""

PassEntry = tuple[str, str, str, tuple[str, ...], str]
"""(name, module relative to this package, attribute, option names, one-line summary)."""

# One table per area of the pass library, so each area's passes are listed together.
_FOUNDATION: tuple[PassEntry, ...] = (
    ("loom-verify", ".verify_pass", "run", (), "Check the invariants of loom ops (fails on the first broken module)"),
    ("loom-specialize", ".specialize", "run", ("keep-parameters", "top"),
     "Make one module per distinct structural parameter values; drop ports whose condition is false"),
    ("lower-loom-to-hw", ".lower_loom_to_hw", "run", (),
     "Convert loom.module/loom.instance to hw.module/hw.instance"),
    ("loom-strip-unused-modules", ".strip_unused", "run", ("top",),
     "Erase modules that are neither instantiated nor the top"),
)

# Procedural blocks (always_comb / always_ff) and assignment kinds.
_PROCEDURAL: tuple[PassEntry, ...] = (
    ("fix-assignment-type", ".fix_assignment_type", "run", (),
     "Make each undefined loom.assign blocking, non-blocking or continuous by where it is placed"),
    ("check-function-return", ".check_function_return", "run", (),
     "Report missing returns, unreachable code after return and value-less returns in hardware functions"),
    ("inline-functions", ".inline_functions", "run", (),
     "Inline hardware functions (loom.func): each loom.return assigns the function's result"),
    ("guard-assertions", ".guard_assertions", "run", (),
     "Wrap immediate assertions in `ifndef SYNTHESIS (after lower-loom-to-hw)"),
    ("lower-dpi-calls", ".lower_dpi_calls", "run", (),
     "Turn loom.dpi_call into DPI-C imports and sv.func.call.procedural (after lower-loom-to-hw)"),
    ("lower-interface-instances", ".lower_interface_instances", "run", (),
     "Turn loom.interface_* into sv.interface.instance and its signal reads and assigns (after lower-loom-to-hw)"),
)

# Structs, arrays, enums, port bundles, memories and FSMs.
_DATA_TYPES: tuple[PassEntry, ...] = (
    ("reference-unused-parameters", ".reference_unused_parameters", "run", (),
     "Give each module parameter nothing reads a `_unused_<P>` localparam reading it (lint-clean kept parameters)"),
    ("lower-data-types", ".lower_data_types", "run", (),
     "Enum localparams to sv.localparam, hw.struct_create to a cast concatenation (after lower-loom-to-hw)"),
    ("change-port-bundle-struct", ".port_bundles", "run", (),
     "Automatically change the port bundle into packed struct whenever possible (all fields one direction)"),
    ("realize-fsm", ".realize_fsm", "run", (),
     "Realize finite state machine into more basic primitives (state register, always_ff, always_comb case)"),
    ("extract-struct-info", ".struct_info", "run", ("file",),
     "Extract packed struct information: the struct definitions and struct-typed ports as JSON (file=PATH)"),
)

# Generator clones: structural hashing and unique names.
_CLONES: tuple[PassEntry, ...] = (
    ("hash-generators", ".hash_generators", "run", (),
     "Annotate every loom.module with structural_hash, a digest of its structure (names excluded)"),
    ("uniquify-generators", ".uniquify_generators", "run", (),
     "Merge structurally equal modules of one generator; name the different ones G, G_1, G_2, ..."),
)

# Per-instance edits addressed by path patterns.
_HIERARCHY: tuple[PassEntry, ...] = (
    ("loom-set-parameter", ".edit_passes", "run_set_parameter", ("path", "name", "value", "top"),
     "Set a parameter of the instances a path pattern matches (module variants only where needed)"),
    ("loom-set-attribute", ".edit_passes", "run_set_attribute", ("path", "name", "value", "top"),
     "Set a generator attribute on the modules of the instances a path pattern matches"),
    ("loom-tie-output", ".edit_passes", "run_tie_output", ("path", "port", "value", "top"),
     "Replace the logic driving an output of the matched instances by a constant"),
    ("loom-expose", ".edit_passes", "run_expose", ("path", "signal", "port", "punch", "top"),
     "Add an output port driven by a named signal to the matched instances' modules, routed up to the top"),
    ("loom-remove-instance", ".edit_passes", "run_remove_instance", ("path", "top"),
     "Remove the instances a path pattern matches (their outputs read as zero)"),
    ("loom-inline", ".inline", "run", ("path", "top"),
     "Inline the instances a path pattern matches into their parents"),
    ("loom-duplicate", ".duplicate", "run", ("path", "top"),
     "Give the instance at an exact path lone copies of its module and the modules above it"),
    ("loom-dedup", ".merge", "run_dedup", ("top",), "Merge structurally equal modules (hash, then text equality)"),
    ("loom-parameterize-constants", ".merge", "run_parameterize", ("top",),
     "Merge modules that differ only in constants into one module with a parameter per constant"),
    ("loom-rename-module", ".rename", "run", ("from", "to"), "Rename a loom module and the instances of it"),
    ("loom-annotate", ".metadata", "run_annotate", ("path", "module", "key", "value", "top"),
     "Attach metadata to the instances a path pattern matches (a loom.annotate op; no module is copied)"),
    ("loom-export-metadata", ".metadata", "run", ("file", "limit", "top"),
     "Resolve loom.annotate ops into hw.hierpath ops and a JSON side file, then remove them"),
    ("loom-scope", ".scoping", "run_scope_pass", ("path", "modules", "pipeline", "top"),
     "Run a pipeline only on the modules of the instances path= matches (or the modules modules= names)"),
)

# kratos passes over module structure and hierarchy.
_KRATOS_STRUCTURE: tuple[PassEntry, ...] = (
    ("verify-generator-connectivity", ".verify_generator_connectivity", "run", (),
     "Check that every instance input is connected and no variable floats (stops the pipeline)"),
    ("create-module-instantiation", ".create_module_instantiation", "run", (),
     "Put instance connections in the target's port order, with a result for every output"),
    ("zero-out-stubs", ".zero_out_stubs", "run", (), "Drive the outputs of stub generators with 0"),
    ("zero-generator-inputs", ".zero_generator_inputs", "run", (),
     "Tie the open inputs of the children of `zero_inputs` generators to 0 (one level down)"),
    ("remove-pass-through-modules", ".remove_pass_through_modules", "run", (),
     "Remove instances of modules that only wire inputs to outputs"),
    ("insert-pipeline-stages", ".insert_pipeline_stages", "run", ("stages", "clock"),
     "Add `pipeline` register stages on the outputs of generators with that attribute"),
    ("dead-code-elimination", ".dead_code_elimination", "run", ("top",),
     "Remove ports, instances, registers and logic that reach no output (kratos aggressive DCE)"),
    ("auto-insert-clock-enable", ".auto_insert_clock_enable", "run", ("top", "port"),
     "Gate every register under the top with its clock enable (skips `dont_touch` generators)"),
    ("name-unused-instance-outputs", ".name_unused_outputs", "run", (),
     "Connect every unread child instance output to a wire `<instance>_<port>_unused` (verilator -Wall clean)"),
    ("decouple-generator-ports", ".decouple_generator_ports", "run", (),
     "Give instance connections that are expressions or fan out a named wire `<instance>_<port>`"),
    ("generate-verilog", ".generate_verilog", "run", ("out-dir",),
     "Write SystemVerilog with ExportVerilog: one file per module into out-dir, or to stdout"),
    ("extract-debug-info", ".extract_debug_info", "run", ("output", "top"),
     "Write a JSON map from SystemVerilog lines to Python source lines (and back)"),
)

# kratos check_* passes: report diagnostics at the user's line and stop the pipeline.
_KRATOS_CHECKS: tuple[PassEntry, ...] = (
    ("check-mixed-assignment", ".checks.mixed_assignment", "run", (),
     "Report variables assigned with mixed blocking, non-blocking and continuous assignments"),
    ("check-non-synthesizable-content", ".checks.non_synthesizable", "run", (),
     "Report $display/$fwrite, $finish, initial blocks, DPI calls and unguarded assertions"),
    ("check-inferred-latch", ".checks.inferred_latch", "run", (),
     "Report always_comb variables not assigned on every path, and flops assigned only on reset"),
    ("check-always-sensitivity", ".checks.always_sensitivity", "run", (),
     "Allow only clocks and declared asynchronous resets in sensitivity lists"),
    ("check-multiple-driver", ".checks.multiple_driver", "run", (),
     "Report variable bits driven by more than one process"),
    ("check-flip-flop-always-ff", ".checks.flip_flop_always_ff", "run", (),
     "Check always_ff blocks are synthesizable flip-flops (non-blocking, reset tested first, ELAB-302)"),
    ("check-combinational-loop", ".checks.combinational_loop", "run", (),
     "Report signals that depend on themselves without a register in between (one summary per module)"),
    ("loom-checks", ".checks.runner", "run_all", ("skip",),
     "Run every check-* pass on one walk of each module and report all problems (skip=a,b leaves some out)"),
)

# kratos statement-level clean-ups and rewrites.
_KRATOS_REWRITES: tuple[PassEntry, ...] = (
    ("transform-if-to-case", ".rewrites.transform_if_to_case", "run", (),
     "Turn if/elif chains comparing one subject with distinct constants into sv.case with default"),
    ("remove-unused-vars", ".rewrites.remove_unused_vars", "run", (),
     "Remove variables that are neither driven nor read (artifacts of other passes)"),
    ("remove-unused-stmts", ".rewrites.remove_unused_stmts", "run", (),
     "Remove empty procedural blocks and empty if/case statements"),
    ("sort-stmts", ".rewrites.sort_stmts", "run", (),
     "Order module statements: assignments, instances, combinational, then sequential logic"),
    ("merge-wire-assignments", ".rewrites.merge_wire_assignments", "run", (),
     "Merge assignments to adjacent slices of a variable into one (a bit reversal stays one)"),
    ("remove-fanout-one-wires", ".rewrites.remove_fanout_one_wires", "run", (),
     "Remove wires whose single reader copies them into another variable or an output"),
    ("remove-assertion", ".rewrites.remove_assertion", "run", (),
     "Remove assert/assume/cover statements and the logic that only feeds them"),
    ("inject-assert-fail-exception", ".rewrites.inject_assert_fail_exception", "run", (),
     "Make a failing immediate assertion stop the simulation ($fatal) or call a DPI-C hook"),
    ("inject-debug-break-points", ".rewrites.inject_debug_break_points", "run", (),
     "Add a breakpoint hook (DPI-C call or trace line, under `ifdef) before each procedural statement"),
)

for _table in (_FOUNDATION, _PROCEDURAL, _DATA_TYPES, _CLONES, _HIERARCHY, _KRATOS_STRUCTURE, _KRATOS_CHECKS,
               _KRATOS_REWRITES):
    for _name, _module, _attribute, _options, _summary in _table:
        BUILTIN_PASSES.register(_name, summary=_summary, loader=_lazy(_module, _attribute), options=_options)
        BUILTIN_PASSES.lookup(_name).builtin = True  # type: ignore[union-attr]

