// RUN: loom-opt %s --insert-pipeline-stages | filecheck %s
// RUN: loom-opt %s --insert-pipeline-stages --insert-pipeline-stages | filecheck %s
// RUN: loom-opt %s -p 'insert-pipeline-stages, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV
// RUN: loom-opt %S/Inputs/bad-pipeline.mlir --insert-pipeline-stages --split-input-file --verify-diagnostics

// Two stages on every data output, clocked by `pipeline_clk`; the attributes are consumed.
// CHECK-LABEL: "loom.module"
// CHECK: %[[S:.+]] = comb.add
// CHECK: %sum_stage_0 = seq.firreg %[[S]] clock %arg3 : i8
// CHECK: %sum_stage_1 = seq.firreg %sum_stage_0 clock %arg3 : i8
// CHECK: %copy_stage_0 = seq.firreg %arg0 clock %arg3 : i8
// CHECK: %copy_stage_1 = seq.firreg %copy_stage_0 clock %arg3 : i8
// CHECK-NOT: seq.firreg
// CHECK: "loom.output"(%sum_stage_1, %copy_stage_1)
// CHECK-NOT: user_attributes
"loom.module"() ({
^bb0(%a: i8, %b: i8, %clk_a: !seq.clock, %clk_b: !seq.clock):
  %s = comb.add %a, %b : i8
  "loom.output"(%s, %a) : (i8, i8) -> ()
}, {}) {sym_name = "Add", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "clk_a", dir = "in", type = !seq.clock}, {name = "clk_b", dir = "in", type = !seq.clock}, {name = "sum", dir = "out", type = i8}, {name = "copy", dir = "out", type = i8}], user_attributes = {pipeline = "2", pipeline_clk = "clk_b"}} : () -> ()

// SV-LABEL: module Add(
// SV:      always @(posedge clk_b) begin
// SV-NEXT:   sum_stage_0 <= a + b;
// SV-NEXT:   sum_stage_1 <= sum_stage_0;
// SV:      assign sum = sum_stage_1;
