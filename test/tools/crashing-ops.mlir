// sv.localparam and hw.param.value crash CIRCT's verifier (a segfault while the input is
// parsed) anywhere but inside an hw.module. Found by the IR fuzzer (a line swap moved an
// sv.localparam out of its module); loom-opt reports an error instead of dying.
// RUN: loom-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'sv.localparam' outside an 'hw.module' crashes CIRCT's verifier}}
%A = sv.localparam {value = 0 : i2} : i2

// -----

"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'hw.param.value' outside an 'hw.module' crashes CIRCT's verifier}}
  %p = hw.param.value i8 = 3
  "loom.output"(%p) : (i8) -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Inside an hw.module both are fine (parsed once more in a forked child first, then for real).
hw.module @Kept<P: i8>(out o : i8, out q : i2) {
  %p = hw.param.value i8 = #hw.param.decl.ref<"P">
  %A = sv.localparam {value = 1 : i2} : i2
  hw.output %p, %A : i8, i2
}
