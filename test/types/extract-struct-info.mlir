// RUN: loom-opt %s -p 'extract-struct-info{file=%t.json}' -o /dev/null
// RUN: cat %t.json | filecheck %s
// RUN: not loom-opt %s -p extract-struct-info 2>&1 | filecheck %s --check-prefix=NOFILE

// CHECK: "structs": {
// CHECK-NEXT: "pixel_t": {
// CHECK-NEXT: "width": 12,
// CHECK-NEXT: "sv": "typedef struct packed {logic [7:0] r; logic [3:0] g;} pixel_t;",
// CHECK-NEXT: "fields": [
// CHECK-NEXT: {
// CHECK-NEXT: "name": "r",
// CHECK-NEXT: "width": 8,
// CHECK-NEXT: "msb": 11,
// CHECK-NEXT: "lsb": 4,
// CHECK-NEXT: "type": "logic [7:0]"
// CHECK: "frame_t": {
// CHECK-NEXT: "width": 37,
// CHECK-NEXT: "sv": "typedef struct packed {pixel_t p; logic v; logic [1:0][11:0] q;} frame_t;",
// CHECK: "ports": {
// CHECK-NEXT: "Show": {
// CHECK-NEXT: "f": "frame_t",
// CHECK-NEXT: "line": "pixel_t [3:0]"
// NOFILE: error: pass 'extract-struct-info' needs option 'file' (file=<string> (required): the JSON file to write (- for stderr))

hw.type_scope @loom_types {
  hw.typedecl @pixel_t : !hw.struct<r: i8, g: i4>
  hw.typedecl @frame_t : !hw.struct<p: !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>, v: i1, q: !hw.array<2xi12>>
}
"loom.module"() ({
^bb0(%f: !hw.typealias<@loom_types::@frame_t, !hw.struct<p: !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>, v: i1, q: !hw.array<2xi12>>>, %line: !hw.array<4x!hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>>, %x: i3):
  "loom.output"(%x) : (i3) -> ()
}, {}) {sym_name = "Show", parameters = [], ports = [
  {name = "f", dir = "in", type = !hw.typealias<@loom_types::@frame_t, !hw.struct<p: !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>, v: i1, q: !hw.array<2xi12>>>},
  {name = "line", dir = "in", type = !hw.array<4x!hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>>},
  {name = "x", dir = "in", type = i3}, {name = "o", dir = "out", type = i3}]} : () -> ()
