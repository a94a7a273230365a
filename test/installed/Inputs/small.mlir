// A small loom design for the installed-wheel tests (test_loom_opt.py): a top with two instances
// of one leaf, a register, a register nothing reads, and an always_comb if/elif chain on one subject.
"loom.module"() ({
^bb0(%a: i8):
  %c1 = hw.constant 1 : i8
  %sum = comb.add %a, %c1 : i8
  "loom.output"(%sum) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Leaf"} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %sel: i2, %x: i8):
  %u0 = "loom.instance"(%x) {input_names = ["a"], instance_name = "u0", module = @Leaf, output_names = ["o"], parameters = {}} : (i8) -> i8
  %l0 = hw.wire %u0 sym @l0 : i8
  %u1 = "loom.instance"(%x) {input_names = ["a"], instance_name = "u1", module = @Leaf, output_names = ["o"], parameters = {}} : (i8) -> i8
  %l1 = hw.wire %u1 sym @l1 : i8
  %y_value = sv.read_inout %y : !hw.inout<i8>
  %zero = hw.constant 0 : i8
  %r = seq.firreg %y_value clock %clk reset sync %rst, %zero : i8
  %y = sv.logic sym @y : !hw.inout<i8>
  %unread = seq.firreg %x clock %clk : i8
  %s0 = hw.constant 0 : i2
  %is0 = comb.icmp eq %sel, %s0 : i2
  %s1 = hw.constant 1 : i2
  %is1 = comb.icmp eq %sel, %s1 : i2
  sv.alwayscomb {
    sv.if %is0 {
      sv.bpassign %y, %l0 : i8
    } else {
      sv.if %is1 {
        sv.bpassign %y, %l1 : i8
      } else {
        sv.bpassign %y, %x : i8
      }
    }
  }
  "loom.output"(%y_value, %r) : (i8, i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "clk", type = !seq.clock}, {dir = "in", name = "rst", reset = "sync", type = i1}, {dir = "in", name = "sel", type = i2}, {dir = "in", name = "x", type = i8}, {dir = "out", name = "y", type = i8}, {dir = "out", name = "q", type = i8}], sym_name = "Top"} : () -> ()
