// RUN: loom-opt --list-passes | filecheck %s
// RUN: loom-opt -list-passes | filecheck %s

// One line per loom pass (name, kind, summary), then the named pipelines (name, kind of the widest pass, passes).
// CHECK-LABEL: Loom passes
// CHECK-DAG:   {{^  }}loom-verify {{ *}}design {{ *}}Check the invariants of loom ops
// CHECK-DAG:   {{^  }}remove-assertion {{ *}}module {{ *}}Remove assert
// CHECK-DAG:   {{^  }}check-inferred-latch {{ *}}check {{ *}}Report always_comb
// CHECK-DAG:   {{^  }}dead-code-elimination {{ *}}hierarchy {{ *}}Remove ports
// CHECK-DAG:   {{^  }}loom-scope {{ *}}design {{ *}}Run a pipeline only on
// CHECK-DAG:   {{^  }}loom-specialize {{ *}}{{.+}}
// CHECK-DAG:   {{^  }}lower-loom-to-hw {{ *}}{{.+}}
// CHECK-DAG:   {{^  }}loom-specialize-to-hw {{ *}}design {{ *}}loom-specialize, loom-export-metadata, lower-loom-to-hw and loom-strip-unused-modules in one pass
// CHECK-DAG:   {{^  }}loom-strip-unused-modules {{ *}}{{.+}}
// CHECK-LABEL: Named pipelines
// CHECK-DAG:   {{^  }}lower-to-hw {{ *}}design {{ *}}fix-assignment-type, {{.*}}loom-verify, realize-fsm, loom-specialize-to-hw
// CHECK-DAG:   {{^  }}cleanup {{ *}}design {{ *}}lower-dpi-calls, lower-interface-instances, record-read-inputs, fold-constant-comparisons, canonicalize, cse
