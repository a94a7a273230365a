// RUN: loom-opt %s -p write-comb-variables-once | filecheck %s
// RUN: loom-opt %s -p 'write-comb-variables-once, write-comb-variables-once' | filecheck %s
// RUN: loom-opt %s -p write-comb-variables-once --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// An always_comb that may assign a variable others read twice in one run (some bit of it) works on a copy
// `<name>_comb` and assigns the variable once, at its end (Icarus 11 could loop forever on the intermediate
// values). A variable assigned once per run, one only the block uses, disjoint part selects and structs
// keep their assignments. A second run changes nothing.

// CHECK-LABEL: hw.module @default_then_override
// CHECK:       %[[COPY:t_comb]] = sv.logic : !hw.inout<i4>
// CHECK:       sv.alwayscomb {
// CHECK-NEXT:    sv.bpassign %[[COPY]], %a : i4
// CHECK-NEXT:    sv.if %c {
// CHECK-NEXT:      sv.bpassign %[[COPY]], %b : i4
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[FINAL:.+]] = sv.read_inout %[[COPY]] : !hw.inout<i4>
// CHECK-NEXT:    sv.bpassign %t, %[[FINAL]] : i4
// CHECK-NEXT:  }
// CHECK-NOT:   _comb
// SV-LABEL:    module default_then_override(
// SV:          always_comb begin
// SV-NEXT:       t_comb = a;
// SV-NEXT:       if (c)
// SV-NEXT:         t_comb = b;
// SV-NEXT:       t = t_comb;
// SV-NEXT:     end
hw.module @default_then_override(in %a: i4, in %b: i4, in %c: i1, out o: i4) {
  %t = sv.logic : !hw.inout<i4>
  sv.alwayscomb {
    sv.bpassign %t, %a : i4
    sv.if %c {
      sv.bpassign %t, %b : i4
    }
  }
  %0 = sv.read_inout %t : !hw.inout<i4>
  hw.output %0 : i4
}

