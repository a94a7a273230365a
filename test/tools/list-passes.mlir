// RUN: loom-opt --list-passes | filecheck %s
// RUN: loom-opt -list-passes | filecheck %s

// One line per loom pass (name, then summary), then the named pipelines.
// CHECK-LABEL: Loom passes
// CHECK-DAG:   {{^  }}loom-verify {{ *}}Check the invariants of loom ops
// CHECK-DAG:   {{^  }}loom-specialize {{ *}}{{.+}}
// CHECK-DAG:   {{^  }}lower-loom-to-hw {{ *}}{{.+}}
// CHECK-DAG:   {{^  }}loom-strip-unused-modules {{ *}}{{.+}}
// CHECK-LABEL: Named pipelines
// CHECK-DAG:   {{^  }}lower-to-hw {{ *}}fix-assignment-type, {{.*}}loom-verify, realize-fsm, loom-specialize, loom-export-metadata, lower-loom-to-hw
// CHECK-DAG:   {{^  }}cleanup {{ *}}canonicalize, cse
