// Pipelines from --pass-pipeline, -p and per-pass flags run in command-line order;
// `-flag` and `--flag` are the same; named pipelines expand.
// RUN: loom-opt %s --dump-pass-pipeline --loom-verify -canonicalize --cse -o /dev/null 2>&1 | filecheck %s --check-prefix=FLAGS
// RUN: loom-opt %s -dump-pass-pipeline -p loom-verify,cleanup -o /dev/null 2>&1 | filecheck %s --check-prefix=NAMED
// RUN: loom-opt %s --dump-pass-pipeline --pass-pipeline='builtin.module(loom-verify, hw.module(canonicalize))' --cse -o /dev/null 2>&1 | filecheck %s --check-prefix=MIXED
// RUN: loom-opt %S/Inputs/loom-ok.mlir --dump-pass-pipeline '--loom-specialize=keep-parameters=true top=Leaf' -o /dev/null 2>&1 | filecheck %s --check-prefix=OPTIONS
// RUN: loom-opt %s -canonicalize | filecheck %s
// RUN: loom-opt %s --mlir-timing -canonicalize -o /dev/null 2>&1 | filecheck %s --check-prefix=TIMING
// RUN: loom-opt %s --verify-each=false --allow-unregistered-dialect --mlir-disable-threading -canonicalize | filecheck %s
// RUN: loom-opt %s --verify-each --mlir-print-debuginfo | filecheck %s --check-prefix=DEBUGINFO

// FLAGS: builtin.module(loom-verify, canonicalize, cse)
// NAMED: builtin.module(loom-verify, lower-dpi-calls, lower-interface-instances, record-read-inputs, fold-constant-comparisons, canonicalize, cse, {{.+}})
// MIXED: builtin.module(loom-verify, hw.module(canonicalize), cse)
// OPTIONS: builtin.module(loom-specialize{keep-parameters=true top=Leaf})

// CHECK-LABEL: hw.module @Top(in %a : i8, out o : i8)
// CHECK-NEXT:    hw.output %a : i8

// TIMING:      Execution time report
// TIMING:      parse
// TIMING:      loom verify
// TIMING:      builtin.module(canonicalize)
// TIMING:      output
// TIMING:      Total

// DEBUGINFO: hw.output %{{.*}} loc(#[[LOC:loc[0-9]*]])
// DEBUGINFO: #[[LOC]] = loc("{{.*}}pass-flags.mlir":33:3)

hw.module @Top(in %a: i8, out o: i8) {
  %c = hw.constant 0 : i8
  %0 = comb.add %a, %c : i8
  hw.output %0 : i8
}
