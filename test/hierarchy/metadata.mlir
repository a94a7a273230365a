// Metadata in the IR: loom.annotate ops, resolved by loom-export-metadata into hw.hierpath ops and JSON.
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-annotate{path=*.c1.c2 key=probe value=yes}, loom-annotate{module=D3 key=kind value=leaf}' | filecheck %s --check-prefix=ANNOTATE
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-annotate{path=*.c1.c2 key=probe value=yes}, lower-to-hw' | filecheck %s --check-prefix=HIER
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-annotate{path=c2.c2.c1 key=floorplan value=x1y1}, loom-tie-output{path=c2.** port=o value=0}, loom-dedup, loom-inline{path=c2.c2}, loom-rename-module{from=D3 to=Leaf}, loom-specialize, loom-export-metadata{file=%t.json}' > %t.mlir
// RUN: cat %t.json | filecheck %s --check-prefix=JSON
// RUN: not loom-opt %s --split-input-file 2>&1 | filecheck %s --check-prefix=INVALID

// The annotations are ops (the top holds the path one, D3 its own); no module is copied.
// ANNOTATE:      "loom.annotate"() {data = {kind = "leaf"}} : () -> ()
// ANNOTATE:      {has_annotations, parameters = [], {{.*}} sym_name = "D3"}
// ANNOTATE:      "loom.annotate"() {data = {probe = "yes"}, target = "*.c1.c2"} : () -> ()
// ANNOTATE:      {has_annotations, parameters = [], {{.*}} sym_name = "D0"}

// The matched instances get inner symbols; one hw.hierpath per instance path.
// HIER:      hw.instance "c2" sym @c2 @D3
// HIER:      hw.instance "c1" sym @c1 @D2
// HIER:      hw.instance "c1" sym @c1 @D1
// HIER:      hw.instance "c2" sym @c2 @D1
// HIER-DAG:  hw.hierpath @loom_meta_0 [@D0::@c1, @D1::@c1, @D2::@c2, @D3]
// HIER-DAG:  hw.hierpath @loom_meta_1 [@D0::@c2, @D1::@c1, @D2::@c2, @D3]

// After an edit that copies the path, dedup, inlining the parent and renaming the module,
// the annotation still names its instance: logically c2.c2.c1, now c2.c2_c1 in module Leaf.
// JSON:      "data": {
// JSON-NEXT:   "floorplan": "x1y1"
// JSON:      "count": 1,
// JSON:      "path": "c2.c2.c1",
// JSON-NEXT: "instance_path": "c2.c2_c1",
// JSON-NEXT: "module": "D3_o_0",
// JSON-NEXT: "hierpath": "loom_meta_0"

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.annotate"() {target = "c1..c2", data = {x = 1}} : () -> ()
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "T", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
// INVALID: metadata.mlir:[[# @LINE - 3]]:3: error: 'loom.annotate' target: invalid path pattern 'c1..c2' at column 4: expected an instance name, '*' or '**', found '.'
// INVALID: metadata.mlir:[[# @LINE - 4]]:3: error: module 'T' holds a 'loom.annotate' but lacks the unit attribute 'has_annotations'
