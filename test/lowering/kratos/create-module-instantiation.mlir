// RUN: loom-opt %s --create-module-instantiation | filecheck %s
// RUN: loom-opt %s --create-module-instantiation --create-module-instantiation | filecheck %s

// Connections made in any order become the target's port order, and every
// output of the target gets a result (unused ones stay unconnected).
"loom.module"() ({
^bb0(%a: i8, %b: i8):
  %s = comb.add %a, %b : i8
  "loom.output"(%s, %a) : (i8, i8) -> ()
}, {}) {sym_name = "Add", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "sum", dir = "out", type = i8}, {name = "copy", dir = "out", type = i8}]} : () -> ()

// CHECK: sym_name = "Add"
// CHECK: %[[U:.+]]:2 = "loom.instance"(%arg0, %arg1) {input_names = ["a", "b"], instance_name = "u0", module = @Add, output_names = ["sum", "copy"], parameters = {}} : (i8, i8) -> (i8, i8)
// CHECK: "loom.output"(%[[U]]#0) : (i8) -> ()
"loom.module"() ({
^bb0(%x: i8, %y: i8):
  %0 = "loom.instance"(%y, %x) {instance_name = "u0", module = @Add, parameters = {}, input_names = ["b", "a"], output_names = ["sum"]} : (i8, i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "in", type = i8}, {name = "z", dir = "out", type = i8}]} : () -> ()
