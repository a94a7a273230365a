// RUN: rm -rf %t && loom-opt %s -p 'lower-to-hw, cleanup, generate-verilog{out-dir=%t}' -o %t.mlir
// RUN: cat %t/filelist.f | filecheck %s --check-prefix=LIST
// RUN: cat %t/Leaf.sv | filecheck %s --check-prefix=LEAF
// RUN: loom-opt %s -p 'lower-to-hw, cleanup, generate-verilog' -o %t.mlir | filecheck %s --check-prefix=STDOUT
// RUN: not loom-opt %s -p 'generate-verilog' 2>&1 | filecheck %s --check-prefix=LOOM

// LIST-DAG: Leaf.sv
// LIST-DAG: Top.sv
// LEAF: module Leaf(
// LEAF: assign o = ~a;
// STDOUT: module Leaf(
// STDOUT: module Top(
// LOOM: error: pass 'generate-verilog' works on lowered hw IR, but the design is still loom IR; run lower-to-hw (and cleanup) before it
"loom.module"() ({
^bb0(%a: i4):
  %c = hw.constant -1 : i4
  %n = comb.xor %a, %c : i4
  "loom.output"(%n) : (i4) -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()
"loom.module"() ({
^bb0(%x: i4):
  %0 = "loom.instance"(%x) {instance_name = "l", module = @Leaf, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i4) -> i4
  "loom.output"(%0) : (i4) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i4}, {name = "y", dir = "out", type = i4}]} : () -> ()
