// A stub must not contain logic (kratos's rule): each offending op is reported.
// expected-error @+1 {{Stub.a is driving a net, but 'Stub' is declared as a stub}}
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+2 {{Stub.o is driven by a net, but 'Stub' is declared as a stub}}
  // expected-error @+1 {{'Stub' is declared as a stub but contains 'comb.add'}}
  %s = comb.add %a, %a : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "Stub", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}], user_attributes = {stub = ""}} : () -> ()
