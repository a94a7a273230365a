"""Every built-in loom pass: importing this module registers them all in ``registry.BUILTIN_PASSES``.

Each pass is one file holding its function under ``@loom_pass`` (name, kind,
summary, options); this list only makes sure each file is imported. A new
pass adds its module here; ``test/lowering/test_builtin_passes.py`` runs
every registered pass, so one left out of this list is not tested (and not
found by name).
"""

# ruff: noqa: F401 -- imported for their @loom_pass registrations

from __future__ import annotations

# foundation: verification, specialisation, the lowering to hw
from . import lower_loom_to_hw, specialize, specialize_to_hw, strip_unused, verify_pass
# procedural blocks, functions and assignment kinds
from . import check_function_return, fix_assignment_type, guard_assertions, inline_functions, lower_dpi_calls
# SystemVerilog interfaces
from . import lower_interface_instances
# structs, enums, port bundles, FSMs
from . import lower_data_types, port_bundles, realize_fsm, reference_unused_parameters, struct_info
# lint-clean SystemVerilog (the end of the CIRCT clean-up)
from . import fold_constant_comparisons, keep_read_inputs, narrow_partly_read_values, write_comb_variables_once
# generator clones
from . import hash_generators, uniquify_generators
# per-instance edits and other hierarchy edits
from . import duplicate, inline, metadata, rename, scoping
from .edit_passes import (loom_annotate, loom_dedup, loom_expose, loom_parameterize_constants, loom_remove_instance,
                          loom_set_attribute, loom_set_parameter, loom_tie_output)
# kratos passes over module structure and hierarchy
from . import (auto_insert_clock_enable, create_module_instantiation, dead_code_elimination, decouple_generator_ports,
               extract_debug_info, generate_verilog, insert_pipeline_stages, name_unused_outputs,
               remove_pass_through_modules, verify_generator_connectivity, zero_generator_inputs, zero_out_stubs)
# kratos check_* passes
from .checks import (always_sensitivity, combinational_loop, flip_flop_always_ff, inferred_latch, mixed_assignment,
                     multiple_driver, non_synthesizable, runner)
# kratos statement-level rewrites
from .rewrites import (inject_assert_fail_exception, inject_debug_break_points, merge_wire_assignments,
                       remove_assertion, remove_fanout_one_wires, remove_unused_stmts, remove_unused_vars, sort_stmts,
                       transform_if_to_case)
