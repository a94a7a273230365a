# RUN: %PYTHON %s | filecheck %s
"""Elaboration errors print as `Type: file:line:col: error: message` and point at the faulty line."""

import loom
from loom import Generator


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
        print("no error")
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


class Child(Generator):
    def __init__(self):
        super().__init__()
        has_en = self.param("HAS_EN", 0)
        self.input("i", 4)
        self.input("en", when=has_en)
        self.output("o", 4).assign(self.ports.i)


# CHECK-LABEL: // TEST: unconnected_input
# CHECK: ElaborationError: {{.*}}errors.py:{{[0-9]+}}:{{[0-9]+}}: error: input 'i' of instance 'c' ('Child') is not connected
@run
def unconnected_input():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child())

    loom.elaborate(Top())


# -----
# CHECK-LABEL: // TEST: width_mismatch
# CHECK: ElaborationError: {{.*}}errors.py:{{[0-9]+}}:{{[0-9]+}}: error: width mismatch in 'add': 4-bit input port 'a' of 'Top' and 8-bit input port 'b' of 'Top'; use zext()/sext() or a slice to match
@run
def width_mismatch():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a", 4), self.input("b", 8)
            self.output("o", 8).assign(a + b)

    Top()


# -----
# CHECK-LABEL: // TEST: driven_twice
# CHECK: ElaborationError: {{.*}}errors.py:[[SECOND:[0-9]+]]:13: error: output port 'o' of 'Top' is driven twice
# CHECK-NEXT: note: first driven at {{.*}}errors.py:[[FIRST:[0-9]+]]:13
@run
def driven_twice():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            o = self.output("o", 4)
            o.assign(1)
            o.assign(2)

    Top()


# -----
# CHECK-LABEL: // TEST: python_and
# CHECK: ElaborationError: {{.*}}errors.py:{{[0-9]+}}:{{[0-9]+}}: error: input port 'a' of 'Top' has no Python truth value: Python's 'and', 'or', 'not' and 'if' cannot build hardware; use '&', '|', '~' or mux(cond, a, b) instead
@run
def python_and():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a"), self.input("b")
            self.output("o").assign(a and b)

    Top()


# -----
# CHECK-LABEL: // TEST: absent_conditional_port
# CHECK: ElaborationError: {{.*}}: error: port 'en' of instance 'c' does not exist: its condition is false for this instance's parameters
@run
def absent_conditional_port():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), i=0, en=1)

    Top()


# -----
# CHECK-LABEL: // TEST: unknown_parameter
# CHECK: ElaborationError: {{.*}}: error: 'Child' has no parameter 'DEPTH' (known: HAS_EN)
@run
def unknown_parameter():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), params={"DEPTH": 3}, i=0)

    Top()


# -----
# CHECK-LABEL: // TEST: foreign_signal
# CHECK: ElaborationError: {{.*}}: error: input port 'i' of 'Child' belongs to generator 'Child' and cannot be used in 'Top'; connect it through a port
@run
def foreign_signal():
    class Top(Generator):
        def __init__(self, other):
            super().__init__()
            self.output("o", 4).assign(other.ports.i)

    Top(Child())


# -----
# CHECK-LABEL: // TEST: cycle
# CHECK: ElaborationError: {{.*}}: error: generators instantiate each other in a cycle: A -> B -> A
@run
def cycle():
    class Node(Generator):
        pass

    a, b = Node("A"), Node("B")
    a.add_child("b", b)
    b.add_child("a", a)
    loom.elaborate(a)
