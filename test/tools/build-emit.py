# `loom build --emit=loom|hw|sv -o -`: one stream on stdout, for RUN lines. The generator is this file.
#
# RUN: loom build %s:Top --emit=sv --no-locations -o - | filecheck %s --check-prefix=SV
# RUN: loom build %s:Top --param width=4 --emit=sv --no-locations -o - | filecheck %s --check-prefix=SV4
# RUN: loom build %s:Top --emit=loom --no-locations -o - | filecheck %s --check-prefix=LOOM
# RUN: loom build %s:Top --emit=loom -o - | filecheck %s --check-prefix=LOC
# RUN: loom build %s:Top --emit=hw --no-locations -o - | filecheck %s --check-prefix=HW
# What --emit=loom writes is loom-opt's input; the names survive the round trip, with or without locations.
# RUN: loom build %s:Top --emit=loom --no-locations -o - | loom-opt --mlir-use-nameloc-as-prefix \
# RUN:   | filecheck %s --check-prefix=LOOM
# RUN: loom build %s:Top --emit=loom -o - | loom-opt --mlir-use-nameloc-as-prefix --mlir-print-debuginfo \
# RUN:   | filecheck %s --check-prefix=LOC
# RUN: loom build %s:Top --emit=loom -o - | loom-opt -p lower-to-hw,cleanup --export-verilog \
# RUN:   | filecheck %s --check-prefix=SV
# A file instead of stdout.
# RUN: loom build %s:Top --emit=loom -o %t.mlir | filecheck %s --check-prefix=PATH
# RUN: loom-opt %t.mlir --mlir-use-nameloc-as-prefix | filecheck %s --check-prefix=LOOM
# RUN: not loom build %s:Top --emit=sv -o %t.missing/top.sv 2>&1 | filecheck %s --check-prefix=NOWRITE

from loom import Generator


class Scale(Generator):
    """``y = x << shift`` (truncated)."""

    def __init__(self, width: int, shift: int):
        super().__init__(f"Scale{shift}")
        x = self.input("x", width)
        # Locations point at these lines; a port's is a name location around its line.
        # LOC-DAG: #[[X:loc[0-9]*]] = loc("{{.*}}build-emit.py":[[# @LINE - 2]]:
        # LOC-DAG: %x: i8 loc("x"(#[[X]]))
        self.output("y", width).assign(x << shift)


class Top(Generator):
    """Two children of one generator with different shifts; ``out`` is their sum."""

    def __init__(self, width: int = 8):
        super().__init__("Top")
        value = self.input("value", width)
        double = self.add_child("double", Scale(width, 1), x=value)
        quad = self.add_child("quad", Scale(width, 2), x=value)
        total = self.var("total", width)
        total.assign(double.y + quad.y)
        self.output("out", width).assign(total)


# Dependencies first, the top last; every file once.
# SV-LABEL: module Scale1(
# SV:         assign y = {x[6:0], 1'h0};
# SV-LABEL: module Scale2(
# SV-LABEL: module Top(
# SV:         input  [7:0] value
# SV-DAG:     Scale1 double (
# SV-DAG:     Scale2 quad (
# SV-NOT:     {{^}}module

# SV4:        input  [3:0] x
# SV4-LABEL:  module Top(
# SV4:        input  [3:0] value

# Ports and instances keep the user's names; no %arg.
# LOOM-LABEL: "loom.module"() ({
# LOOM-NEXT:  ^bb0(%x: i8):
# LOOM:       sym_name = "Scale1"
# LOOM:       ^bb0(%value: i8):
# LOOM-DAG:   %double = "loom.instance"(%value) {{{.*}}instance_name = "double"
# LOOM-DAG:   %quad = "loom.instance"(%value) {{{.*}}instance_name = "quad"
# LOOM-DAG:   %[[SUM:.+]] = comb.add %double, %quad
# LOOM-DAG:   %total = {{.*}} %[[SUM]]
# LOOM:       sym_name = "Top"
# LOOM-NOT:   %arg


# HW-LABEL:   hw.module @Scale1(in %x : i8, out y : i8)
# HW-LABEL:   hw.module @Top(in %value : i8, out out : i8)
# HW:         hw.instance "double" @Scale1

# PATH:       build-emit.py.tmp.mlir
# NOWRITE:    error: cannot write '{{.*}}.missing/top.sv': No such file or directory
