# The counter's SystemVerilog, straight from the generator, checked with FileCheck.
# RUN: loom build acme.gray:GrayCounter --emit=sv --no-locations -o - | filecheck %s
# RUN: loom build acme.gray:GrayCounter --param width=8 --emit=sv --no-locations -o - \
# RUN:   | filecheck %s --check-prefix=WIDE

# CHECK-LABEL: module GrayCounter4(
# CHECK:         input        clk,
# CHECK-NEXT:                 rst,
# CHECK-NEXT:                 i_en,
# CHECK-NEXT:    output [3:0] o_gray
# The count advances only while i_en is high; the output is count ^ (count >> 1).
# CHECK:         count <= i_en ? count + 4'h1 : count;
# CHECK:         assign o_gray = count ^ {1'h0, count[3:1]};

# WIDE-LABEL:  module GrayCounter8(
# WIDE:          output [7:0] o_gray
# WIDE:          assign o_gray = count ^ {1'h0, count[7:1]};
