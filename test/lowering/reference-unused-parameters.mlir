// RUN: loom-opt %s -p reference-unused-parameters | filecheck %s
// RUN: loom-opt %s -p 'reference-unused-parameters, reference-unused-parameters' | filecheck %s
// RUN: loom-opt %s -p reference-unused-parameters --export-verilog --lowering-options=locationInfoStyle=none -o /dev/null | filecheck %s --check-prefix=SV

// A kept parameter nothing reads gets a `_unused_<P>` localparam reading it; the localparams nothing reads (the
// enum members a module does not use, and one whose only reader a clean-up step folded away: random design
// 1425) are read by one `_unused_localparams` wire after them. Verilator's *unused* rule exempts both names,
// so verilator -Wall reports neither UNUSEDPARAM nor UNUSEDSIGNAL. A second run adds nothing.

// CHECK-LABEL: hw.module @Unread<P: i4, Q: i4>
// CHECK-NEXT:  %_unused_Q = sv.localparam {value = #hw.param.decl.ref<"Q"> : i4} : i4
// CHECK-NEXT:  %A = sv.localparam
// CHECK-NEXT:  %B = sv.localparam
// CHECK-NEXT:  %C = sv.localparam
// CHECK-NEXT:  %[[J:.+]] = comb.concat %A, %C : i2, i2
// CHECK-NEXT:  %_unused_localparams = hw.wire %[[J]] : i4
// CHECK-NOT:   _unused
// SV-LABEL:    module Unread
// SV:          localparam [3:0] _unused_Q = Q;
// SV:          localparam [1:0] A = 0;
// SV:          wire [3:0] _unused_localparams = {A, C};
hw.module @Unread<P: i4, Q: i4>(in %x : i2, out o : i1, out p : i4) {
  %A = sv.localparam {value = 0 : i2} : i2
  %B = sv.localparam {value = 1 : i2} : i2
  %C = sv.localparam {value = -2 : i2} : i2
  %0 = comb.icmp eq %x, %B : i2
  %p = hw.param.value i4 = #hw.param.decl.ref<"P">
  hw.output %0, %p : i1, i4
}

// Everything read: nothing added.
// CHECK-LABEL: hw.module @AllRead
// CHECK-NOT:   _unused
hw.module @AllRead(in %x : i2, out o : i1) {
  %A = sv.localparam {value = 0 : i2} : i2
  %0 = comb.icmp eq %x, %A : i2
  hw.output %0 : i1
}
