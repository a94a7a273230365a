// Per-instance edits from loom-opt: only modules on matched paths get variants.
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=*.c1.c2 port=o value=170}' | filecheck %s
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c1 port=o value=0}, loom-tie-output{path=c1.* port=o value=0}' | filecheck %s --check-prefix=TWICE
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-set-attribute{path=(c1.** - c1.c2.*) name=dont_touch value=1}' | filecheck %s --check-prefix=ATTR
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-remove-instance{path=c2.c2}' | filecheck %s --check-prefix=REMOVE
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-expose{path=c2.c1.c1 signal=a port=probe}' | filecheck %s --check-prefix=EXPOSE

// The 2nd and 6th D3 (*.c1.c2): one D3 variant, one D2 variant; D1 and D0 are
// replaced by their variants and keep their names. The tied leaf no longer reads
// its input, so the port goes and the D2 variant stops connecting it.
// CHECK:      hw.constant -86 : i8
// CHECK:      ports = [{dir = "out", name = "o", type = i8}], sym_name = "D3_o_170"
// CHECK:      sym_name = "D3"}
// CHECK:      "loom.instance"() {input_names = [], instance_name = "c2", module = @D3_o_170
// CHECK:      sym_name = "D2_o_170"
// CHECK:      sym_name = "D2"}
// CHECK:      instance_name = "c1", module = @D2_o_170
// CHECK:      instance_name = "c2", module = @D2,
// CHECK:      sym_name = "D1"}
// CHECK:      instance_name = "c1", module = @D1,
// CHECK:      instance_name = "c2", module = @D1,
// CHECK:      sym_name = "D0"}
// CHECK-NOT:  loom.module

// TWICE-COUNT-6: "loom.module"
// TWICE-NOT:     "loom.module"

// ATTR:      sym_name = "D3"}
// ATTR:      user_attributes = {dont_touch = "1"}}
// ATTR:      sym_name = "D2"}
// ATTR:      user_attributes = {dont_touch = "1"}}

// Readers of the removed instance see zero; the logic that only fed it is gone.
// REMOVE:      instance_name = "c1", module = @D2
// REMOVE-NOT:  instance_name = "c2"
// REMOVE:      %[[ZERO:.+]] = hw.constant 0 : i16
// REMOVE-NEXT: comb.concat %{{.*}}, %[[ZERO]] : i16, i16
// REMOVE:      sym_name = "D1_removed"
// REMOVE:      instance_name = "c2", module = @D1_removed

// EXPOSE: {dir = "out", name = "probe", type = i8}], sym_name = "D3_probe_out"
// EXPOSE: output_names = ["o", "c1_probe"]
// EXPOSE: {dir = "out", name = "c1_c1_probe", type = i8}], sym_name = "D1_probe_out"
// EXPOSE: {dir = "out", name = "c2_c1_c1_probe", type = i8}], sym_name = "D0"}
