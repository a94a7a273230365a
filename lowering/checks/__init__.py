"""kratos's ``check_*`` passes over loom IR (and over hw IR after lowering).

Each pass is one file with ``run(module, options)``, registered with
``loom_pass`` (``lowering/registry.py``); all read the module
through ``model.py`` (ports, procedural blocks, assignment targets and their
bits, signal names) and report through ``lowering/diagnostics.py``: every
problem found, each at the user's line, then ``CheckFailedError``.

``check-mixed-assignment``          blocking / non-blocking / continuous assignments to one variable
``check-non-synthesizable-content`` $fwrite, $finish, initial blocks, DPI calls, assertions outside SYNTHESIS guards
``check-inferred-latch``            variables of an always_comb not assigned on every path; reset-only flops
``check-always-sensitivity``        only clocks and declared asynchronous resets in sensitivity lists
``check-multiple-driver``           a variable (or some of its bits) driven by more than one process
``check-flip-flop-always-ff``       always_ff shapes Design Compiler accepts (ELAB-302), non-blocking only
``check-combinational-loop``        signals that depend on themselves without a register (per-module summaries)
"""
