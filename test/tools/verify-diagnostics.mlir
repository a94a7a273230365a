// --verify-diagnostics passes (exit 0) only when every expectation is met and nothing
// else is emitted; otherwise it says what is missing or unexpected, at its line.
// RUN: loom-opt %s --verify-diagnostics --split-input-file
// RUN: not loom-opt %S/Inputs/diagnostics-mismatch.mlir --verify-diagnostics --split-input-file 2>&1 | filecheck %s --check-prefix=MISMATCH

// MISMATCH: diagnostics-mismatch.mlir:4:6: error: expected error "this error is never emitted" was not produced
// MISMATCH: diagnostics-mismatch.mlir:12:3: error: unexpected error: instance 'u0' refers to module '@Missing', which does not exist
// MISMATCH: diagnostics-mismatch.mlir:20:6: error: 'error' diagnostic emitted when expecting a 'warning'
// MISMATCH: diagnostics-mismatch.mlir:20:6: error: expected warning "refers to module '@Missing'" was not produced
// MISMATCH: diagnostics-mismatch.mlir:30:3: error: unexpected error: instance 'u0' refers
// MISMATCH: diagnostics-mismatch.mlir:29:6: error: expected error "refers to module '@Missing'" was not produced

// MLIR verifier errors on registered ops, with their notes, are matched too.
hw.module @A(in %a: i8, out o: i8) {
  // expected-error @+1 {{'hw.output' op must have same number of operands as region results}}
  hw.output
}

// -----

// Several expectations on one line, regex expectations, and @above.
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0:2 = "loom.instance"(%x, %x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a", "b"], output_names = ["o", "q"]} : (i8, i8) -> (i8, i8)
  // expected-error @above {{has no port named 'b'}}
  // expected-error-re @-2 {{instance 'u0' of '@P' has no port named '{{[a-z]}}'}}
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

// @below, and an expectation on the line of the op it describes.
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @below {{refers to module '@Missing'}}
  "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = []} : (i8) -> ()
  "loom.instance"(%x) {instance_name = "u1", module = @Gone, parameters = {}, input_names = ["a"], output_names = []} : (i8) -> () // expected-error {{'@Gone'}}
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()
