# The counter's loom IR: ports and registers carry the generator's names, and the team's naming check
# accepts it (loom-opt exits with 0 and prints the IR).
# RUN: loom build acme.gray:GrayCounter --emit=loom -o - \
# RUN:   | loom-opt --load-pass-plugin=acme.passes -p check-port-names | filecheck %s --check-prefix=CHECKED
# RUN: loom build acme.gray:GrayCounter --emit=loom --no-locations -o - | filecheck %s

# CHECK:       ^bb0(%clk: !seq.clock, %rst: i1, %i_en: i1):
# CHECK:         %count = seq.firreg {{.*}} clock %clk reset sync %rst
# CHECK:         %[[HALF:.+]] = comb.shru %count, %{{.+}} : i4
# CHECK-NEXT:    %[[GRAY:.+]] = comb.xor %count, %[[HALF]] : i4
# CHECK-NEXT:    "loom.output"(%[[GRAY]])
# CHECK:       name = "o_gray"{{.*}}sym_name = "GrayCounter4"

# CHECKED:     "loom.module"
