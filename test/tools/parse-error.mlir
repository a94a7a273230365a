// Parse errors, loom verifier errors and MLIR verifier errors all print as
// `file:line:col: error: message` on stderr (plus notes), exit 1, no traceback.
// RUN: not loom-opt %s 2>&1 | filecheck %s
// RUN: not loom-opt %S/Inputs/invalid-instance.mlir 2>&1 | filecheck %s --check-prefix=VERIFY
// RUN: not loom-opt %S/Inputs/hw-invalid.mlir 2>&1 | filecheck %s --check-prefix=MLIR
// RUN: not loom-opt %t.does-not-exist.mlir 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: cat %s | not loom-opt 2>&1 | filecheck %s --check-prefix=STDIN

// CHECK-NOT: Traceback
// CHECK: {{^}}{{.*}}parse-error.mlir:21:13: error: use of undeclared SSA value name
// CHECK-NOT: Traceback
// STDIN: {{^}}<stdin>:21:13: error: use of undeclared SSA value name

// VERIFY: {{^}}{{.*}}invalid-instance.mlir:3:8: error: instance 'u0' refers to module '@Missing', which does not exist

// MLIR: {{^}}{{.*}}hw-invalid.mlir:2:3: error: 'hw.output' op must have same number of operands as region results
// MLIR-NEXT: {{^}}{{.*}}hw-invalid.mlir:2:3: note: see current operation

// MISSING: loom-opt: error: cannot read input file '{{.*}}does-not-exist.mlir': No such file or directory
hw.module @A(in %a: i8, out o: i8) {
  hw.output %missing : i8
}
