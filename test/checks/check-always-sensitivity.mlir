// RUN: loom-opt %s -p check-always-sensitivity --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-always-sensitivity --split-input-file 2>&1 | filecheck %s
// Only clocks (!seq.clock) and inputs declared as asynchronous resets (reset = "async")
// may be in a sensitivity list, on the edge that matches the reset's polarity.

// CHECK: error: 'srst' is declared a synchronous reset but is in the sensitivity list of this always_ff

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %rst_n: i1, %srst: i1, %a: i1, %en: i1):
  %c = seq.from_clock %clk
  // Fine: a clock and an active-low asynchronous reset on negedge.
  sv.alwaysff(posedge %c) {
  } (asyncreset : negedge %rst_n) {
  }
  // Fine: a synchronous reset is not in the sensitivity list.
  sv.alwaysff(posedge %c) {
  } (syncreset : posedge %srst) {
  }
  // expected-error @below {{'srst' is declared a synchronous reset but is in the sensitivity list of this always_ff; loom's reset() is synchronous unless asked (kratos's is asynchronous by default): declare it with reset(asynchronous=True) (kratos: is_async=True) or test it inside the block}}
  sv.alwaysff(posedge %c) {
  } (asyncreset : posedge %srst) {
  }
  // expected-error @below {{'en' is a data signal used as the clock of this always_ff; only clocks and asynchronous resets may be in a sensitivity list}}
  sv.alwaysff(posedge %en) {
  }
  // expected-error @+4 {{active-low reset 'rst_n' is in the sensitivity list on posedge; use negedge}}
  // expected-error @+3 {{active-high reset 'rst' is in the sensitivity list on negedge; use posedge}}
  // expected-error @+2 {{'a' is a data signal used as the asynchronous reset of this always}}
  // expected-error @+1 {{asynchronous reset 'rst' must be in the sensitivity list on posedge, not on any edge}}
  sv.always posedge %c, posedge %rst_n, negedge %rst, edge %a, edge %rst {
  }
  // expected-error @below {{clock 'clk' is used as the asynchronous reset of this always_ff}}
  sv.alwaysff(posedge %c) {
  } (asyncreset : posedge %c) {
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1, reset = "async"},
             {name = "rst_n", dir = "in", type = i1, reset = "async", active_low = true},
             {name = "srst", dir = "in", type = i1, reset = "sync"}, {name = "a", dir = "in", type = i1},
             {name = "en", dir = "in", type = i1}]} : () -> ()

// -----

// A value computed inside the module is not a declared signal at all.
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i1, %b: i1):
  %c = seq.from_clock %clk
  %g = comb.and %a, %b : i1
  // expected-error @below {{the value of 'comb.and' is not a clock or an asynchronous reset input; only those may be in the sensitivity list of this always_ff}}
  sv.alwaysff(posedge %c) {
  } (asyncreset : posedge %g) {
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "G", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i1}, {name = "b", dir = "in", type = i1}]} : () -> ()
