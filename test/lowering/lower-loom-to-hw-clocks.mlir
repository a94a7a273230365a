// RUN: loom-opt %s --pass-pipeline='builtin.module(lower-loom-to-hw)' | filecheck %s
// RUN: loom-opt %s --pass-pipeline='builtin.module(loom-verify, loom-specialize-to-hw{top=Top})' | filecheck %s
// RUN: loom-opt %s --pass-pipeline='builtin.module(lower-to-hw, cleanup)' | filecheck %s --check-prefix=SV

// Clock ports become bits (i1) when lowered, so that lower-seq-to-sv has no
// hw.instance to rebuild: a clock input is read through one seq.to_clock where
// the body needs a clock (and none where only instances read it: Mid); a clock
// made in the body goes to an instance as one seq.from_clock, made right after
// it; an instance's clock output is read through a seq.to_clock, and goes on to
// other instances and out of the module as the bit itself, also to an instance
// lowered first (loom-specialize-to-hw lowers Mid's x and u2, one kind, before
// u1). lower-seq-to-sv removes every cast: the result is what clock ports
// lowered there give.

"loom.module"() ({
^bb0(%clk: !seq.clock, %d: i8):
  %q = seq.compreg %d, %clk : i8
  "loom.output"(%q, %clk) : (i8, !seq.clock) -> ()
}, {}) {sym_name = "Leaf", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "d", dir = "in", type = i8},
             {name = "q", dir = "out", type = i8}, {name = "co", dir = "out", type = !seq.clock}]} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %d: i8):
  %q0 = "loom.instance"(%clk, %d) {instance_name = "x", module = @Leaf, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  %q1, %c1 = "loom.instance"(%clk, %q0) {instance_name = "u1", module = @Leaf, input_names = ["clk", "d"], output_names = ["q", "co"]} : (!seq.clock, i8) -> (i8, !seq.clock)
  %q2 = "loom.instance"(%c1, %q1) {instance_name = "u2", module = @Leaf, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  "loom.output"(%q2) : (i8) -> ()
}, {}) {sym_name = "Mid", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "d", dir = "in", type = i8},
             {name = "q", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %en: i1, %d: i8):
  %gated = seq.clock_gate %clk, %en
  %q1, %c1 = "loom.instance"(%clk, %d) {instance_name = "u1", module = @Leaf, input_names = ["clk", "d"], output_names = ["q", "co"]} : (!seq.clock, i8) -> (i8, !seq.clock)
  %q2 = "loom.instance"(%gated, %q1) {instance_name = "u2", module = @Mid, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  %q3 = "loom.instance"(%c1, %q2) {instance_name = "u3", module = @Leaf, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  %r = seq.compreg %q3, %c1 : i8
  "loom.output"(%r, %c1) : (i8, !seq.clock) -> ()
}, {}) {sym_name = "Top", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "en", dir = "in", type = i1},
             {name = "d", dir = "in", type = i8}, {name = "q", dir = "out", type = i8},
             {name = "co", dir = "out", type = !seq.clock}]} : () -> ()

// CHECK-LABEL: hw.module @Leaf(in %clk : i1, in %d : i8, out q : i8, out co : i1)
// CHECK-NEXT:    %[[CLOCK:.+]] = seq.to_clock %clk
// CHECK-NEXT:    %q = seq.compreg %d, %[[CLOCK]] : i8
// CHECK-NEXT:    hw.output %q, %clk : i8, i1
// CHECK-LABEL: hw.module @Mid(in %clk : i1, in %d : i8, out q : i8)
// CHECK-NEXT:    %x.q, %x.co = hw.instance "x" @Leaf(clk: %clk: i1, d: %d: i8) -> (q: i8, co: i1)
// CHECK-NEXT:    %u1.q, %u1.co = hw.instance "u1" @Leaf(clk: %clk: i1, d: %x.q: i8) -> (q: i8, co: i1)
// CHECK-NEXT:    %u2.q, %u2.co = hw.instance "u2" @Leaf(clk: %u1.co: i1, d: %u1.q: i8) -> (q: i8, co: i1)
// CHECK-NEXT:    hw.output %u2.q : i8
// CHECK-LABEL: hw.module @Top(in %clk : i1, in %en : i1, in %d : i8, out q : i8, out co : i1)
// CHECK-NEXT:    %[[CLOCK:.+]] = seq.to_clock %clk
// CHECK-NEXT:    %[[GATED:.+]] = seq.clock_gate %[[CLOCK]], %en
// CHECK-NEXT:    %[[GATED_BIT:.+]] = seq.from_clock %[[GATED]]
// CHECK-NEXT:    %u1.q, %u1.co = hw.instance "u1" @Leaf(clk: %clk: i1, d: %d: i8) -> (q: i8, co: i1)
// CHECK-NEXT:    %[[CO:.+]] = seq.to_clock %u1.co
// CHECK-NEXT:    %u2.q = hw.instance "u2" @Mid(clk: %[[GATED_BIT]]: i1, d: %u1.q: i8) -> (q: i8)
// CHECK-NEXT:    %u3.q, %u3.co = hw.instance "u3" @Leaf(clk: %u1.co: i1, d: %u2.q: i8) -> (q: i8, co: i1)
// CHECK-NEXT:    %r = seq.compreg %u3.q, %[[CO]] : i8
// CHECK-NEXT:    hw.output %r, %u1.co : i8, i1

// SV-NOT:        seq.
// SV-LABEL:      hw.module @Leaf(in %clk : i1, in %d : i8, out q : i8, out co : i1)
// SV:              sv.alwaysff(posedge %clk)
// SV:              hw.output %{{.+}}, %clk : i8, i1
// SV-LABEL:      hw.module @Mid(in %clk : i1, in %d : i8, out q : i8)
// SV:              hw.instance "u2" @Leaf(clk: %u1.co: i1, d: %u1.q: i8) -> (q: i8, co: i1)
// SV-LABEL:      hw.module @Top(in %clk : i1, in %en : i1, in %d : i8, out q : i8, out co : i1)
// SV:              %[[GATE:.+]] = comb.and %clk, %{{.+}} : i1
// SV:              sv.alwaysff(posedge %u1.co)
// SV:              hw.instance "u1" @Leaf(clk: %clk: i1, d: %d: i8) -> (q: i8, co: i1)
// SV:              hw.instance "u2" @Mid(clk: %[[GATE]]: i1, d: %u1.q: i8) -> (q: i8)
// SV:              hw.instance "u3" @Leaf(clk: %u1.co: i1, d: %u2.q: i8) -> (q: i8, co: i1)
// SV:              hw.output %{{.+}}, %u1.co : i8, i1
// SV-NOT:        seq.
