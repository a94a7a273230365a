// A loom.assign whose kind is none of undefined / blocking / nonblocking / continuous.
hw.module @BadKind(in %a: i8) {
  %o = sv.logic sym @o : !hw.inout<i8>
  // expected-error @+1 {{'loom.assign' kind must be one of undefined, blocking, nonblocking, continuous, not 'sometimes'}}
  "loom.assign"(%o, %a) {kind = "sometimes"} : (!hw.inout<i8>, i8) -> ()
}
