// Hardware functions with return bugs; check-function-return reports each at its op.
"loom.module"() ({
^bb0(%a: i8, %c: i1):
  %r = sv.logic sym @f : !hw.inout<i8>
  sv.alwayscomb {
    // expected-error @+1 {{function 'missing' does not return a value on every path (missing return)}}
    "loom.func"(%r) ({
      sv.if %c {
        "loom.return"(%a) : (i8) -> ()
      }
    }, {}) {name = "missing"} : (!hw.inout<i8>) -> ()
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "Missing", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8, %c: i1):
  %r = sv.logic sym @f : !hw.inout<i8>
  %one = hw.constant 1 : i8
  sv.alwayscomb {
    "loom.func"(%r) ({
      "loom.return"(%a) : (i8) -> ()
      // expected-error @+1 {{unreachable code after return in function 'early'}}
      %s = comb.add %a, %one : i8
      "loom.return"(%s) : (i8) -> ()
    }, {}) {name = "early"} : (!hw.inout<i8>) -> ()
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "Unreachable", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8, %c: i1):
  %r = sv.logic sym @f : !hw.inout<i8>
  sv.alwayscomb {
    "loom.func"(%r) ({
      sv.if %c {
        "loom.return"(%a) : (i8) -> ()
      } else {
        "loom.return"(%a) : (i8) -> ()
      }
      // expected-error @+1 {{unreachable code after return in function 'both'}}
      sv.bpassign %r, %a : i8
    }, {}) {name = "both"} : (!hw.inout<i8>) -> ()
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "AfterIf", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8, %c: i1):
  %r = sv.logic sym @f : !hw.inout<i8>
  sv.alwayscomb {
    "loom.func"(%r) ({
      sv.if %c {
        // expected-error @+1 {{'return' without a value in function 'novalue', which returns a value}}
        "loom.return"() : () -> ()
      } else {
        "loom.return"(%a) : (i8) -> ()
      }
    }, {}) {name = "novalue"} : (!hw.inout<i8>) -> ()
    "loom.func"() ({
      // expected-error @+1 {{'return' with a value in function 'void', which has no result}}
      "loom.return"(%a) : (i8) -> ()
    }, {}) {name = "void"} : () -> ()
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "Values", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// The op table (dialect/statement_ops.py) places 'loom.return' inside a 'loom.func': checked right after parsing.
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'loom.return' must be inside a 'loom.func'}}
  "loom.return"(%a) : (i8) -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "Outside", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()
