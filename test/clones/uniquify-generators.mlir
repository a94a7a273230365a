// RUN: loom-opt %s --pass-pipeline='builtin.module(uniquify-generators)' | filecheck %s
// RUN: loom-opt %s -p 'uniquify-generators, lower-to-hw, cleanup' --export-verilog -o /dev/null | filecheck %s --check-prefix=SV

// Three modules of generator "Sub": @Sub computes a - b, @Sub_7 computes
// b - a (the same ops, operands swapped: different hardware), @SubCopy is
// @Sub again under other SSA names and locations. The copy is merged into
// @Sub; @Sub_7 stays and gets the next free name, Sub_1.

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %d = comb.sub %a, %b : i4
  "loom.output"(%d) : (i4) -> ()
}, {}) {sym_name = "Sub", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %d = comb.sub %b, %a : i4
  "loom.output"(%d) : (i4) -> ()
}, {}) {generator = "Sub", sym_name = "Sub_7", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%x: i4, %y: i4):
  %diff = comb.sub %x, %y : i4 loc("copy.py":3:1)
  "loom.output"(%diff) : (i4) -> ()
}, {}) {generator = "Sub", sym_name = "SubCopy", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %0 = "loom.instance"(%a, %b) {instance_name = "u0", module = @Sub, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  %1 = "loom.instance"(%a, %b) {instance_name = "u1", module = @Sub_7, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  %2 = "loom.instance"(%a, %b) {instance_name = "u2", module = @SubCopy, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  %x = comb.xor %0, %1, %2 : i4
  "loom.output"(%x) : (i4) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

// CHECK-NOT:   SubCopy
// CHECK:       comb.sub %arg0, %arg1 : i4
// CHECK:       sym_name = "Sub"}
// CHECK:       comb.sub %arg1, %arg0 : i4
// CHECK:       {generator = "Sub"
// CHECK-SAME:  sym_name = "Sub_1"}
// CHECK:       instance_name = "u0", module = @Sub,
// CHECK:       instance_name = "u1", module = @Sub_1,
// CHECK:       instance_name = "u2", module = @Sub,
// CHECK:       sym_name = "Top"

// SV:       module Sub(
// SV:         assign o = a - b;
// SV:       module Sub_1(
// SV:         assign o = b - a;
// SV:       module Top(
// SV:         Sub u0 (
// SV:         Sub_1 u1 (
// SV:         Sub u2 (
// SV-NOT:   SubCopy
