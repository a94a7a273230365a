// RUN: loom-opt %s -p remove-assertion | filecheck %s

// Every assertion statement goes (immediate assert, concurrent cover), and
// with them what only they read: the comparison, the history register that
// feeds itself, the `chk` variable and its assignment, the if left empty.
// The sum that also drives the output stays.
// CHECK:      ^bb0(
// CHECK-NEXT:   %o = sv.logic sym @o
// CHECK-NEXT:   %[[S:.*]] = comb.add %arg0, %arg0
// CHECK-NEXT:   sv.alwayscomb {
// CHECK-NEXT:     sv.bpassign %o, %[[S]]
// CHECK-NEXT:   }
// CHECK-NEXT:   %[[R:.*]] = sv.read_inout %o
// CHECK-NEXT:   "loom.output"(%[[R]])
"loom.module"() ({
^bb0(%a: i8, %c: i1, %clk: !seq.clock):
  %o = sv.logic sym @o : !hw.inout<i8>
  %shared = comb.add %a, %a : i8
  %only = comb.mul %a, %a : i8
  %hist = seq.firreg %next clock %clk : i8
  %one = hw.constant 1 : i8
  %next = comb.add %hist, %one : i8
  %chk = sv.logic sym @chk : !hw.inout<i1>
  %zero = hw.constant 0 : i8
  sv.alwayscomb {
    sv.bpassign %o, %shared : i8
    %e = comb.icmp ne %only, %zero : i8
    sv.bpassign %chk, %e : i1
    sv.if %c {
      %h = comb.icmp ult %hist, %shared : i8
      sv.assert %h, immediate message "history below"
    }
    %r = sv.read_inout %chk : !hw.inout<i1>
    sv.assert %r, immediate message "nonzero"
  }
  %clk1 = seq.from_clock %clk
  %p = comb.icmp eq %a, %shared : i8
  sv.cover.concurrent posedge %clk1, %p
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}]} : () -> ()
