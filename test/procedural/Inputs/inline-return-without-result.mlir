// inline-functions without check-function-return first: a valued return in a function without result.
"loom.module"() ({
^bb0(%a: i8):
  sv.alwayscomb {
    "loom.func"() ({
      // expected-error @+1 {{'return' with a value in a function without result; run check-function-return}}
      "loom.return"(%a) : (i8) -> ()
    }, {}) {name = "log_only"} : () -> ()
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "NoResult", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()
