// RUN: loom-opt %s --auto-insert-clock-enable | filecheck %s
// RUN: loom-opt %s --auto-insert-clock-enable --auto-insert-clock-enable | filecheck %s
// RUN: loom-opt %s -p 'auto-insert-clock-enable, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV

// Acc gains a `clk_en` input wired from Top; its register and its always_ff body are gated.
// CHECK: ^bb0(%[[D:.+]]: i8, %[[CLK:.+]]: !seq.clock, %[[EN:.+]]: i1):
// CHECK:   %[[NEXT:.+]] = comb.mux %[[EN]], %{{.+}}, %acc : i8
// CHECK:   %acc = seq.firreg %[[NEXT]] clock %[[CLK]] : i8
// CHECK:   sv.alwaysff(posedge %{{.+}}) {
// CHECK-NEXT: sv.if %[[EN]] {
// CHECK-NEXT:   sv.passign
// CHECK: ports = [{dir = "in", name = "d", type = i8}, {dir = "in", name = "clk", type = !seq.clock}, {dir = "in", name = "clk_en", type = i1}, {dir = "out", name = "o", type = i8}, {dir = "out", name = "p", type = i8}], sym_name = "Acc"
"loom.module"() ({
^bb0(%d: i8, %clk: !seq.clock):
  %s = comb.add %acc, %d : i8
  %acc = seq.firreg %s clock %clk : i8
  %last = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    sv.passign %last, %d : i8
  }
  %r = sv.read_inout %last : !hw.inout<i8>
  "loom.output"(%acc, %r) : (i8, i8) -> ()
}, {}) {sym_name = "Acc", parameters = [], ports = [{name = "d", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}, {name = "p", dir = "out", type = i8}]} : () -> ()

// Frozen is dont_touch: no port, its register stays ungated.
// CHECK: ^bb0(%[[FD:.+]]: i8, %[[FCLK:.+]]: !seq.clock):
// CHECK-NEXT: %q = seq.firreg %[[FD]] clock %[[FCLK]] : i8
// CHECK: sym_name = "Frozen", user_attributes = {dont_touch = ""}
"loom.module"() ({
^bb0(%d: i8, %clk: !seq.clock):
  %q = seq.firreg %d clock %clk : i8
  "loom.output"(%q) : (i8) -> ()
}, {}) {sym_name = "Frozen", parameters = [], ports = [{name = "d", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}], user_attributes = {dont_touch = ""}} : () -> ()

// The top's own registers are gated too.
// CHECK: ^bb0(%[[X:.+]]: i8, %[[TCLK:.+]]: !seq.clock, %[[TEN:.+]]: i1):
// CHECK-DAG: "loom.instance"(%[[X]], %[[TCLK]], %[[TEN]]) {input_names = ["d", "clk", "clk_en"], instance_name = "a0"
// CHECK-DAG: "loom.instance"(%[[X]], %[[TCLK]]) {input_names = ["d", "clk"], instance_name = "f0"
// CHECK-DAG: %[[TN:.+]] = comb.mux %[[TEN]], %[[X]], %t : i8
// CHECK-DAG: %t = seq.firreg %[[TN]] clock %[[TCLK]] : i8
"loom.module"() ({
^bb0(%x: i8, %clk: !seq.clock, %en: i1):
  %a:2 = "loom.instance"(%x, %clk) {instance_name = "a0", module = @Acc, parameters = {}, input_names = ["d", "clk"], output_names = ["o", "p"]} : (i8, !seq.clock) -> (i8, i8)
  %f = "loom.instance"(%x, %clk) {instance_name = "f0", module = @Frozen, parameters = {}, input_names = ["d", "clk"], output_names = ["o"]} : (i8, !seq.clock) -> i8
  %t = seq.firreg %x clock %clk : i8
  %s = comb.xor %a#0, %a#1, %f, %t : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "clk_en", dir = "in", type = i1}, {name = "y", dir = "out", type = i8}], user_attributes = {clock_enable = "clk_en"}} : () -> ()

// SV-LABEL: module Acc(
// SV:       always_ff @(posedge clk) begin
// SV-NEXT:    if (clk_en)
// SV-NEXT:      last <= d;
// SV:         acc <= clk_en ? acc + d : acc;
// SV-LABEL: module Frozen(
// SV:         q <= d;
// SV-LABEL: module Top(
// SV:       Acc a0 (
// SV:         .clk_en (clk_en),
