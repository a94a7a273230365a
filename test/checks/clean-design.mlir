// Each check accepts a design with no problem and leaves its IR unchanged;
// together they run in front of the lowering, and the design still becomes SystemVerilog.
// RUN: loom-opt %S/Inputs/clean.mlir -p check-mixed-assignment | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir -p check-non-synthesizable-content | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir -p check-inferred-latch | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir -p check-always-sensitivity | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir -p check-multiple-driver | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir -p check-flip-flop-always-ff | filecheck %s
// RUN: loom-opt %S/Inputs/clean.mlir --pass-pipeline='builtin.module(check_mixed_assignment, check_non_synthesizable_content, check_inferred_latch, check_always_sensitivity, check_multiple_driver, check_flip_flop_always_ff, lower-to-hw, cleanup)' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// CHECK:      "loom.module"
// CHECK:        sv.alwayscomb {
// CHECK:          sv.case %{{.*}} : i2
// CHECK:        sv.alwaysff(posedge %{{.*}}) {
// CHECK:        }(asyncreset : negedge %{{.*}}) {
// CHECK:      sym_name = "Clean"

// SV-LABEL: module Clean(
// SV:         always_comb begin
// SV:           case (sel)
// SV:         always_ff @(posedge clk or negedge rst_n) begin
// SV-NEXT:      if (!rst_n)
// SV-LABEL: module Child(
