// RUN: loom-opt %s -p remove-unused-stmts | filecheck %s

// Empty always blocks go, also those holding only pure expressions or only
// empty ifs/cases (innermost first); an always_ff whose reset region still
// assigns stays, and so does an if with a statement in one branch.
// CHECK:      %o = sv.logic sym @o
// CHECK-NEXT: sv.alwaysff(posedge %{{.*}}) {
// CHECK-NEXT: }(asyncreset : posedge %{{.*}}) {
// CHECK-NEXT:   sv.passign %o
// CHECK-NEXT: }
// CHECK-NEXT: sv.alwayscomb {
// CHECK-NEXT:   sv.if %{{.*}} {
// CHECK-NEXT:     sv.bpassign %o
// CHECK-NEXT:   } else {
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: sv.read_inout
// CHECK-NOT:  sv.initial
"loom.module"() ({
^bb0(%a: i8, %c: i1, %clk: i1, %rst: i1):
  %o = sv.logic sym @o : !hw.inout<i8>
  sv.alwayscomb {
  }
  sv.alwayscomb {
    %x = comb.add %a, %a : i8
    sv.if %c {
      sv.if %c {
      } else {
      }
    }
  }
  sv.alwaysff(posedge %clk) {
  } (asyncreset : posedge %rst) {
    sv.passign %o, %a : i8
  }
  sv.initial {
    sv.case %a : i8
    case b00000000: {
      %y = comb.add %a, %a : i8
    }
    default: {
      %z = comb.add %a, %a : i8
    }
  }
  sv.alwayscomb {
    sv.if %c {
      sv.bpassign %o, %a : i8
    } else {
      sv.if %c {
      }
    }
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "clk", dir = "in", type = i1}, {name = "rst", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()
