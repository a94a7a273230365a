// An always_comb that assigns `y` on one path only: check-inferred-latch reports it (test_loom_opt.py).
"loom.module"() ({
^bb0(%en: i1, %x: i8):
  %y = sv.logic sym @y : !hw.inout<i8>
  %y_value = sv.read_inout %y : !hw.inout<i8>
  sv.alwayscomb {
    sv.if %en {
      sv.bpassign %y, %x : i8
    }
  }
  "loom.output"(%y_value) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "en", type = i1}, {dir = "in", name = "x", type = i8}, {dir = "out", name = "y", type = i8}], sym_name = "Latch"} : () -> ()
