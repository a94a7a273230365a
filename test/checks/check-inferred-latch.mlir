// RUN: loom-opt %s -p check-inferred-latch --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-inferred-latch --split-input-file 2>&1 | filecheck %s
// Each latch is reported at the variable's first assignment, with a note where its bits are lost.

// CHECK: error: 'x' is not assigned on every path through this always_comb: it will be inferred as a latch
// CHECK-NEXT: note: not assigned when this condition is false: this if has no else

"loom.module"() ({
^bb0(%a: i8, %en: i1, %sel: i2, %i: i2):
  %x = sv.logic : !hw.inout<i8>
  %y = sv.logic : !hw.inout<i8>
  %z = sv.logic : !hw.inout<i8>
  %full = sv.logic : !hw.inout<i8>
  %arr = sv.logic : !hw.inout<!hw.array<4xi8>>
  %dflt = sv.logic : !hw.inout<!hw.array<4xi8>>
  sv.alwayscomb {
    // expected-note @below {{not assigned when this condition is false: this if has no else}}
    sv.if %en {
      // expected-error @below {{'x' is not assigned on every path through this always_comb: it will be inferred as a latch}}
      sv.bpassign %x, %a : i8
    }
    // expected-note @below {{not assigned in case 2 of this case statement}}
    sv.case casez %sel : i2
    case b00: {
      // expected-error @below {{'y' is not assigned on every path}}
      sv.bpassign %y, %a : i8
      sv.bpassign %full, %a : i8
    }
    case b01: {
      sv.bpassign %full, %a : i8
    }
    // casez: 'z' bits are wildcards, so b1z covers 10 and 11 and the case is complete for 'full'.
    case b1z: {
      sv.bpassign %full, %a : i8
      sv.bpassign %y, %a : i8
    }
    // expected-note @below {{not assigned when this condition is false}}
    sv.if %en {
      // expected-error @below {{'z' is not assigned on every path}}
      sv.bpassign %z, %a : i8
    } else {
      // Only the low half of 'z' is assigned here.
      %c0 = hw.constant 0 : i2
      %p = sv.indexed_part_select_inout %z[%c0 : 4] : !hw.inout<i8>, i2
      %c = hw.constant 0 : i4
      sv.bpassign %p, %c : i4
    }
    // A non-constant index: which element is assigned cannot be told.
    %e = sv.array_index_inout %arr[%i] : !hw.inout<!hw.array<4xi8>>, i2
    // expected-error @+2 {{'arr' is not assigned on every path}}
    // expected-note @+1 {{the index of this assignment is not a constant, so the bits it assigns are unknown}}
    sv.bpassign %e, %a : i8
    // ... but after a default for the whole array it is fine.
    %zero = hw.constant 0 : i32
    %zarr = hw.bitcast %zero : (i32) -> !hw.array<4xi8>
    sv.bpassign %dflt, %zarr : !hw.array<4xi8>
    %f = sv.array_index_inout %dflt[%i] : !hw.inout<!hw.array<4xi8>>, i2
    sv.bpassign %f, %a : i8
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1}, {name = "sel", dir = "in", type = i2}, {name = "i", dir = "in", type = i2}]} : () -> ()

// -----

// A plain case without default is complete only when its patterns enumerate every value;
// a constant condition takes one branch only.
"loom.module"() ({
^bb0(%a: i8, %sel: i1):
  %full = sv.logic : !hw.inout<i8>
  %part = sv.logic : !hw.inout<i8>
  %k = sv.logic : !hw.inout<i8>
  %true = hw.constant true
  sv.alwayscomb {
    sv.case %sel : i1
    case b0: {
      sv.bpassign %full, %a : i8
    }
    case b1: {
      sv.bpassign %full, %a : i8
    }
    // expected-note @below {{not assigned when no case matches: this case has no default}}
    sv.case %sel : i1
    case b0: {
      // expected-error @below {{'part' is not assigned on every path}}
      sv.bpassign %part, %a : i8
    }
    sv.if %true {
      sv.bpassign %k, %a : i8
    }
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "C", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "sel", dir = "in", type = i1}]} : () -> ()

// -----

// Sequential blocks: a flop assigned on reset but never in the clocked branch only holds its reset value.
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %a: i8):
  %q = sv.logic : !hw.inout<i8>
  %r = sv.logic : !hw.inout<i8>
  %s = sv.logic : !hw.inout<i8>
  %z = hw.constant 0 : i8
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    sv.passign %r, %a : i8
  } (asyncreset : posedge %rst) {
    // expected-error @below {{'q' is assigned on reset but never in the clocked branch of this always_ff: it will be inferred as a latch}}
    sv.passign %q, %z : i8
    sv.passign %r, %z : i8
  }
  sv.always posedge %c, posedge %rst {
    sv.if %rst {
      // expected-error @below {{'s' is assigned on reset but never in the clocked branch of this always}}
      sv.passign %s, %z : i8
    }
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "S", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8}]} : () -> ()
