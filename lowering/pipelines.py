"""Every pass pipeline loom runs, defined once, as data: which passes, in which order, with which options.

``pipeline(...)`` builds them all from its options: the default kratos passes
(what ``loom.verilog``, ``VerilogModule`` and ``loom build`` run on the loom IR
first), the lowering loom IR -> hw (with the top's name and
``keep_parameters``) and the CIRCT clean-up before ExportVerilog. The named
pipelines of ``loom-opt`` and ``Design.run`` (``PIPELINES``) are renderings
of the same lists, so a pass added here
reaches every entry point. How a pipeline runs (loom passes as Python, the
rest through MLIR's PassManager) is ``pipeline.py``'s job; this module holds no
IR and imports nothing of loom, so every layer can read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_PIPELINE: tuple[str, ...] = (
    # kratos's order (its `verilog` function), for the passes that exist in loom.
    # Owners add their passes here, one per line. Passes that only act when a
    # generator asks for them (attributes, stubs) are cheap no-ops otherwise.
    # Not here, on purpose: remove-pass-through-modules and dead-code-elimination
    # change the hierarchy and ports a user wrote (kratos has flags for them too),
    # decouple-generator-ports only renames the wires ExportVerilog declares anyway,
    # auto-insert-clock-enable changes every child's interface; create-module-instantiation
    # has nothing to do on frontend output (add_child writes each loom.instance complete, in
    # port order) and would cost a read of every instance.
    "fix-assignment-type",  # procedural: before any pass that reads assignments
    "check-function-return",
    "inline-functions",
    "transform-if-to-case",
    "zero-out-stubs",
    "remove-fanout-one-wires",
    "zero-generator-inputs",
    "verify-generator-connectivity",
    "remove-unused-vars",
    "remove-unused-stmts",
    "merge-wire-assignments",
    "insert-pipeline-stages",
    # The check-* passes in one walk of each module; every problem is reported, then the pipeline stops.
    # check-non-synthesizable-content is not a default in kratos either (assert_/display are wanted in
    # simulation); add it with passes="check-non-synthesizable-content".
    "loom-checks{skip=check-non-synthesizable-content}",
)
"""The kratos passes ``loom.verilog()`` runs on the loom IR before lowering it, one pipeline element each
(an element may carry options in MLIR's ``{key=value}`` form)."""

PROCEDURAL_LOWERING: tuple[str, ...] = ("fix-assignment-type", "check-function-return", "inline-functions")
"""The procedural passes every lowering runs first (docs/procedural.md): loom.assign -> sv assignments,
hardware functions checked and inlined."""

CLEANUP: tuple[str, ...] = (
    # lower-data-types comes after canonicalize, which would fold its cast concatenations back into struct
    # assignment patterns that Icarus cannot parse. reference-unused-parameters, name-unused-instance-outputs
    # and name-inputs-optimized-away after every canonicalize: one after them would remove their localparams
    # and wires again. guard-assertions, lower-dpi-calls and lower-interface-instances need hw.module bodies
    # (SYNTHESIS, DPI imports and interfaces are symbols). fold-constant-comparisons and
    # narrow-partly-read-values keep the SystemVerilog verilator -Wall clean (CMPCONST, UNSIGNED, partly read
    # temporaries); they fold their own results, so no canonicalize follows. fold-constant-comparisons also
    # runs before canonicalize, which then removes the branches and mux inputs its constants make dead.
    # write-comb-variables-once keeps always_comb blocks from looping in Icarus (docs/ir-conventions.md);
    # wire-unpacked-element-sources keeps ExportVerilog from reading a value back from an unpacked array
    # element (UNOPTFLAT). record-read-inputs before
    # canonicalize and name-inputs-optimized-away after it keep an input the design reads from turning unread
    # (a register folded into its constant reset value leaves its reset unread).
    "lower-dpi-calls", "lower-interface-instances", "record-read-inputs", "fold-constant-comparisons",
    "canonicalize", "cse",
    "lower-seq-to-sv{disable-reg-randomization=true}", "hw.module(prettify-verilog)", "lower-data-types",
    "fold-constant-comparisons", "narrow-partly-read-values", "write-comb-variables-once",
    "wire-unpacked-element-sources",
    "reference-unused-parameters", "name-unused-instance-outputs", "name-inputs-optimized-away", "guard-assertions",
)
"""The CIRCT clean-up before ExportVerilog."""

LOOP_FREE_CANONICALIZE = "canonicalize{region-simplify=disabled}"
"""The clean-up's ``canonicalize`` for a design that check-combinational-loop has just found free of loops.

After each sweep, ``canonicalize`` simplifies regions: it erases unreachable blocks, merges blocks and runs a
liveness analysis of every op (region DCE). Every region of the lowered IR has one block, and the sweep itself
erases each unread side-effect-free op and then what only that op read, so what region DCE adds is unread
cycles of side-effect-free ops: combinational loops, and loops through a side-effect-free register
(``opkinds.SIDE_EFFECT_FREE_REGISTERS``), which the check lets pass. Where the check ran last before the
lowering and the design holds no such register (the lowering makes no loop and no such register), there are
none and the analysis has nothing to do: 10,000 modules, 0.02 s of 0.14 s. Elsewhere (the check skipped, a pass
after it, such a register, ``loom-opt``'s ``cleanup``) ``canonicalize`` keeps it: an unread loop is removed, as
it always was."""


@dataclass(frozen=True)
class PassSpec:
    """One pipeline element: a pass name and option values kept as data.

    A value such as the top's name comes from the user; ``pipeline.steps_of``
    hands it to the pass as a value instead of pasting it into pipeline text,
    where it could change the pipeline's meaning.
    """

    name: str
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The element as pipeline text (named pipelines, IR dump headers)."""
        shown = " ".join(f"{key}={value}" for key, value in self.options.items())
        return f"{self.name}{{{shown}}}" if shown else self.name


def _spec(element: str) -> PassSpec:
    """``name{a=1 b=2}`` (an element of the tuples above; option values without spaces) as a PassSpec."""
    name, _, options = element.partition("{")
    return PassSpec(name, dict(item.split("=", 1) for item in options.rstrip("}").split()))


def pipeline(*, kratos: bool = False, lower: bool = False, cleanup: bool = False, top: str | None = None,
             keep_parameters: bool = False, loop_free: bool = False) -> list[PassSpec]:
    """The passes of the chosen parts, in order: kratos passes, lowering to hw, clean-up.

    ``top`` (the top module's name) and ``keep_parameters`` configure the
    lowering: without ``top`` the passes find the top themselves, as the named
    pipelines of ``loom-opt`` do. ``loop_free``: check-combinational-loop ran last on the design, which holds
    no side-effect-free register, so the clean-up's ``canonicalize`` is ``LOOP_FREE_CANONICALIZE``.
    """
    at_top = {} if top is None else {"top": top}
    specs = [_spec(element) for element in DEFAULT_PIPELINE] if kratos else []
    if lower:
        specialize = {**at_top, **({"keep-parameters": "true"} if keep_parameters else {})}
        specs += [*(PassSpec(name) for name in PROCEDURAL_LOWERING), PassSpec("loom-verify"),
                  PassSpec("realize-fsm"), PassSpec("loom-specialize-to-hw", specialize)]
    if cleanup:
        specs += [_spec(LOOP_FREE_CANONICALIZE if loop_free and element == "canonicalize" else element)
                  for element in CLEANUP]
    return specs


def pipeline_text(specs: list[PassSpec]) -> str:
    """``specs`` as one pipeline string (for specs without user-given option values)."""
    return ", ".join(spec.text for spec in specs)


PIPELINES: dict[str, str] = {
    # loom IR -> hw/comb/seq with one hw.module per distinct parameter values.
    "lower-to-hw": pipeline_text(pipeline(lower=True)),
    # Same, but keep SystemVerilog parameters wherever the ports allow it.
    "lower-to-hw-keep-parameters": pipeline_text(pipeline(lower=True, keep_parameters=True)),
    "cleanup": pipeline_text(pipeline(cleanup=True)),
}
"""The named pipelines every pipeline string may use (``loom-opt``, ``Design.run``, ``passes=``)."""
