// A loom.assign whose kind is none of undefined / blocking / nonblocking / continuous.
hw.module @BadKind(in %a: i8) {
  %o = sv.logic sym @o : !hw.inout<i8>
  // expected-error @+1 {{'loom.assign' needs two operands and a kind among undefined, blocking, nonblocking, continuous; got kind 'sometimes'}}
  "loom.assign"(%o, %a) {kind = "sometimes"} : (!hw.inout<i8>, i8) -> ()
}
