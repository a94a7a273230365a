// RUN: loom-opt %s --remove-pass-through-modules | filecheck %s
// RUN: loom-opt %s -p 'remove-pass-through-modules, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV

// Wire only passes its inputs through (one input feeds two outputs); Reg has logic and stays.
// CHECK-NOT: sym_name = "Wire"
"loom.module"() ({
^bb0(%i: i8, %j: i8):
  "loom.output"(%i, %i, %j) : (i8, i8, i8) -> ()
}, {}) {sym_name = "Wire", parameters = [], ports = [{name = "i", dir = "in", type = i8}, {name = "j", dir = "in", type = i8}, {name = "o1", dir = "out", type = i8}, {name = "o2", dir = "out", type = i8}, {name = "o3", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%d: i8, %clk: !seq.clock):
  %r = seq.firreg %d clock %clk : i8
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Reg", parameters = [], ports = [{name = "d", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "q", dir = "out", type = i8}]} : () -> ()
// A module that only instantiates a pass-through module becomes pass-through itself.
// CHECK-NOT: sym_name = "Nest"
"loom.module"() ({
^bb0(%i: i8):
  %0:3 = "loom.instance"(%i, %i) {instance_name = "w", module = @Wire, parameters = {}, input_names = ["i", "j"], output_names = ["o1", "o2", "o3"]} : (i8, i8) -> (i8, i8, i8)
  "loom.output"(%0#2) : (i8) -> ()
}, {}) {sym_name = "Nest", parameters = [], ports = [{name = "i", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK: sym_name = "Reg"
// CHECK: %[[Q:.+]] = "loom.instance"(%arg0, %arg2) {{.*}}module = @Reg
// CHECK-NOT: loom.instance
// CHECK: "loom.output"(%[[Q]], %arg1) : (i8, i8) -> ()
"loom.module"() ({
^bb0(%a: i8, %b: i8, %clk: !seq.clock):
  %0:3 = "loom.instance"(%a, %b) {instance_name = "w0", module = @Wire, parameters = {}, input_names = ["i", "j"], output_names = ["o1", "o2", "o3"]} : (i8, i8) -> (i8, i8, i8)
  %1 = "loom.instance"(%0#1, %clk) {instance_name = "r0", module = @Reg, parameters = {}, input_names = ["d", "clk"], output_names = ["q"]} : (i8, !seq.clock) -> i8
  %2 = "loom.instance"(%0#2) {instance_name = "n0", module = @Nest, parameters = {}, input_names = ["i"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%1, %2) : (i8, i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "y", dir = "out", type = i8}, {name = "z", dir = "out", type = i8}]} : () -> ()

// SV-NOT: module Wire
// SV-LABEL: module Top(
// SV:      Reg r0 (
// SV-NEXT:   .d   (a),
// SV:      assign z = b;
