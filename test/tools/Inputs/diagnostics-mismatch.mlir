// Input for verify-diagnostics.mlir: every way an expectation can be unmet.

hw.module @Ok() {
  // expected-error @+1 {{this error is never emitted}}
  hw.output
}

// -----

"loom.module"() ({
^bb0(%x: i8):
  "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = []} : (i8) -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "Unexpected", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i8):
  // expected-warning @below {{refers to module '@Missing'}}
  "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = []} : (i8) -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "WrongSeverity", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+2 {{refers to module '@Missing'}}
  "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = []} : (i8) -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "WrongLine", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()
