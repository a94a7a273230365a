// IR dumps go to stderr with MLIR's header, for loom (Python) passes and CIRCT passes alike.
// RUN: loom-opt %s --mlir-print-ir-after-all --loom-verify -canonicalize -o /dev/null 2>&1 | filecheck %s
// RUN: loom-opt %s -mlir-print-ir-before-all -p loom-verify -o /dev/null 2>&1 | filecheck %s --check-prefix=BEFORE
// RUN: loom-opt %s --mlir-print-ir-after-all --mlir-print-op-generic --loom-verify -o /dev/null 2>&1 | filecheck %s --check-prefix=GENERIC

// CHECK:      // -----// IR Dump After LoomVerifyPass: loom-verify //----- //
// CHECK-NEXT: module {
// CHECK-NEXT:   hw.module @A(in %a : i8, out o : i8) {
// CHECK-NEXT:     %[[C:.+]] = hw.constant 0 : i8
// CHECK-NEXT:     comb.add %a, %[[C]] : i8
// CHECK:      // -----// IR Dump After {{.+}}: canonicalize{{.*}} //----- //
// CHECK-NEXT: module {
// CHECK-NEXT:   hw.module @A(in %a : i8, out o : i8) {
// CHECK-NEXT:     hw.output %a : i8

// BEFORE:     // -----// IR Dump Before LoomVerifyPass: loom-verify //----- //
// BEFORE-NOT: IR Dump After

// GENERIC:      // -----// IR Dump After LoomVerifyPass: loom-verify //----- //
// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "hw.module"()

hw.module @A(in %a: i8, out o: i8) {
  %c = hw.constant 0 : i8
  %0 = comb.add %a, %c : i8
  hw.output %0 : i8
}
