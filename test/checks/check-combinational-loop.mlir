// RUN: loom-opt %s -p check-combinational-loop --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-combinational-loop --split-input-file 2>&1 | filecheck %s
// Each loop is reported once, as its signals in data-flow order, with a note where each is driven.

// CHECK: error: combinational loop: 'x' -> 'x'; break it with a register
// CHECK-NEXT: note: 'x' is driven here

// A self-loop through a named wire: x = x & a.
"loom.module"() ({
^bb0(%a: i1):
  %0 = comb.and %x, %a : i1
  // expected-error @below {{combinational loop: 'x' -> 'x'; break it with a register}}
  // expected-note @below {{'x' is driven here}}
  %x = hw.wire %0 sym @x : i1
  "loom.output"(%x) : (i1) -> ()
}, {}) {sym_name = "SelfLoop", parameters = [], ports = [{name = "a", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()

// -----

// Two signals driving each other; a register in a third path breaks nothing here.
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i1):
  // expected-error @below {{combinational loop: 'p' -> 'q' -> 'p'}}
  // expected-note @below {{'p' is driven here}}
  %p = hw.wire %0 sym @p : i1
  %0 = comb.xor %q, %a : i1
  // expected-note @below {{'q' is driven here}}
  %q = hw.wire %1 sym @q : i1
  %1 = comb.or %p, %r : i1
  %r = seq.firreg %q clock %clk : i1
  "loom.output"(%q) : (i1) -> ()
}, {}) {sym_name = "TwoSignals", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()

// -----

// A loop through an always_comb and the output port it drives.
"loom.module"() ({
^bb0(%a: i1):
  %0 = sv.read_inout %o : !hw.inout<i1>
  %1 = comb.or %0, %a : i1
  // expected-error @below {{combinational loop: 'y' -> 'o' -> 'y'}}
  // expected-note @below {{'y' is driven here}}
  %y = hw.wire %1 sym @y : i1
  %o = sv.logic sym @o : !hw.inout<i1>
  sv.alwayscomb {
    // expected-note @below {{'o' is driven here}}
    sv.bpassign %o, %y : i1
  }
  "loom.output"(%0) : (i1) -> ()
}, {}) {sym_name = "ThroughComb", parameters = [], ports = [{name = "a", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()

// -----

// An output port computed from itself.
"loom.module"() ({
^bb0(%a: i1):
  // expected-error @below {{combinational loop: output 'o' -> output 'o'}}
  // expected-note @below {{output 'o' is driven here}}
  %0 = comb.xor %0, %a : i1
  "loom.output"(%0) : (i1) -> ()
}, {}) {sym_name = "OutputLoop", parameters = [], ports = [{name = "a", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()

// -----

// Through a child: Inv.o depends on Inv.i, and the parent feeds o back to i. Pass.o does not depend on
// its input (a register), so the same wiring around it is no loop. The child is analysed once.
"loom.module"() ({
^bb0(%i: i1):
  %true = hw.constant true
  %0 = comb.xor %i, %true : i1
  "loom.output"(%0) : (i1) -> ()
}, {}) {sym_name = "Inv", parameters = [], ports = [{name = "i", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %i: i1):
  %r = seq.firreg %i clock %clk : i1
  "loom.output"(%r) : (i1) -> ()
}, {}) {sym_name = "Reg", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "i", dir = "in", type = i1}, {name = "o", dir = "out", type = i1}]} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock):
  // expected-error @below {{combinational loop: 'w' -> output 'o' of instance 'u0' -> 'w'}}
  // expected-note @below {{'w' is driven here}}
  %w = hw.wire %0 sym @w : i1
  // expected-note @below {{output 'o' of instance 'u0' is driven here}}
  %0 = "loom.instance"(%w) {instance_name = "u0", module = @Inv, input_names = ["i"], output_names = ["o"], parameters = {}} : (i1) -> i1
  %1 = "loom.instance"(%clk, %1) {instance_name = "u1", module = @Reg, input_names = ["clk", "i"], output_names = ["o"], parameters = {}} : (!seq.clock, i1) -> i1
  "loom.output"(%1) : (i1) -> ()
}, {}) {sym_name = "Parent", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i1}]} : () -> ()

// -----

// Not loops: an always_comb that reads what it has just written, an asynchronous memory read
// addressed by a register, a synchronous read feeding its own address, an FSM's state.
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i2, %c: i1):
  %o = sv.logic sym @o : !hw.inout<i2>
  %one = hw.constant 1 : i2
  sv.alwayscomb {
    sv.bpassign %o, %a : i2
    sv.if %c {
      %0 = sv.read_inout %o : !hw.inout<i2>
      %1 = comb.add %0, %one : i2
      sv.bpassign %o, %1 : i2
    }
  }
  %m = sv.reg sym @m : !hw.inout<uarray<4xi2>>
  %slot = sv.array_index_inout %m[%q] : !hw.inout<uarray<4xi2>>, i2
  %word = sv.read_inout %slot : !hw.inout<i2>
  %q = seq.firreg %word clock %clk : i2
  %2 = sv.read_inout %o : !hw.inout<i2>
  "loom.output"(%2, %q) : (i2, i2) -> ()
}, {}) {sym_name = "Clean", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i2}, {name = "c", dir = "in", type = i1}, {name = "o", dir = "out", type = i2}, {name = "q", dir = "out", type = i2}]} : () -> ()

// -----

// An asynchronous memory read whose address is the word it reads: a loop.
"loom.module"() ({
^bb0(%clk: !seq.clock):
  %m = sv.reg sym @m : !hw.inout<uarray<4xi2>>
  %slot = sv.array_index_inout %m[%r] : !hw.inout<uarray<4xi2>>, i2
  %word = sv.read_inout %slot : !hw.inout<i2>
  // expected-error @below {{combinational loop: 'r' -> 'r'}}
  // expected-note @below {{'r' is driven here}}
  %r = hw.wire %word sym @r : i2
  "loom.output"(%r) : (i2) -> ()
}, {}) {sym_name = "AsyncRead", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i2}]} : () -> ()
