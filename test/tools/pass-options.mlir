// A misspelt option of a loom pass is an error, not silently ignored.
// RUN: not loom-opt %s --pass-pipeline='builtin.module(loom-specialize{keep-paramters=true})' 2>&1 | filecheck %s
// RUN: not loom-opt %s --loom-specialize=tpo=top 2>&1 | filecheck %s --check-prefix=FLAG

// CHECK:      error: pass 'loom-specialize' has no option 'keep-paramters' (options: top, keep-parameters)
// CHECK-NEXT: {{^}}builtin.module(loom-specialize{keep-paramters=true})
// CHECK-NEXT: {{^                               }}^
// FLAG: error: pass 'loom-specialize' has no option 'tpo' (options: top, keep-parameters)

// A pass whose file loom-opt has not imported yet (builtin_passes.IDLE_WHEN: a DeferredPass) checks its
// options as the pass itself does, before anything runs.
// RUN: not loom-opt %s --pass-pipeline='builtin.module(insert-pipeline-stages{stage=2})' 2>&1 | filecheck %s --check-prefix=DEFERRED
// RUN: not loom-opt %s --insert-pipeline-stages=stages=x 2>&1 | filecheck %s --check-prefix=DEFERRED-VALUE
// RUN: not loom-opt %s -p 'zero-out-stubs{x=1}' 2>&1 | filecheck %s --check-prefix=DEFERRED-NONE
// DEFERRED:      error: pass 'insert-pipeline-stages' has no option 'stage' (options: stages, clock)
// DEFERRED-NEXT: {{^}}builtin.module(insert-pipeline-stages{stage=2})
// DEFERRED-NEXT: {{^                                      }}^
// DEFERRED-VALUE: error: pass 'insert-pipeline-stages': option 'stages' expects an integer, got 'x'
// DEFERRED-NONE: error: pass 'zero-out-stubs' has no option 'x' (options: none)

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
