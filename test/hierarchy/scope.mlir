// Passes on some instances from loom-opt: loom-scope{path=PATTERN pipeline="..."} (docs/hierarchy.md).
// RUN: loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left.right pipeline="remove-assertion, canonicalize"}' | filecheck %s
// RUN: loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=** pipeline="remove-assertion"}' | filecheck %s --check-prefix=ALL
// RUN: loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=**.nothing pipeline="remove-assertion"}' | filecheck %s --check-prefix=NONE
// RUN: loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{modules=Le* pipeline="remove-assertion"}' | filecheck %s --check-prefix=ALL
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left.** pipeline="insert-pipeline-stages{stages=1}"}' 2>&1 | filecheck %s --check-prefix=NOCLOCK
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left..x pipeline="remove-assertion"}' 2>&1 | filecheck %s --check-prefix=PATTERN
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left pipeline="remove-assertion, no-such-pass"}' 2>&1 | filecheck %s --check-prefix=NESTED
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left pipeline="dead-code-elimination"}' 2>&1 | filecheck %s --check-prefix=KIND
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{path=left pipeline="remove-assertion}' 2>&1 | filecheck %s --check-prefix=QUOTE
// RUN: not loom-opt %S/Inputs/asserting-tree.mlir -p 'loom-scope{pipeline="remove-assertion"}' 2>&1 | filecheck %s --check-prefix=WHERE

// Only left.right loses its assertion: one Leaf variant and one Mid variant (each placed before its
// original); Top is edited in place.
// CHECK:      comb.add
// CHECK-NOT:  sv.assert
// CHECK:      sym_name = "Leaf_scoped"}
// CHECK:      sv.assert
// CHECK:      sym_name = "Leaf"}
// CHECK:      instance_name = "left", module = @Leaf,
// CHECK:      instance_name = "right", module = @Leaf_scoped,
// CHECK:      sym_name = "Mid_scoped"}
// CHECK:      sym_name = "Mid"}
// CHECK:      instance_name = "left", module = @Mid_scoped,
// CHECK:      instance_name = "right", module = @Mid,
// CHECK:      sym_name = "Top"}

// Every instance matched: Leaf changes in place, no variant.
// ALL-NOT: sv.assert
// ALL-NOT: _scoped
// ALL:     sym_name = "Top"}

// Nothing matched: the IR is unchanged.
// NONE:     sv.assert
// NONE-NOT: _scoped

// NOCLOCK:  asserting-tree.mlir:2:1: error: insert-pipeline-stages: module 'Leaf' has no clock input

// PATTERN: error: invalid path pattern 'left..x' at column 6
// NESTED:  'no-such-pass' does not refer to a registered pass or pass pipeline
// KIND:    error: loom-scope: pass 'dead-code-elimination' cannot run on some instances only: it changes ports, instances or several modules at once (kind 'hierarchy'); run it on the whole design instead
// QUOTE:   error: unclosed " in pass pipeline
// WHERE:   error: loom-scope: give exactly one of path=PATTERN or modules=GLOB
