// RUN: loom-opt %s --zero-generator-inputs | filecheck %s
// RUN: loom-opt %s -p 'zero-generator-inputs, verify-generator-connectivity, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV

// `zero_inputs` on Top: the open inputs of its children are tied to 0 (one level down only).
"loom.module"() ({
^bb0(%a: i8, %b: i8, %clk: !seq.clock):
  %s = comb.add %a, %b : i8
  %r = seq.firreg %s clock %clk : i8
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK: sym_name = "Child"
// CHECK-DAG: %[[ZERO:.+]] = hw.constant 0 : i8
// CHECK-DAG: %[[LOW:.+]] = seq.const_clock low
// CHECK: "loom.instance"(%arg0, %[[ZERO]], %[[LOW]]) {input_names = ["a", "b", "clk"], instance_name = "u0"
// CHECK: user_attributes = {zero_inputs = ""}
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}], user_attributes = {zero_inputs = ""}} : () -> ()

// SV-LABEL: module Top(
// SV:      Child u0 (
// SV-NEXT:   .a   (x),
// SV-NEXT:   .b   (8'h0),
// SV-NEXT:   .clk (1'h0),
