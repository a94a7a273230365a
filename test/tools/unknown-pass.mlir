// Unknown passes are rejected before the input is read; unknown flags are tried
// as CIRCT/MLIR passes first.
// RUN: not loom-opt %s --pass-pipeline='builtin.module(no-such-pass)' 2>&1 | filecheck %s
// RUN: not loom-opt %s -p loom-verify,no-such-pass 2>&1 | filecheck %s
// RUN: not loom-opt %s --no-such-pass 2>&1 | filecheck %s --check-prefix=FLAG
// RUN: not loom-opt %s '--canonicalize=no-such-option=1' 2>&1 | filecheck %s --check-prefix=OPTION
// RUN: not loom-opt %s --pass-pipeline='builtin.module(canonicalize' 2>&1 | filecheck %s --check-prefix=UNBALANCED
// RUN: not loom-opt %s --verify-each=maybe 2>&1 | filecheck %s --check-prefix=BOOL

// CHECK: loom-opt: error: invalid pass pipeline element 'no-such-pass': 'no-such-pass' does not refer to a registered pass or pass pipeline
// CHECK-NOT: Traceback

// FLAG: loom-opt: error: unrecognized argument '--no-such-pass': neither an option nor a registered pass

// OPTION: loom-opt: error: invalid pass pipeline element 'canonicalize{no-such-option=1}': {{.*}}no such option no-such-option

// UNBALANCED:      loom-opt: error: unclosed '(' in pass pipeline
// UNBALANCED-NEXT: {{^}}builtin.module(canonicalize
// UNBALANCED-NEXT: {{^              }}^

// BOOL: loom-opt: error: argument --verify-each: 'maybe' is not a boolean (use true or false)

hw.module @A() {
  hw.output
}
