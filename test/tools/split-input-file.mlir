// Each chunk is parsed in its own context; outputs are joined with `// -----`
// and diagnostics keep the line numbers of the whole file.
// RUN: loom-opt %s --split-input-file | filecheck %s
// RUN: loom-opt %s -split-input-file | filecheck %s
// RUN: not loom-opt %s 2>&1 | filecheck %s --check-prefix=WHOLE
// RUN: not loom-opt %S/Inputs/split-errors.mlir --split-input-file -o %t 2>&1 | filecheck %s --check-prefix=ERR
// RUN: not loom-opt %S/Inputs/split-errors.mlir --split-input-file 2>/dev/null | filecheck %s --check-prefix=OUT

// CHECK:      module {
// CHECK-NEXT:   hw.module @First() {
// CHECK-NEXT:     hw.output
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: module {
// CHECK-NEXT:   hw.module @Second() {
// CHECK-NEXT:     hw.output
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: module {
// CHECK-NEXT:   hw.module @First() {
// CHECK-NOT:  // -----

// Without the flag the markers are comments and both @First modules collide.
// WHOLE: split-input-file.mlir:50:1: error: redefinition of symbol named 'First'
// WHOLE: split-input-file.mlir:38:1: note: see existing symbol definition here

// A failing chunk does not stop the others: every error is reported, at its line in the
// whole file, and the output of the chunks that worked still goes to stdout.
// ERR: split-errors.mlir:8:13: error: use of undeclared SSA value name
// ERR: split-errors.mlir:15:3: error: instance 'u0' refers to module '@Missing', which does not exist
// OUT:      hw.module @Fine
// OUT:      // -----
// OUT-NEXT: // -----
// OUT-NOT:  module

hw.module @First() {
  hw.output
}

// -----

hw.module @Second() {
  hw.output
}

// -----

hw.module @First() {
  hw.output
}
