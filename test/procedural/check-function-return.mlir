// RUN: loom-opt %s --check-function-return | filecheck %s
// RUN: loom-opt %S/Inputs/bad-returns.mlir --check-function-return --split-input-file --verify-diagnostics

// Well-formed functions pass unchanged: every path returns, nothing follows a return.
// CHECK-LABEL: "loom.module"
// CHECK: "loom.func"(%{{.+}}) ({
// CHECK: "loom.return"
// CHECK: {name = "clamp"}
// CHECK: "loom.func"() ({
// CHECK: {name = "log_only"}
"loom.module"() ({
^bb0(%a: i8, %lo: i8):
  %r = sv.logic sym @clamp : !hw.inout<i8>
  %c = comb.icmp ult %a, %lo : i8
  %sel = comb.extract %a from 0 : (i8) -> i2
  sv.alwayscomb {
    "loom.func"(%r) ({
      sv.if %c {
        "loom.return"(%lo) : (i8) -> ()
      } else {
        sv.case %sel : i2
        case b00: {
          "loom.return"(%a) : (i8) -> ()
        }
        default: {
          "loom.return"(%lo) : (i8) -> ()
        }
      }
    }, {}) {name = "clamp"} : (!hw.inout<i8>) -> ()
    "loom.func"() ({
      sv.if %c {
        "loom.return"() : () -> ()
      }
    }, {}) {name = "log_only"} : () -> ()
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "Good", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "lo", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
