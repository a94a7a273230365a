// RUN: loom-opt %s -p change-port-bundle-struct | filecheck %s
// RUN: loom-opt %s -p 'change-port-bundle-struct, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none -o /dev/null | filecheck %s --check-prefix=SV

// The bundle "cfg" (all inputs) becomes one struct port; "rd" goes both ways and stays flat.
// CHECK: hw.type_scope @Top_types {
// CHECK-NEXT: hw.typedecl @Config : !hw.struct<mode: i2, level: i4>
// CHECK-LABEL: "loom.module"() ({
// CHECK-NEXT: ^bb0(%[[CFG:.+]]: !hw.typealias<@Top_types::@Config, !hw.struct<mode: i2, level: i4>>, %[[ADDR:.+]]: i4):
// CHECK-DAG: %[[MODE:.+]] = hw.struct_extract %[[CFG]]["mode"]
// CHECK-DAG: %[[LEVEL:.+]] = hw.struct_extract %[[CFG]]["level"]
// CHECK: comb.concat %[[MODE]], %[[LEVEL]], %[[ADDR]] : i2, i4, i4
// CHECK: ports = [{bundle_type = "Config", dir = "in", name = "cfg", type = !hw.typealias<@Top_types::@Config, !hw.struct<mode: i2, level: i4>>}, {bundle = "rd", bundle_field = "addr", bundle_type = "ReadPort", dir = "in", name = "rd_addr", type = i4}, {bundle = "rd", bundle_field = "data", bundle_type = "ReadPort", dir = "out", name = "rd_data", type = i10}]
// CHECK-SAME: sym_name = "Leaf"
"loom.module"() ({
^bb0(%mode: i2, %level: i4, %addr: i4):
  %data = comb.concat %mode, %level, %addr : i2, i4, i4
  "loom.output"(%data) : (i10) -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = [
  {name = "cfg_mode", dir = "in", type = i2, bundle = "cfg", bundle_field = "mode", bundle_type = "Config"},
  {name = "cfg_level", dir = "in", type = i4, bundle = "cfg", bundle_field = "level", bundle_type = "Config"},
  {name = "rd_addr", dir = "in", type = i4, bundle = "rd", bundle_field = "addr", bundle_type = "ReadPort"},
  {name = "rd_data", dir = "out", type = i10, bundle = "rd", bundle_field = "data", bundle_type = "ReadPort"}]} : () -> ()

// An output bundle is built with hw.struct_create; the parent packs and unpacks at the instance.
// CHECK-LABEL: "loom.module"() ({
// CHECK-NEXT: ^bb0(%[[X:.+]]: i2, %[[Y:.+]]: i4, %[[A:.+]]: i4):
// CHECK: %[[PACK:.+]] = hw.struct_create (%[[X]], %[[Y]]) : !hw.typealias<@Top_types::@Config
// CHECK: %[[D:.+]] = "loom.instance"(%[[PACK]], %[[A]]) {input_names = ["cfg", "rd_addr"], instance_name = "u", module = @Leaf, output_names = ["rd_data"], parameters = {}}
// CHECK: %[[S:.+]] = hw.struct_create (%[[X]], %[[Y]]) : !hw.typealias<@Top_types::@Config
// CHECK: "loom.output"(%[[D]], %[[S]])
// CHECK: {bundle_type = "Config", dir = "out", name = "echo", type = !hw.typealias<@Top_types::@Config
"loom.module"() ({
^bb0(%x: i2, %y: i4, %a: i4):
  %d = "loom.instance"(%x, %y, %a) {instance_name = "u", module = @Leaf, parameters = {}, input_names = ["cfg_mode", "cfg_level", "rd_addr"], output_names = ["rd_data"]} : (i2, i4, i4) -> i10
  "loom.output"(%d, %x, %y) : (i10, i2, i4) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [
  {name = "x", dir = "in", type = i2}, {name = "y", dir = "in", type = i4}, {name = "a", dir = "in", type = i4},
  {name = "d", dir = "out", type = i10},
  {name = "echo_mode", dir = "out", type = i2, bundle = "echo", bundle_field = "mode", bundle_type = "Config"},
  {name = "echo_level", dir = "out", type = i4, bundle = "echo", bundle_field = "level", bundle_type = "Config"}]} : () -> ()

// SV: typedef struct packed {logic [1:0] mode; logic [3:0] level; } Config;
// SV-LABEL: module Leaf(
// SV-NEXT: input  Config       cfg,
// SV-NEXT: input  [3:0]        rd_addr,
// SV-NEXT: output [9:0]        rd_data
// SV: assign rd_data = {cfg.mode, cfg.level, rd_addr};
// SV-LABEL: module Top(
// SV: output Config       echo
// SV: wire Config _GEN = /*cast(bit)*/{x, y};
// SV-NEXT: Leaf u (
// SV-NEXT: .cfg     (_GEN),
// SV: assign echo = _GEN;
