"""Differential testing of loom (issue 11, part 2).

``describe`` draws random design *descriptions*; ``source`` turns one into a loom
user program (Python source built on loom's public API); ``model`` evaluates the
description itself as an independent cycle-accurate Python model. ``designs``
runs designs through loom, ``verilator --lint-only -Wall`` and Icarus against the
model; ``passes`` proves each transforming pass equivalent with yosys
(``loom.lowering.prove``). ``python -m loom.tools.fuzz --help`` runs either in
bulk and writes a reproducer per failure.
"""
