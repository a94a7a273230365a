// RUN: loom-opt %s -p 'loom-specialize{top=Top}' | filecheck %s
// RUN: loom-opt %s -p 'loom-specialize{top=Top keep-parameters=true}' | filecheck %s
// A variant keeps its ports' reset declarations (the checks read them), also when a conditional port
// beside them is dropped.

// CHECK: {active_low = true, dir = "in", name = "rst_n", reset = "async", type = i1}
// CHECK-NOT: name = "en"
// CHECK-SAME: sym_name = "Child"
// CHECK: {active_low = true, dir = "in", name = "rst_n", reset = "async", type = i1}
// CHECK-SAME: sym_name = "Top"
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1, %en: i1):
  "loom.output"(%rst_n) : (i1) -> ()
}, {}) {sym_name = "Child", parameters = [#hw.param.decl<"E": i32 = 0>], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1, reset = "async", active_low = true}, {name = "en", dir = "in", type = i1, cond = "E"}, {name = "o", dir = "out", type = i1}]} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1):
  %0 = "loom.instance"(%clk, %rst_n) {instance_name = "u", module = @Child, input_names = ["clk", "rst_n"], output_names = ["o"], parameters = {E = 0 : i32}} : (!seq.clock, i1) -> i1
  "loom.output"(%0) : (i1) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1, reset = "async", active_low = true}, {name = "o", dir = "out", type = i1}]} : () -> ()
