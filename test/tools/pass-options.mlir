// A misspelt option of a loom pass is an error, not silently ignored.
// RUN: not loom-opt %s --pass-pipeline='builtin.module(loom-specialize{keep-paramters=true})' 2>&1 | filecheck %s
// RUN: not loom-opt %s --loom-specialize=tpo=top 2>&1 | filecheck %s --check-prefix=FLAG

// CHECK:      error: pass 'loom-specialize' has no option 'keep-paramters' (options: top, keep-parameters)
// CHECK-NEXT: {{^}}builtin.module(loom-specialize{keep-paramters=true})
// CHECK-NEXT: {{^                               }}^
// FLAG: error: pass 'loom-specialize' has no option 'tpo' (options: top, keep-parameters)

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
