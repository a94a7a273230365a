// RUN: loom-opt %s --split-input-file -p transform-if-to-case | filecheck %s
// RUN: loom-opt %s --split-input-file -p 'transform-if-to-case, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// An if/elif/elif/else chain on one subject becomes a case with a default.
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.case %arg0 : i2
// CHECK-NEXT:   case b00: {
// CHECK-NEXT:     sv.bpassign %o, %arg1 : i8
// CHECK-NEXT:   }
// CHECK-NEXT:   case b01: {
// CHECK-NEXT:     sv.bpassign %o, %arg2 : i8
// CHECK-NEXT:   }
// CHECK-NEXT:   case b10: {
// CHECK-NEXT:     sv.bpassign %o, %arg3 : i8
// CHECK-NEXT:   }
// CHECK-NEXT:   default: {
// CHECK-NEXT:     sv.bpassign %o, %arg1 : i8
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NOT:  comb.icmp
// CHECK:      sym_name = "chain"
// SV-LABEL: module chain(
// SV:         always_comb begin
// SV-NEXT:      case (sel)
// SV-NEXT:        2'b00:
// SV-NEXT:          o_0 = a;
// SV-NEXT:        2'b01:
// SV-NEXT:          o_0 = b;
// SV-NEXT:        2'b10:
// SV-NEXT:          o_0 = c;
// SV-NEXT:        default:
// SV-NEXT:          o_0 = a;
// SV-NEXT:      endcase
"loom.module"() ({
^bb0(%sel: i2, %a: i8, %b: i8, %c: i8):
  %o = sv.logic sym @o : !hw.inout<i8>
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  %c2 = hw.constant 2 : i2
  sv.alwayscomb {
    %e0 = comb.icmp eq %sel, %c0 : i2
    sv.if %e0 {
      sv.bpassign %o, %a : i8
    } else {
      %e1 = comb.icmp eq %sel, %c1 : i2
      sv.if %e1 {
        sv.bpassign %o, %b : i8
      } else {
        %e2 = comb.icmp eq %sel, %c2 : i2
        sv.if %e2 {
          sv.bpassign %o, %c : i8
        } else {
          sv.bpassign %o, %a : i8
        }
      }
    }
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "chain", parameters = [], ports = [{name = "sel", dir = "in", type = i2}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "c", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// The subject is a variable read again in each elif, the constant may come
// first, the conditions are computed inside the else regions (hoisted in front
// of the case, where the read that a body also uses stays available), and a
// final else with several statements becomes the default. The chain sits in
// an always_ff and a then-body holds a chain of its own.
// CHECK:      sv.alwaysff(posedge %{{.*}}) {
// CHECK-NEXT:   hw.constant 2 : i3
// CHECK-NEXT:   %[[S0:.*]] = sv.read_inout %state
// CHECK-NEXT:   %[[S1:.*]] = sv.read_inout %state
// CHECK-NEXT:   sv.case %[[S0]] : i3
// CHECK-NEXT:   case b010: {
// CHECK-NEXT:     sv.case %arg1 : i1
// CHECK-NEXT:     case b0: {
// CHECK-NEXT:       sv.passign %out, %arg2
// CHECK-NEXT:     }
// CHECK-NEXT:     case b1: {
// CHECK-NEXT:       sv.passign %out, %arg3
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   case b101: {
// CHECK-NEXT:     hw.constant 0 : i5
// CHECK-NEXT:     %[[Z:.*]] = comb.concat %{{.*}}, %[[S1]] : i5, i3
// CHECK-NEXT:     sv.passign %out, %[[Z]]
// CHECK-NEXT:   }
// CHECK-NEXT:   default: {
// CHECK-NEXT:     sv.passign %out, %arg2
// CHECK-NEXT:     sv.passign %state, %{{.*}}
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK:      sym_name = "reads"
// SV-LABEL: module reads(
// SV:         always_ff @(posedge clk) begin
// SV-NEXT:      case (state)
// SV-NEXT:        3'b010: begin
// SV-NEXT:          case (flag)
// SV-NEXT:            1'b0:
// SV-NEXT:              out <= a;
// SV-NEXT:            1'b1:
// SV-NEXT:              out <= b;
// SV-NEXT:          endcase
// SV-NEXT:        end
// SV-NEXT:        3'b101:
// SV-NEXT:          out <= {5'h0, state};
// SV-NEXT:        default: begin
// SV-NEXT:          out <= a;
// SV-NEXT:          state <= 3'h2;
// SV-NEXT:        end
// SV-NEXT:      endcase
"loom.module"() ({
^bb0(%clk: !seq.clock, %flag: i1, %a: i8, %b: i8):
  %state = sv.reg sym @state : !hw.inout<i3>
  %out = sv.reg sym @out : !hw.inout<i8>
  %clk_i1 = seq.from_clock %clk
  sv.alwaysff(posedge %clk_i1) {
    %c2 = hw.constant 2 : i3
    %s0 = sv.read_inout %state : !hw.inout<i3>
    %e0 = comb.icmp eq %c2, %s0 : i3
    sv.if %e0 {
      %f0 = hw.constant 0 : i1
      %g0 = comb.icmp eq %flag, %f0 : i1
      sv.if %g0 {
        sv.passign %out, %a : i8
      } else {
        %f1 = hw.constant 1 : i1
        %g1 = comb.icmp eq %flag, %f1 : i1
        sv.if %g1 {
          sv.passign %out, %b : i8
        }
      }
    } else {
      %s1 = sv.read_inout %state : !hw.inout<i3>
      %c5 = hw.constant 5 : i3
      %e1 = comb.icmp eq %s1, %c5 : i3
      sv.if %e1 {
        %z = hw.constant 0 : i5
        %wide = comb.concat %z, %s1 : i5, i3
        sv.passign %out, %wide : i8
      } else {
        sv.passign %out, %a : i8
        sv.passign %state, %c2 : i3
      }
    }
  }
  %r = sv.read_inout %out : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "reads", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "flag", dir = "in", type = i1}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Not appropriate (kratos's rule): a single if/else, a partial chain without
// else, and comparisons that are not `==` against a constant stay ifs. A chain
// stops at an elif on another subject: that elif stays inside the default.
// A repeated constant can never match (the first comparison took it): its
// branch is dropped rather than becoming a second case item with that value.
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   %[[E0:.*]] = comb.icmp eq %arg0, %c0_i2
// CHECK-NEXT:   sv.if %[[E0]] {
// CHECK-NEXT:     sv.bpassign %o, %arg2
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.bpassign %o, %arg3
// CHECK-NEXT:   }
// CHECK:        sv.if
// CHECK:          sv.if
// CHECK-NOT:        else
// CHECK:        %[[NE:.*]] = comb.icmp ne %arg0, %c0_i2
// CHECK-NEXT:   sv.if %[[NE]] {
// CHECK:        sv.case %arg0 : i2
// CHECK-NEXT:   case b00: {
// CHECK-NEXT:     sv.bpassign %o, %arg2
// CHECK-NEXT:   }
// CHECK-NEXT:   case b01: {
// CHECK-NEXT:     sv.bpassign %o, %arg3
// CHECK-NEXT:   }
// CHECK-NEXT:   default: {
// CHECK-NEXT:     %[[OTHER:.*]] = comb.icmp eq %arg1, %c0_i2
// CHECK-NEXT:     sv.if %[[OTHER]] {
// CHECK-NEXT:       sv.bpassign %o, %arg2
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK:        sv.case %arg0 : i2
// CHECK-NEXT:   case b01: {
// CHECK-NEXT:     sv.bpassign %o, %arg2
// CHECK-NEXT:   }
// CHECK-NEXT:   case b10: {
// CHECK-NEXT:     sv.bpassign %o, %arg2
// CHECK-NEXT:   }
// CHECK-NEXT:   default: {
// CHECK-NEXT:     sv.bpassign %o, %arg3
// CHECK-NEXT:   }
// CHECK-NOT:    sv.bpassign %o, %arg4
// CHECK:        sym_name = "rules"
"loom.module"() ({
^bb0(%x: i2, %y: i2, %a: i8, %b: i8, %never: i8):
  %o = sv.logic sym @o : !hw.inout<i8>
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  %c2 = hw.constant 2 : i2
  sv.alwayscomb {
    %e0 = comb.icmp eq %x, %c0 : i2
    sv.if %e0 {
      sv.bpassign %o, %a : i8
    } else {
      sv.bpassign %o, %b : i8
    }
    %p0 = comb.icmp eq %x, %c0 : i2
    sv.if %p0 {
      sv.bpassign %o, %a : i8
    } else {
      %p1 = comb.icmp eq %x, %c1 : i2
      sv.if %p1 {
        sv.bpassign %o, %b : i8
      }
    }
    %n0 = comb.icmp ne %x, %c0 : i2
    sv.if %n0 {
      sv.bpassign %o, %a : i8
    } else {
      %n1 = comb.icmp ne %x, %c1 : i2
      sv.if %n1 {
        sv.bpassign %o, %b : i8
      } else {
        sv.bpassign %o, %a : i8
      }
    }
    %s0 = comb.icmp eq %x, %c0 : i2
    sv.if %s0 {
      sv.bpassign %o, %a : i8
    } else {
      %s1 = comb.icmp eq %x, %c1 : i2
      sv.if %s1 {
        sv.bpassign %o, %b : i8
      } else {
        %s2 = comb.icmp eq %y, %c0 : i2
        sv.if %s2 {
          sv.bpassign %o, %a : i8
        }
      }
    }
    %d0 = comb.icmp eq %x, %c1 : i2
    sv.if %d0 {
      sv.bpassign %o, %a : i8
    } else {
      %d1 = comb.icmp eq %x, %c1 : i2
      sv.if %d1 {
        sv.bpassign %o, %never : i8
      } else {
        %d2 = comb.icmp eq %x, %c2 : i2
        sv.if %d2 {
          sv.bpassign %o, %a : i8
        } else {
          sv.bpassign %o, %b : i8
        }
      }
    }
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "rules", parameters = [], ports = [{name = "x", dir = "in", type = i2}, {name = "y", dir = "in", type = i2}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "never", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// The subject may be a slice written again in each elif (same op, same
// operands): still one subject. A slice of other bits is another subject.
// CHECK:      %[[S:.*]] = comb.extract %arg0 from 2 : (i8) -> i2
// CHECK-NEXT: sv.case %[[S]] : i2
// CHECK:      default: {
// CHECK-NEXT:   %[[OTHER:.*]] = comb.extract %arg0 from 4 : (i8) -> i2
// CHECK-NEXT:   %[[E:.*]] = comb.icmp eq %[[OTHER]]
// CHECK-NEXT:   sv.if %[[E]] {
// CHECK:      sym_name = "slices"
"loom.module"() ({
^bb0(%x: i8, %a: i8, %b: i8):
  %o = sv.logic sym @o : !hw.inout<i8>
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  sv.alwayscomb {
    sv.bpassign %o, %b : i8
    %s0 = comb.extract %x from 2 : (i8) -> i2
    %e0 = comb.icmp eq %s0, %c0 : i2
    sv.if %e0 {
      sv.bpassign %o, %a : i8
    } else {
      %s1 = comb.extract %x from 2 : (i8) -> i2
      %e1 = comb.icmp eq %s1, %c1 : i2
      sv.if %e1 {
        sv.bpassign %o, %b : i8
      } else {
        %s2 = comb.extract %x from 4 : (i8) -> i2
        %e2 = comb.icmp eq %s2, %c0 : i2
        sv.if %e2 {
          sv.bpassign %o, %a : i8
        }
      }
    }
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "slices", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
