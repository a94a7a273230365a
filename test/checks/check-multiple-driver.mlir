// RUN: loom-opt %s -p check-multiple-driver --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-multiple-driver --split-input-file 2>&1 | filecheck %s
// Every driver conflict of a module is reported, each at the second driver with a note at the first,
// and the pipeline stops (exit 1).

// CHECK: error: 'x' has multiple drivers: a continuous assignment from output 'o' of instance 'u0' and a continuous assignment
// CHECK: note: 'x' is also driven here

"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i8, %b: i8, %i: i2):
  %x = sv.logic : !hw.inout<i8>
  %y = sv.logic : !hw.inout<i8>
  %arr = sv.logic : !hw.inout<!hw.array<4xi8>>
  %w = sv.logic : !hw.inout<i8>
  %u0:1 = "loom.instance"(%a) {instance_name = "u0", module = @C, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> (i8)
  // expected-note @below {{'x' is also driven here}}
  sv.assign %x, %a : i8
  // expected-error @below {{'x' has multiple drivers: a continuous assignment from output 'o' of instance 'u0' and a continuous assignment}}
  sv.assign %x, %u0#0 : i8
  sv.alwayscomb {
    // expected-note @below {{'y' is also driven here}}
    sv.bpassign %y, %a : i8
    %c1 = hw.constant 1 : i2
    %e1 = sv.array_index_inout %arr[%c1] : !hw.inout<!hw.array<4xi8>>, i2
    // expected-note @below {{'arr' is also driven here}}
    sv.bpassign %e1, %a : i8
    // Several assignments to one variable in one always_comb: the last one wins, no conflict.
    sv.bpassign %w, %a : i8
    sv.bpassign %w, %b : i8
  }
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    // expected-error @below {{'y' has multiple drivers: an always_ff block and an always_comb block}}
    sv.passign %y, %b : i8
    // A different element of 'arr': no conflict.
    %c2 = hw.constant 2 : i2
    %e2 = sv.array_index_inout %arr[%c2] : !hw.inout<!hw.array<4xi8>>, i2
    sv.passign %e2, %a : i8
    // A non-constant index may write any element, 'arr[1]' included.
    %ei = sv.array_index_inout %arr[%i] : !hw.inout<!hw.array<4xi8>>, i2
    // expected-error @below {{'arr[1]' has multiple drivers: an always_ff block and an always_comb block}}
    sv.passign %ei, %a : i8
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "i", dir = "in", type = i2}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "C", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Slices: disjoint part selects are fine; overlapping bits are named.
"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %x = sv.logic : !hw.inout<i8>
  %c0 = hw.constant 0 : i3
  %c4 = hw.constant 4 : i3
  %c2 = hw.constant 2 : i3
  %lo = sv.indexed_part_select_inout %x[%c0 : 4] : !hw.inout<i8>, i3
  %hi = sv.indexed_part_select_inout %x[%c4 : 4] : !hw.inout<i8>, i3
  %mid = sv.indexed_part_select_inout %x[%c2 : 4] : !hw.inout<i8>, i3
  sv.assign %lo, %a : i4 // expected-note {{'x' is also driven here}}
  sv.assign %hi, %b : i4 // expected-note {{'x' is also driven here}}
  // Several @below expectations in a row all name the next op (MLIR's rule).
  // expected-error @below {{bits 3:2 of 'x' have multiple drivers: a continuous assignment and a continuous assignment}}
  // expected-error @below {{bits 5:4 of 'x' have multiple drivers}}
  sv.assign %mid, %b : i4
  "loom.output"() : () -> ()
}, {}) {sym_name = "S", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}]} : () -> ()

// -----

// In an always_ff, a default followed by a conditional override is the usual idiom;
// two assignments to the same bits in the same branch leave the first without effect.
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i8, %b: i8, %en: i1):
  %q = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    // expected-note @below {{first assigned here}}
    sv.passign %q, %a : i8
    sv.if %en {
      sv.passign %q, %b : i8
    }
    // expected-error @below {{'q' is assigned twice in the same branch of this always_ff (bits 7:0); the first assignment has no effect}}
    sv.passign %q, %b : i8
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "F", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "en", dir = "in", type = i1}]} : () -> ()
