"""kratos's statement-level clean-ups and rewrites, on loom IR (one pass per module).

``transform_if_to_case``, ``remove_unused_vars``, ``remove_unused_stmts``,
``sort_stmts``, ``merge_wire_assignments``, ``remove_fanout_one_wires``,
``remove_assertion``, ``inject_assert_fail_exception`` and
``inject_debug_break_points``; each module's ``run(module, options)`` is the
pass, registered by its ``@loom_pass`` (``lowering/registry.py``). ``common`` holds what they share;
``debug_hooks`` the simulation hooks and the id table the two ``inject_*``
passes write (docs/debug-hooks.md).
"""
