"""The example designs (``loom.examples`` once installed).

Each module is a complete design that defines ``top()``; ``loom examples -o DIR``
builds them all. They ship inside the package so that the command works from an
installed wheel as well as from a checkout.
"""
