// A plugin that cannot be loaded is an error at its line (where it has one), before any input is read.
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/bad_plugins/missing.py 2>&1 | filecheck %s --check-prefix=FILE
// RUN: not loom-opt %s --load-pass-plugin=no_such_pkg.passes 2>&1 | filecheck %s --check-prefix=MODULE
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/bad_plugins/syntax_error.py 2>&1 \
// RUN:   | filecheck %s --check-prefix=SYNTAX
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/bad_plugins/raises.py 2>&1 | filecheck %s --check-prefix=RAISES
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py \
// RUN:   --load-pass-plugin=%S/Inputs/bad_plugins/duplicate.py 2>&1 | filecheck %s --check-prefix=TWICE
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/bad_plugins/builtin_name.py -p zero-out-stubs 2>&1 \
// RUN:   | filecheck %s --check-prefix=BUILTIN

// FILE:   loom-opt: error: cannot load pass plugin '{{.*}}missing.py': no such file: {{.*}}missing.py
// MODULE: loom-opt: error: cannot load pass plugin 'no_such_pkg.passes': no module named 'no_such_pkg'
// SYNTAX: syntax_error.py:3:9: error: cannot load pass plugin '{{.*}}syntax_error.py': '(' was never closed
// RAISES: raises.py:5:1: error: cannot load pass plugin '{{.*}}raises.py': ValueError: missing configuration
// TWICE:  duplicate.py:6:1: error: cannot load pass plugin '{{.*}}duplicate.py': pass 'test-max-width' is
// TWICE-SAME: registered twice (first registered at {{.*}}plugin_passes.py:19:1)
// BUILTIN: builtin_name.py:6:1: error: cannot load pass plugin '{{.*}}builtin_name.py': pass 'zero-out-stubs' is
// BUILTIN-SAME: registered twice (a built-in pass)
