// A user's pass that changes the IR, with its required option, a remark per module, and the result checked.
// RUN: loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p 'test-rename-ports{prefix=io_}' \
// RUN:   --mlir-use-nameloc-as-prefix | filecheck %s
// RUN: loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p 'test-rename-ports{prefix=io_}' \
// RUN:   --verify-diagnostics
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p test-rename-ports 2>&1 \
// RUN:   | filecheck %s --check-prefix=MISSING

// CHECK:      ^bb0(%io_a: i8):
// CHECK-NEXT:   "loom.output"(%io_a)
// CHECK:      ports = [{dir = "in", name = "io_a", type = i8}, {dir = "out", name = "io_o", type = i8}]
// MISSING: error: pass 'test-rename-ports' needs option 'prefix' (prefix=<string> (required): put in front of every port name)

// expected-remark @below {{renamed 2 ports}}
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
