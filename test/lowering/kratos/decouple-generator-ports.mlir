// RUN: loom-opt %s --decouple-generator-ports | filecheck %s
// RUN: loom-opt %s -p 'decouple-generator-ports, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV

// The expression driving `a` and the output `o` feeding logic get wires named
// <instance>_<port>; `p`, straight to an output port, needs none.
// CHECK-LABEL: sym_name = "Child"
// CHECK:      %[[S:.+]] = comb.add
// CHECK-NEXT: %u0_a = hw.wire %[[S]] sym @u0_a : i8
// CHECK-NEXT: %[[U:.+]]:2 = "loom.instance"(%u0_a)
// CHECK-NEXT: comb.xor %u0_o, %arg0
// CHECK-NEXT: %u0_o = hw.wire %[[U]]#0 sym @u0_o : i8
// CHECK-NEXT: "loom.output"(%{{.+}}, %[[U]]#1)
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a, %a) : (i8, i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}, {name = "p", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %s = comb.add %x, %x : i8
  %0:2 = "loom.instance"(%s) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o", "p"]} : (i8) -> (i8, i8)
  %1 = comb.xor %0#0, %x : i8
  "loom.output"(%1, %0#1) : (i8, i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}, {name = "z", dir = "out", type = i8}]} : () -> ()

// SV-LABEL: module Top(
// SV:       wire [7:0] u0_a =
// SV:       wire [7:0] u0_o;
// SV:       Child u0 (
// SV-NEXT:    .a (u0_a),
// SV-NEXT:    .o (u0_o),
// SV-NEXT:    .p (z)