// Once per run on every path, a block-local variable, disjoint bits, disjoint fields: unchanged.
// CHECK-LABEL: hw.module @unchanged
// CHECK-NOT:   _comb
// CHECK:       hw.output
hw.module @unchanged(in %a: i4, in %b: i4, in %c: i1, out o: i4, out p: i4, out q: !hw.struct<x: i2, y: i2>) {
  %t = sv.logic : !hw.inout<i4>
  %local = sv.logic : !hw.inout<i4>
  %bits = sv.logic : !hw.inout<i4>
  %s = sv.logic : !hw.inout<!hw.struct<x: i2, y: i2>>
  %c0 = hw.constant 0 : i2
  %c2 = hw.constant 2 : i2
  %lo = comb.extract %a from 0 : (i4) -> i2
  sv.alwayscomb {
    sv.if %c {
      sv.bpassign %t, %a : i4
    } else {
      sv.bpassign %t, %b : i4
    }
    sv.bpassign %local, %a : i4
    sv.bpassign %local, %b : i4
    %l = sv.read_inout %local : !hw.inout<i4>
    %low = sv.indexed_part_select_inout %bits[%c0 : 2] : !hw.inout<i4>, i2
    %high = sv.indexed_part_select_inout %bits[%c2 : 2] : !hw.inout<i4>, i2
    sv.bpassign %low, %lo : i2
    sv.bpassign %high, %lo : i2
    %x = sv.struct_field_inout %s["x"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    %y = sv.struct_field_inout %s["y"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    sv.bpassign %x, %lo : i2
    sv.bpassign %y, %lo : i2
  }
  %0 = sv.read_inout %t : !hw.inout<i4>
  %1 = sv.read_inout %bits : !hw.inout<i4>
  %2 = sv.read_inout %s : !hw.inout<!hw.struct<x: i2, y: i2>>
  hw.output %0, %1, %2 : i4, i4, !hw.struct<x: i2, y: i2>
}

// A whole assignment, then a part of it again: the part's bits are written twice.
// CHECK-LABEL: hw.module @overlapping_part
// CHECK:       %v_comb = sv.logic
// SV-LABEL:    module overlapping_part(
// SV:          v_comb[2'h1 +: 2] = b[1:0];
// SV-NEXT:     v = v_comb;
hw.module @overlapping_part(in %a: i4, in %b: i4, out o: i4) {
  %v = sv.logic : !hw.inout<i4>
  %c1 = hw.constant 1 : i2
  %lo = comb.extract %b from 0 : (i4) -> i2
  sv.alwayscomb {
    sv.bpassign %v, %a : i4
    %mid = sv.indexed_part_select_inout %v[%c1 : 2] : !hw.inout<i4>, i2
    sv.bpassign %mid, %lo : i2
  }
  %0 = sv.read_inout %v : !hw.inout<i4>
  hw.output %0 : i4
}

// Packed aggregates (random designs 197, 310, 388, 1230, 1913 hung Icarus): a struct assigned whole and
// then a field, and a packed array assigned whole and then an element, get copies; so does a field of an
// element written twice, and an element written by a signal index after a constant one (it may be the
// same element).
// CHECK-LABEL: hw.module @aggregates
// CHECK-DAG:   %s_comb = sv.logic : !hw.inout<struct<x: i2, y: i2>>
// CHECK-DAG:   %a_comb = sv.logic : !hw.inout<array<2xi2>>
// CHECK-DAG:   %n_comb = sv.logic : !hw.inout<array<2xstruct<x: i2, y: i2>>>
// CHECK-DAG:   %d_comb = sv.logic : !hw.inout<array<2xi2>>
// SV-LABEL:    module aggregates(
// SV:          s_comb.x = b;
// SV:          a_comb[1'h1] = b;
// SV:          n_comb[1'h0].y = b;
// SV:          d_comb[i] = b;
// SV:          s = s_comb;
// SV-NEXT:     a = a_comb;
// SV-NEXT:     n = n_comb;
// SV-NEXT:     d = d_comb;
hw.module @aggregates(in %w: !hw.struct<x: i2, y: i2>, in %v: !hw.array<2xi2>, in %b: i2, in %i: i1,
                      out o: !hw.struct<x: i2, y: i2>, out p: !hw.array<2xi2>,
                      out q: !hw.array<2xstruct<x: i2, y: i2>>, out r: !hw.array<2xi2>) {
  %s = sv.logic : !hw.inout<!hw.struct<x: i2, y: i2>>
  %a = sv.logic : !hw.inout<!hw.array<2xi2>>
  %n = sv.logic : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>
  %d = sv.logic : !hw.inout<!hw.array<2xi2>>
  %false = hw.constant false
  %true = hw.constant true
  sv.alwayscomb {
    sv.bpassign %s, %w : !hw.struct<x: i2, y: i2>
    %x = sv.struct_field_inout %s["x"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    sv.bpassign %x, %b : i2
    sv.bpassign %a, %v : !hw.array<2xi2>
    %a1 = sv.array_index_inout %a[%true] : !hw.inout<!hw.array<2xi2>>, i1
    sv.bpassign %a1, %b : i2
    %n0 = sv.array_index_inout %n[%false] : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>, i1
    %n0y = sv.struct_field_inout %n0["y"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    sv.bpassign %n0y, %b : i2
    sv.bpassign %n0y, %b : i2
    %d0 = sv.array_index_inout %d[%false] : !hw.inout<!hw.array<2xi2>>, i1
    %di = sv.array_index_inout %d[%i] : !hw.inout<!hw.array<2xi2>>, i1
    sv.bpassign %d0, %b : i2
    sv.bpassign %di, %b : i2
  }
  %0 = sv.read_inout %s : !hw.inout<!hw.struct<x: i2, y: i2>>
  %1 = sv.read_inout %a : !hw.inout<!hw.array<2xi2>>
  %2 = sv.read_inout %n : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>
  %3 = sv.read_inout %d : !hw.inout<!hw.array<2xi2>>
  hw.output %0, %1, %2, %3 : !hw.struct<x: i2, y: i2>, !hw.array<2xi2>, !hw.array<2xstruct<x: i2, y: i2>>, !hw.array<2xi2>
}

// Different elements, different fields of one element, and an unpacked array of which the block writes one
// element twice but not the other (something else may write that one): unchanged.
// CHECK-LABEL: hw.module @aggregates_unchanged
// CHECK-NOT:   _comb
// CHECK:       hw.output
hw.module @aggregates_unchanged(in %b: i2, in %c: i1, in %w: !hw.struct<x: i2, y: i2>, out p: !hw.array<2xstruct<x: i2, y: i2>>, out q: i2) {
  %a = sv.logic : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>
  %u = sv.logic : !hw.inout<!hw.uarray<2xi2>>
  %false = hw.constant false
  %true = hw.constant true
  sv.alwayscomb {
    %a0 = sv.array_index_inout %a[%false] : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>, i1
    %a1 = sv.array_index_inout %a[%true] : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>, i1
    %a0x = sv.struct_field_inout %a0["x"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    %a0y = sv.struct_field_inout %a0["y"] : !hw.inout<!hw.struct<x: i2, y: i2>>
    sv.bpassign %a0x, %b : i2
    sv.bpassign %a0y, %b : i2
    sv.if %c {
      sv.bpassign %a1, %w : !hw.struct<x: i2, y: i2>
    }
    %u0 = sv.array_index_inout %u[%false] : !hw.inout<!hw.uarray<2xi2>>, i1
    sv.bpassign %u0, %b : i2
    sv.bpassign %u0, %b : i2
  }
  %0 = sv.read_inout %a : !hw.inout<!hw.array<2xstruct<x: i2, y: i2>>>
  %u1 = sv.array_index_inout %u[%true] : !hw.inout<!hw.uarray<2xi2>>, i1
  %1 = sv.read_inout %u1 : !hw.inout<i2>
  hw.output %0, %1 : !hw.array<2xstruct<x: i2, y: i2>>, i2
}

// Unpacked arrays whose every element the block writes, some twice (random designs 10205 and 10707 hung
// Icarus): a copy, assigned back element by element (Icarus cannot assign an unpacked array whole), nested
// arrays one element at a time; the index width is that of the array's size (1 bit for one element).
// CHECK-LABEL: hw.module @unpacked
// CHECK-DAG:   %u_comb = sv.logic : !hw.inout<uarray<4xi2>>
// CHECK-DAG:   %n_comb = sv.logic : !hw.inout<uarray<2xuarray<3xi2>>>
// CHECK-DAG:   %one_comb = sv.logic : !hw.inout<uarray<1xi2>>
// SV-LABEL:    module unpacked(
// SV:          logic [1:0] u_comb[0:3];
// SV:          u_comb[i] = b;
// SV:          u[2'h0] = u_comb[2'h0];
// SV-NEXT:     u[2'h1] = u_comb[2'h1];
// SV-NEXT:     u[2'h2] = u_comb[2'h2];
// SV-NEXT:     u[2'h3] = u_comb[2'h3];
// SV:          n[1'h0][2'h0] = n_comb[1'h0][2'h0];
// SV-NEXT:     n[1'h0][2'h1] = n_comb[1'h0][2'h1];
// SV-NEXT:     n[1'h0][2'h2] = n_comb[1'h0][2'h2];
// SV-NEXT:     n[1'h1][2'h0] = n_comb[1'h1][2'h0];
// SV-NEXT:     n[1'h1][2'h1] = n_comb[1'h1][2'h1];
// SV-NEXT:     n[1'h1][2'h2] = n_comb[1'h1][2'h2];
// SV-NEXT:     one[1'h0] = one_comb[1'h0];
hw.module @unpacked(in %a: i2, in %b: i2, in %i: i2, in %j: i1, out o: i2, out p: i2, out q: i2) {
  %u = sv.logic : !hw.inout<!hw.uarray<4xi2>>
  %n = sv.logic : !hw.inout<!hw.uarray<2x!hw.uarray<3xi2>>>
  %one = sv.logic : !hw.inout<!hw.uarray<1xi2>>
  %false = hw.constant false
  %true = hw.constant true
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  %c2 = hw.constant 2 : i2
  %c3 = hw.constant 3 : i2
  sv.alwayscomb {
    %u0 = sv.array_index_inout %u[%c0] : !hw.inout<!hw.uarray<4xi2>>, i2
    %u1 = sv.array_index_inout %u[%c1] : !hw.inout<!hw.uarray<4xi2>>, i2
    %u2 = sv.array_index_inout %u[%c2] : !hw.inout<!hw.uarray<4xi2>>, i2
    %u3 = sv.array_index_inout %u[%c3] : !hw.inout<!hw.uarray<4xi2>>, i2
    %ui = sv.array_index_inout %u[%i] : !hw.inout<!hw.uarray<4xi2>>, i2
    sv.bpassign %u0, %a : i2
    sv.bpassign %u1, %a : i2
    sv.bpassign %u2, %a : i2
    sv.bpassign %u3, %a : i2
    sv.bpassign %ui, %b : i2
    %nj = sv.array_index_inout %n[%j] : !hw.inout<!hw.uarray<2x!hw.uarray<3xi2>>>, i1
    %nji = sv.array_index_inout %nj[%i] : !hw.inout<!hw.uarray<3xi2>>, i2
    sv.bpassign %nji, %a : i2
    sv.bpassign %nji, %b : i2
    %one0 = sv.array_index_inout %one[%false] : !hw.inout<!hw.uarray<1xi2>>, i1
    sv.bpassign %one0, %a : i2
    sv.bpassign %one0, %b : i2
  }
  %r0 = sv.array_index_inout %u[%i] : !hw.inout<!hw.uarray<4xi2>>, i2
  %0 = sv.read_inout %r0 : !hw.inout<i2>
  %r1 = sv.array_index_inout %n[%true] : !hw.inout<!hw.uarray<2x!hw.uarray<3xi2>>>, i1
  %r2 = sv.array_index_inout %r1[%c2] : !hw.inout<!hw.uarray<3xi2>>, i2
  %1 = sv.read_inout %r2 : !hw.inout<i2>
  %r3 = sv.array_index_inout %one[%false] : !hw.inout<!hw.uarray<1xi2>>, i1
  %2 = sv.read_inout %r3 : !hw.inout<i2>
  hw.output %0, %1, %2 : i2, i2, i2
}
