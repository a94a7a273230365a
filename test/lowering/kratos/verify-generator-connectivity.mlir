// RUN: loom-opt %s --verify-generator-connectivity | filecheck %s
// RUN: loom-opt %S/Inputs/floating-nets.mlir --verify-generator-connectivity --split-input-file --verify-diagnostics

// A connected design passes unchanged.
// CHECK-LABEL: sym_name = "Child"
// CHECK: "loom.instance"(%arg0) {{.*}}instance_name = "u0"
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %l = sv.logic : !hw.inout<i8>
  sv.assign %l, %0 : i8
  %r = sv.read_inout %l : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}]} : () -> ()
