// RUN: loom-opt %s -p 'lower-to-hw, cleanup, extract-debug-info{output=%t.json}' -o %t.mlir
// RUN: cat %t.json | filecheck %s

// SystemVerilog line -> [file, line] of the op that produced it, and the inverse.
// CHECK: "files":{"Leaf.sv":{"lines":{"1":{{\[\["[^"]*extract-debug-info.mlir",9\]\]}}
// CHECK-SAME: "module":"Leaf"
// CHECK-SAME: "python":{"{{[^"]*}}extract-debug-info.mlir":{
// CHECK-SAME: "top":"Top","version":1
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
