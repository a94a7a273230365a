// RUN: loom-opt %s -p check-flip-flop-always-ff --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-flip-flop-always-ff --split-input-file 2>&1 | filecheck %s
// always_ff blocks Design Compiler would not build as flip-flops (ELAB-302 and the rules behind it).

// CHECK: error: blocking assignment (=) in an always_ff: flip-flops take non-blocking assignments (<=)

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %a: i8, %en: i1):
  %x = sv.logic : !hw.inout<i8>
  %y = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  %c0 = hw.constant 0 : i8
  sv.alwaysff(posedge %c) {
    // expected-error @below {{blocking assignment (=) in an always_ff: flip-flops take non-blocking assignments (<=)}}
    sv.bpassign %x, %a : i8
    // expected-error @below {{blocking assignment (=) in an always_ff}}
    "loom.assign"(%y, %a) {kind = "blocking"} : (!hw.inout<i8>, i8) -> ()
    // expected-error @below {{asynchronous reset 'rst' is tested again in the clocked logic of this always_ff: reset styles are mixed}}
    sv.if %rst {
      sv.passign %x, %c0 : i8
    }
    %cc = comb.concat %c, %c, %c, %c, %c, %c, %c, %c : i1, i1, i1, i1, i1, i1, i1, i1 // expected-error {{clock 'clk' is read as data inside the always_ff it clocks}}
    sv.passign %y, %cc : i8
  } (asyncreset : posedge %rst) {
    sv.passign %x, %c0 : i8
  }
  // An undefined loom.assign becomes non-blocking here: fine.
  sv.alwaysff(posedge %c) {
    "loom.assign"(%y, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1}]} : () -> ()

// -----

// sv.always on a clock and asynchronous resets: one top-level if, testing the resets first,
// with the polarity of their edges.
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1, %set: i1, %a: i8, %en: i1):
  %y = sv.logic : !hw.inout<i8>
  %z = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  %c0 = hw.constant 0 : i8
  %true = hw.constant true
  %not_rst = comb.xor %rst_n, %true : i1
  // Fine: if (!rst_n) ... else if (set) ... else <clocked>.
  sv.always posedge %c, negedge %rst_n, posedge %set {
    sv.if %not_rst {
      sv.passign %z, %c0 : i8
    } else {
      sv.if %set {
        sv.passign %z, %a : i8
      } else {
        sv.passign %z, %a : i8
      }
    }
  }
  sv.always posedge %c, negedge %rst_n {
    // expected-error @below {{the statements in this always are outside the scope of the synthesis policy: only an 'if' testing the asynchronous reset may be at its top level (ELAB-302)}}
    sv.passign %y, %a : i8
    sv.if %not_rst {
      sv.passign %y, %c0 : i8
    }
  }
  sv.always posedge %c, negedge %rst_n {
    // expected-error @below {{reset 'rst_n' is in the sensitivity list on negedge but tested active-high; write if (!rst_n)}}
    sv.if %rst_n {
      sv.passign %y, %c0 : i8
    } else {
      sv.passign %y, %a : i8
    }
  }
  sv.always posedge %c, negedge %rst_n {
    // expected-error @below {{the 'if' at the top of this always must test its asynchronous reset ('rst_n') first (ELAB-302)}}
    sv.if %en {
      sv.passign %y, %a : i8
    }
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "T", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1, reset = "async", active_low = true}, {name = "set", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1}]} : () -> ()

// -----

// One reset, one style: not both synchronous and asynchronous, and a port declared
// asynchronous is not used as a synchronous reset.
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %arst: i1, %a: i8):
  %y = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  %c0 = hw.constant 0 : i8
  // expected-note @below {{used as an asynchronous reset here}}
  sv.alwaysff(posedge %c) {
    sv.passign %y, %a : i8
  } (asyncreset : posedge %rst) {
    sv.passign %y, %c0 : i8
  }
  // expected-error @below {{'rst' is used as a synchronous reset here and as an asynchronous reset elsewhere: reset styles are mixed}}
  %r1 = seq.firreg %a clock %clk reset sync %rst, %c0 : i8
  // expected-error @below {{'arst' is declared an asynchronous reset but is used as a synchronous reset}}
  %r2 = seq.firreg %a clock %clk reset sync %arst, %c0 : i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "R", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "arst", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8}]} : () -> ()

// -----

// A port declared as an asynchronous reset, tested as a synchronous one in another always_ff.
"loom.module"() ({
^bb0(%clk: !seq.clock, %arst: i1, %a: i8):
  %y = sv.logic : !hw.inout<i8>
  %z = sv.logic : !hw.inout<i8>
  %c = seq.from_clock %clk
  %c0 = hw.constant 0 : i8
  sv.alwaysff(posedge %c) {
    // expected-error @below {{'arst' is declared an asynchronous reset but is used as a synchronous reset}}
    sv.if %arst {
      sv.passign %y, %c0 : i8
    } else {
      sv.passign %y, %a : i8
    }
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "D", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "arst", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8}]} : () -> ()
