// Bad patterns and options are reported with the column and the option's name.
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=*..c2 port=o value=1}' 2>&1 | filecheck %s --check-prefix=SYNTAX
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c1.c2[x 1] port=o value=1}' 2>&1 | filecheck %s --check-prefix=INDEX
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c1 value=1}' 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c1 prot=o value=1}' 2>&1 | filecheck %s --check-prefix=UNKNOWN
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-set-parameter{path=c1 name=W value=x}' 2>&1 | filecheck %s --check-prefix=VALUE
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c1 port=nope value=1}' 2>&1 | filecheck %s --check-prefix=PORT
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-tie-output{path=c9 port=o value=1}' 2>&1 >/dev/null | filecheck %s --check-prefix=NOMATCH
// RUN: not loom-opt %S/Inputs/seed.mlir -p 'loom-duplicate{path=c1.*}' 2>&1 | filecheck %s --check-prefix=EXACT

// SYNTAX:      error: invalid path pattern '*..c2' at column 3: expected an instance name, '*' or '**', found '.'
// SYNTAX-NEXT: *..c2
// SYNTAX-NEXT: {{^  }}  ^
// INDEX:   error: invalid path pattern 'c1.c2[x 1]' at column 9: expected '=' after identity parameter name 'x'
// MISSING:      error: pass 'loom-tie-output' needs option 'port' (port=<string> (required): the output port)
// MISSING-NEXT: {{^}}loom-tie-output{path=c1 value=1}
// MISSING-NEXT: {{^}}^
// UNKNOWN:      error: pass 'loom-tie-output' has no option 'prot' (options: path, port, value, top)
// UNKNOWN-NEXT: {{^}}loom-tie-output{path=c1 prot=o value=1}
// UNKNOWN-NEXT: {{^                        }}^
// VALUE:        error: pass 'loom-set-parameter': option 'value' expects an integer, got 'x'
// VALUE-NEXT:   {{^}}loom-set-parameter{path=c1 name=W value=x}
// VALUE-NEXT:   {{^                                  }}^
// PORT:    error: module 'D1' has no output 'nope' (outputs: o)
// NOMATCH: seed.mlir:{{[0-9]+}}:1: warning: loom-tie-output: path pattern 'c9' matches no instance
// EXACT:   error: duplicate needs one exact instance path (names and single index values), got 'c1.*'
