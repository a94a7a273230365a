"""Where every built-in loom pass is defined: pass name -> the module whose import registers it.

Each pass is one file holding its function under ``@loom_pass`` (name, kind,
summary, options). ``registry.BUILTIN_PASSES`` imports a pass's module the
first time the pass is looked up, so a pipeline imports only the passes it
runs: importing all of them costs about 25 ms, most of the fixed cost of
``loom.verilog`` on a small design. Listing the passes (``loom-opt
--list-passes``, ``BUILTIN_PASSES.infos()``) imports them all. A new pass adds
its line here; ``test/lowering/test_builtin_passes.py`` checks that this table
and the registered passes agree, and runs every registered pass.

``IDLE_WHEN`` goes one step further for the passes of the default pipeline
that most designs give nothing to do (functions, FSMs, stubs, procedural
statements): it says, as data, when such a pass has nothing to do, so a
pipeline asks that (``rewrites.common.idle``) and imports the pass's file only
when the answer is no. A step of such a pass costs a look at facts the pipeline keeps
for all of them (one walk of the design), not the import of its file (the
imports were about 15 ms of a first ``loom.verilog`` on a small design). Each
of these passes asks the same question first when it runs, so the table
cannot skip work a pass would have done; ``test_builtin_passes.py`` checks
the table's kinds and stages against the passes.
"""

from __future__ import annotations

from ..dialect.opkinds import BRANCHES, GUARDS, PROCEDURAL_BLOCKS, STATEMENT_CONTAINERS, VARIABLES

PASS_MODULES: dict[str, str] = {
    "auto-insert-clock-enable": "auto_insert_clock_enable",
    "change-port-bundle-struct": "port_bundles",
    "check-always-sensitivity": "checks.always_sensitivity",
    "check-combinational-loop": "checks.combinational_loop",
    "check-flip-flop-always-ff": "checks.flip_flop_always_ff",
    "check-function-return": "check_function_return",
    "check-inferred-latch": "checks.inferred_latch",
    "check-mixed-assignment": "checks.mixed_assignment",
    "check-multiple-driver": "checks.multiple_driver",
    "check-non-synthesizable-content": "checks.non_synthesizable",
    "create-module-instantiation": "create_module_instantiation",
    "dead-code-elimination": "dead_code_elimination",
    "decouple-generator-ports": "decouple_generator_ports",
    "extract-debug-info": "extract_debug_info",
    "extract-struct-info": "struct_info",
    "fix-assignment-type": "fix_assignment_type",
    "fold-constant-comparisons": "fold_constant_comparisons",
    "generate-verilog": "generate_verilog",
    "guard-assertions": "guard_assertions",
    "hash-generators": "hash_generators",
    "inject-assert-fail-exception": "rewrites.inject_assert_fail_exception",
    "inject-debug-break-points": "rewrites.inject_debug_break_points",
    "inline-functions": "inline_functions",
    "insert-pipeline-stages": "insert_pipeline_stages",
    "loom-annotate": "edit_passes.loom_annotate",
    "loom-checks": "checks.runner",
    "loom-dedup": "edit_passes.loom_dedup",
    "loom-duplicate": "duplicate",
    "loom-export-metadata": "metadata",
    "loom-expose": "edit_passes.loom_expose",
    "loom-inline": "inline",
    "loom-parameterize-constants": "edit_passes.loom_parameterize_constants",
    "loom-remove-instance": "edit_passes.loom_remove_instance",
    "loom-rename-module": "rename",
    "loom-scope": "scoping",
    "loom-set-attribute": "edit_passes.loom_set_attribute",
    "loom-set-parameter": "edit_passes.loom_set_parameter",
    "loom-specialize": "specialize",
    "loom-specialize-to-hw": "specialize_to_hw",
    "loom-strip-unused-modules": "strip_unused",
    "loom-tie-output": "edit_passes.loom_tie_output",
    "loom-verify": "verify_pass",
    "lower-data-types": "lower_data_types",
    "lower-dpi-calls": "lower_dpi_calls",
    "lower-interface-instances": "lower_interface_instances",
    "lower-loom-to-hw": "lower_loom_to_hw",
    "merge-wire-assignments": "rewrites.merge_wire_assignments",
    "name-inputs-optimized-away": "keep_read_inputs",
    "name-unused-instance-outputs": "name_unused_outputs",
    "narrow-partly-read-values": "narrow_partly_read_values",
    "realize-fsm": "realize_fsm",
    "record-read-inputs": "keep_read_inputs",
    "reference-unused-parameters": "reference_unused_parameters",
    "remove-assertion": "rewrites.remove_assertion",
    "remove-fanout-one-wires": "rewrites.remove_fanout_one_wires",
    "remove-pass-through-modules": "remove_pass_through_modules",
    "remove-unused-stmts": "rewrites.remove_unused_stmts",
    "remove-unused-vars": "rewrites.remove_unused_vars",
    "sort-stmts": "rewrites.sort_stmts",
    "transform-if-to-case": "rewrites.transform_if_to_case",
    "uniquify-generators": "uniquify_generators",
    "verify-generator-connectivity": "verify_generator_connectivity",
    "wire-unpacked-element-sources": "wire_unpacked_element_sources",
    "write-comb-variables-once": "write_comb_variables_once",
    "zero-generator-inputs": "zero_generator_inputs",
    "zero-out-stubs": "zero_out_stubs",
}
"""Kebab-case pass name -> module, relative to ``loom.lowering``."""


