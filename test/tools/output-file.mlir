// `-o` receives the IR; a failing run leaves no output file behind.
// RUN: loom-opt %s -o %t.mlir
// RUN: filecheck %s --input-file %t.mlir
// RUN: loom-opt %s -o=%t.eq.mlir
// RUN: filecheck %s --input-file %t.eq.mlir
// RUN: rm -f %t.bad.mlir
// RUN: not loom-opt %S/Inputs/invalid-instance.mlir -o %t.bad.mlir
// RUN: %python -c "import os, sys; sys.exit(os.path.exists(r'%t.bad.mlir'))"
// RUN: cat %s | loom-opt - -o %t.stdin.mlir
// RUN: filecheck %s --input-file %t.stdin.mlir

// CHECK: module {
// CHECK-NEXT: hw.module @Passthrough(in %a : i8, out o : i8) {
// CHECK-NEXT:   hw.output %a : i8
hw.module @Passthrough(in %a: i8, out o: i8) {
  hw.output %a : i8
}
