// RUN: loom-opt %s --dead-code-elimination | filecheck %s
// RUN: loom-opt %s -p 'dead-code-elimination, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV

// Child's counter feeds only `dbg`, which nobody reads: the register (with its
// inner symbol), the port and the input `b` that fed it go. Top's unread
// wire `spare`, its dead register and the unused instance `u` go too.
// CHECK-LABEL: "loom.module"
// CHECK-NEXT: ^bb0(%[[A:.+]]: i8):
// CHECK-NOT: seq.firreg
// CHECK: "loom.output"(%{{.+}}) : (i8) -> ()
// CHECK: ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Child"
"loom.module"() ({
^bb0(%a: i8, %b: i8, %clk: !seq.clock):
  %c1 = hw.constant 1 : i8
  %n = comb.add %cnt, %b : i8
  %cnt = seq.firreg %n clock %clk {inner_sym = #hw<innerSym@cnt>} : i8
  %o = comb.add %a, %c1 : i8
  "loom.output"(%o, %cnt) : (i8, i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}, {name = "dbg", dir = "out", type = i8}]} : () -> ()

// An instance whose outputs are unused is removed, and its module with it.
// CHECK-NOT: sym_name = "Unused"
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Unused", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// A procedural block is kept when it assigns a live variable or asserts.
// CHECK-LABEL: "loom.module"
// CHECK-NEXT: ^bb0(%[[X:.+]]: i8, %[[CLK:.+]]: !seq.clock, %{{.+}}: i8):
// CHECK-NEXT: %[[C:.+]] = "loom.instance"(%[[X]]) {input_names = ["a"], instance_name = "c", module = @Child, output_names = ["o"], parameters = {}} : (i8) -> i8
// CHECK-NEXT: %[[L:.+]] = sv.logic
// CHECK-NEXT: %[[CK:.+]] = seq.from_clock %[[CLK]]
// CHECK-NEXT: sv.alwaysff(posedge %[[CK]]) {
// CHECK-NEXT:   sv.passign %[[L]], %[[C]]
// CHECK-NEXT: }
// CHECK-NEXT: %[[R:.+]] = sv.read_inout %[[L]]
// CHECK-NEXT: comb.icmp
// CHECK-NEXT: sv.alwaysff(posedge %[[CK]]) {
// CHECK-NEXT:   sv.assert
// CHECK-NEXT: }
// CHECK-NEXT: "loom.output"(%[[R]])
// CHECK: ports = [{dir = "in", name = "x", type = i8}, {dir = "in", name = "clk", type = !seq.clock}, {dir = "in", name = "unused", type = i8}, {dir = "out", name = "y", type = i8}], sym_name = "Top"
"loom.module"() ({
^bb0(%x: i8, %clk: !seq.clock, %unused: i8):
  %c:2 = "loom.instance"(%x, %x, %clk) {instance_name = "c", module = @Child, parameters = {}, input_names = ["a", "b", "clk"], output_names = ["o", "dbg"]} : (i8, i8, !seq.clock) -> (i8, i8)
  %u = "loom.instance"(%unused) {instance_name = "u", module = @Unused, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %d = comb.xor %c#1, %x : i8
  %spare = hw.wire %d sym @spare : i8
  %dead = seq.firreg %dead clock %clk : i8
  %l = sv.logic : !hw.inout<i8>
  %never = sv.logic : !hw.inout<i8>
  %ck = seq.from_clock %clk
  sv.alwaysff(posedge %ck) {
    sv.passign %l, %c#0 : i8
  }
  sv.alwaysff(posedge %ck) {
    sv.passign %never, %u : i8
  }
  %r = sv.read_inout %l : !hw.inout<i8>
  %ok = comb.icmp ne %x, %x : i8
  sv.alwaysff(posedge %ck) {
    sv.assert %ok, immediate
  }
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "unused", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}]} : () -> ()

// SV-LABEL: module Child(
// SV-NEXT:    input  [7:0] a,
// SV-NEXT:    output [7:0] o
// SV-NOT:   module Unused
