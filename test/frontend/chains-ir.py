# RUN: %PYTHON %s | filecheck %s
"""A chain of one associative op is one variadic comb op in the loom IR where each link has one reader
(docs/ir-conventions.md, "Chains of one associative op")."""

import loom
from loom import Generator


def run(f):
    print(f"// TEST: {f.__name__}")
    f()
    return f


def show(gen):
    print(loom.elaborate(gen)[0].operation.get_asm(enable_debug_info=True))


# CHECK-LABEL: // TEST: one_reader_per_link
@run
def one_reader_per_link():
    class Parity(Generator):
        def __init__(self):
            super().__init__()
            a, b, c, d = (self.input(name, 8) for name in "abcd")
            # CHECK: %[[X:.+]] = comb.xor %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : i8 loc(#[[FUSED:loc[0-9]+]])
            # CHECK-NOT: comb.xor
            # CHECK: "loom.output"(%[[X]])
            # The op's location is the root's line, then its links', as canonicalize would fuse them.
            # CHECK: #[[ROOT:loc[0-9]+]] = loc("{{.*}}chains-ir.py":[[# @LINE + 3]]:
            # CHECK: #[[LINK:loc[0-9]+]] = loc("{{.*}}chains-ir.py":[[# @LINE + 1]]:
            link = a ^ b
            self.output("o", 8).assign(link ^ c ^ d)
            # CHECK: #[[FUSED]] = loc(fused[#[[ROOT]], #[[LINK]]])

    show(Parity())


# -----
# CHECK-LABEL: // TEST: a_link_read_twice
@run
def a_link_read_twice():
    class Shared(Generator):
        def __init__(self):
            super().__init__()
            a, b, c, d = (self.input(name, 8) for name in "abcd")
            # CHECK: %[[LINK:.+]] = comb.xor %{{.+}}, %{{.+}}, %{{.+}} : i8
            # CHECK: %[[ROOT:.+]] = comb.xor %[[LINK]], %{{[^,]+}} : i8
            # CHECK: %[[SLICE:.+]] = comb.extract %[[LINK]] from 0 : (i8) -> i4
            # CHECK: "loom.output"(%[[ROOT]], %[[SLICE]])
            link = a ^ b ^ c
            self.output("o", 8).assign(link ^ d)
            self.output("low", 4).assign(link[3:0])

    show(Shared())
