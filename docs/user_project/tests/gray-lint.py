# The SystemVerilog passes Verilator's lint with every warning on (skipped where verilator is missing).
# Without --emit, `loom build` writes one file per module, named after it, into the folder -o names.
# REQUIRES: verilator
# RUN: rm -rf %t && loom build acme.gray:GrayCounter --param width=6 -o %t
# RUN: verilator --lint-only -Wall %t/GrayCounter6.sv