ABSENT, UNHELD, UNFOUND, UNMARKED = "absent", "unheld", "unfound", "unmarked"
"""How ``Idle.names`` tell that a pass has nothing to do (``rewrites.common.idle``): the design holds none of
these rare ops (``rewrites.common.absent``: one walk shared by all such questions); it may hold none of these
ops (``rewrites.common.may_hold``: a design with procedural blocks is taken to hold them); it holds none of
these ops (``rewrites.common.holds``: a walk for them alone, for the passes after the lowering, whose registers
are procedural blocks, thousands of them in a large design, which the shared walk would hand to Python); no
generator carries one of these attributes."""


class Idle:
    """When a built-in pass run with its default options has nothing to do, and what the registry must know of
    it without importing it: its kind (``pass_kinds.PassKind`` value) and the IR it needs (``stage.py``).

    A plain class: a dataclass costs about 0.3 ms of every ``import loom`` (docs/architecture.md, "Start-up")."""

    __slots__ = ("kind", "names", "stage", "test")

    def __init__(self, kind: str, stage: str, test: str, names: frozenset[str] | tuple[str, ...]):
        self.kind = kind
        self.stage = stage
        self.test = test
        self.names = tuple(sorted(names))


_MERGED = frozenset({"comb.concat"}) | VARIABLES | PROCEDURAL_BLOCKS | (BRANCHES - GUARDS)

IDLE_WHEN: dict[str, Idle] = {
    "check-function-return": Idle("check", "any", ABSENT, ("loom.func",)),
    "fix-assignment-type": Idle("module", "any", UNHELD, ("loom.assign",)),
    "fold-constant-comparisons": Idle("design", "lowered", UNFOUND, ("comb.icmp", "sv.case")),
    "guard-assertions": Idle("design", "any", UNFOUND, ("sv.assert", "sv.assume", "sv.cover")),
    "inline-functions": Idle("module", "any", ABSENT, ("loom.func",)),
    "insert-pipeline-stages": Idle("module", "loom", UNMARKED, ("pipeline",)),
    "lower-dpi-calls": Idle("design", "lowered", ABSENT, ("loom.dpi_call",)),
    "lower-data-types": Idle("design", "any", UNFOUND, (
        "hw.aggregate_constant", "hw.array_get", "hw.bitcast", "hw.param.value", "hw.struct_create", "loom.localparam",
        "sv.array_index_inout", "sv.case")),
    "lower-interface-instances": Idle("design", "lowered", ABSENT, (
        "loom.interface_assign", "loom.interface_instance", "loom.interface_read")),
    "merge-wire-assignments": Idle("module", "any", UNHELD, _MERGED),
    "narrow-partly-read-values": Idle("design", "lowered", UNFOUND, (
        "comb.extract", "hw.array_get", "hw.struct_extract")),
    "realize-fsm": Idle("module", "any", ABSENT, ("loom.fsm",)),
    "remove-fanout-one-wires": Idle("module", "any", UNHELD, ("hw.wire", "sv.logic", "sv.wire")),
    "remove-unused-stmts": Idle("module", "any", UNHELD, STATEMENT_CONTAINERS),
    "remove-unused-vars": Idle("module", "any", UNHELD, VARIABLES),
    "transform-if-to-case": Idle("module", "any", UNHELD, ("sv.if",)),
    "wire-unpacked-element-sources": Idle("design", "lowered", UNFOUND, ("sv.assign",)),
    "write-comb-variables-once": Idle("design", "lowered", UNFOUND, ("sv.alwayscomb",)),
    "zero-generator-inputs": Idle("design", "loom", UNMARKED, ("zero_inputs",)),
    "zero-out-stubs": Idle("module", "loom", UNMARKED, ("stub",)),
}
"""Pass name -> when it has nothing to do (with its default options) and what the registry needs of it before its
file is imported."""
