// A module every check accepts: an always_comb with complete if/else and case,
// an always_ff with an asynchronous active-low reset, a counter register with a
// synchronous reset, a continuous assignment and a child instance.
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1, %srst: i1, %a: i8, %b: i8, %sel: i2, %en: i1):
  %mux = sv.logic : !hw.inout<i8>
  %acc = sv.logic : !hw.inout<i8>
  %low = sv.logic : !hw.inout<i8>
  %child = sv.logic : !hw.inout<i8>
  %z8 = hw.constant 0 : i8
  %u0:1 = "loom.instance"(%a) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> (i8)
  sv.assign %child, %u0#0 : i8
  sv.alwayscomb {
    // A default, then overrides: every path assigns 'mux' and 'low'.
    sv.bpassign %low, %z8 : i8
    sv.case %sel : i2
    case b00: {
      sv.bpassign %mux, %a : i8
    }
    case b01: {
      sv.bpassign %mux, %b : i8
    }
    default: {
      %sum = comb.add %a, %b : i8
      sv.bpassign %mux, %sum : i8
    }
    sv.if %en {
      %p = sv.indexed_part_select_inout %low[%sel : 4] : !hw.inout<i8>, i2
      %c5 = hw.constant 5 : i4
      sv.bpassign %p, %c5 : i4
    }
  }
  %c = seq.from_clock %clk
  %m = sv.read_inout %mux : !hw.inout<i8>
  sv.alwaysff(posedge %c) {
    sv.if %en {
      %acc_v = sv.read_inout %acc : !hw.inout<i8>
      %next = comb.add %acc_v, %m : i8
      sv.passign %acc, %next : i8
    }
  } (asyncreset : negedge %rst_n) {
    sv.passign %acc, %z8 : i8
  }
  %cnt_next = comb.add %cnt, %a : i8
  %cnt = seq.firreg %cnt_next clock %clk reset sync %srst, %z8 : i8
  %acc_o = sv.read_inout %acc : !hw.inout<i8>
  %low_o = sv.read_inout %low : !hw.inout<i8>
  %child_o = sv.read_inout %child : !hw.inout<i8>
  %x0 = comb.xor %acc_o, %low_o, %child_o, %cnt : i8
  "loom.output"(%x0) : (i8) -> ()
}, {}) {sym_name = "Clean", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1, reset = "async", active_low = true},
             {name = "srst", dir = "in", type = i1, reset = "sync"}, {name = "a", dir = "in", type = i8},
             {name = "b", dir = "in", type = i8}, {name = "sel", dir = "in", type = i2}, {name = "en", dir = "in", type = i1},
             {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
