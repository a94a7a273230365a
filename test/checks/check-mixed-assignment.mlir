// RUN: loom-opt %s -p check-mixed-assignment --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-mixed-assignment --split-input-file 2>&1 | filecheck %s
// A variable takes one kind of assignment; each mixed variable is reported at the first
// assignment of a second kind, with a note at each assignment of the other kinds.

// CHECK: error: mixed assignment to 'y': blocking assignment (=) and non-blocking assignment (<=)

"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i8, %b: i8):
  %x = sv.logic : !hw.inout<i8>
  %y = sv.logic : !hw.inout<i8>
  %arr = sv.logic : !hw.inout<!hw.array<2xi8>>
  %ok = sv.logic : !hw.inout<i8>
  %ok2 = sv.logic : !hw.inout<i8>
  // expected-note @below {{continuous assignment (assign) to 'x' here}}
  sv.assign %x, %a : i8
  sv.alwayscomb {
    // expected-error @below {{mixed assignment to 'x': continuous assignment (assign) and blocking assignment (=); a variable takes one kind of assignment}}
    sv.bpassign %x, %b : i8
    // expected-note @below {{blocking assignment (=) to 'y' here}}
    sv.bpassign %y, %a : i8
    %c0 = hw.constant 0 : i1
    %e0 = sv.array_index_inout %arr[%c0] : !hw.inout<!hw.array<2xi8>>, i1
    // expected-note @below {{blocking assignment (=) to 'arr' here}}
    sv.bpassign %e0, %a : i8
    // loom.assign of undefined kind is blocking in an always_comb: no mix with sv.bpassign.
    "loom.assign"(%ok, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
    sv.bpassign %ok, %b : i8
  }
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    // expected-error @below {{mixed assignment to 'y': blocking assignment (=) and non-blocking assignment (<=)}}
    sv.passign %y, %b : i8
    // Slices count for their variable, as in kratos.
    %c1 = hw.constant 1 : i1
    %e1 = sv.array_index_inout %arr[%c1] : !hw.inout<!hw.array<2xi8>>, i1
    // expected-error @below {{mixed assignment to 'arr'}}
    sv.passign %e1, %b : i8
    // loom.assign of undefined kind is non-blocking in an always_ff.
    "loom.assign"(%ok2, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
    sv.passign %ok2, %b : i8
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}]} : () -> ()

// -----

// An explicit kind on loom.assign counts as written; at module level an undefined kind is continuous.
"loom.module"() ({
^bb0(%a: i8, %b: i8):
  %x = sv.logic : !hw.inout<i8>
  "loom.assign"(%x, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> () // expected-note {{continuous assignment (assign) to 'x' here}}
  sv.alwayscomb {
    // expected-error @below {{mixed assignment to 'x': continuous assignment (assign) and non-blocking assignment (<=)}}
    "loom.assign"(%x, %b) {kind = "nonblocking"} : (!hw.inout<i8>, i8) -> ()
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "K", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}]} : () -> ()
