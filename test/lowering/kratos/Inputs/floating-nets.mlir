// Each problem is reported at the op that shows it (the instance, the variable).

"loom.module"() ({
^bb0(%a: i8, %b: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{input 'b' of instance 'u0' ('Child') is a floating net: it is not connected (run zero-generator-inputs before this check to tie it to 0)}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}], user_attributes = {zero_inputs = ""}} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{'v' is a floating net: it is read but never assigned}}
  %v = sv.logic : !hw.inout<i8>
  %r = sv.read_inout %v : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i4, %clk: !seq.clock):
  // expected-error @+1 {{v[2] is a floating net: it is read but bit 2 is never assigned}}
  %v = sv.logic : !hw.inout<i4>
  %c0 = hw.constant 0 : i2
  %c3 = hw.constant 3 : i2
  %lo = sv.indexed_part_select_inout %v[%c0 : 2] : !hw.inout<i4>, i2
  %hi = sv.indexed_part_select_inout %v[%c3 : 1] : !hw.inout<i4>, i2
  %bits = comb.extract %x from 0 : (i4) -> i2
  %bit = comb.extract %x from 3 : (i4) -> i1
  sv.alwayscomb {
    sv.bpassign %lo, %bits : i2
    sv.bpassign %hi, %bit : i1
  }
  %r = sv.read_inout %v : !hw.inout<i4>
  "loom.output"(%r) : (i4) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i4}, {name = "clk", dir = "in", type = !seq.clock}, {name = "y", dir = "out", type = i4}]} : () -> ()

// -----

// Only the top of a generator's body is scanned (MLIR's walk driver finds the ops): a stub's floating
// variable, one nested in a statement and one in an hw.module are not reported; the one at the top of the
// last generator is.
"loom.module"() ({
^bb0(%x: i8):
  %v = sv.logic : !hw.inout<i8>
  %r = sv.read_inout %v : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Stub", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}], user_attributes = {stub = ""}} : () -> ()
hw.module @Plain(in %x : i8, out y : i8) {
  %v = sv.logic : !hw.inout<i8>
  %r = sv.read_inout %v : !hw.inout<i8>
  hw.output %r : i8
}
"loom.module"() ({
^bb0(%x: i8, %c: i1):
  sv.alwayscomb {
    sv.if %c {
      %inner = sv.logic : !hw.inout<i8>
      %ir = sv.read_inout %inner : !hw.inout<i8>
    }
  }
  // expected-error @+1 {{'w' is a floating net: it is read but never assigned}}
  %w = sv.logic : !hw.inout<i8>
  %r = sv.read_inout %w : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "y", dir = "out", type = i8}]} : () -> ()
