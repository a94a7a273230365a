# RUN: %PYTHON %s | filecheck %s
"""Misuse of the FSM builder: each error names the problem and the user's file:line."""

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


def design(body, reset=True):
    class G(Generator):
        def __init__(self):
            super().__init__("G")
            self.clock()
            if reset:
                self.reset()
            body(self)

    return G()


# CHECK-LABEL: // TEST: unknown_state
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: FSM 'f' has no state 'GO'; states: IDLE
@run
def unknown_state():
    def body(g):
        fsm = g.fsm("f")
        fsm.state("IDLE").next("GO")
    design(body)


# CHECK-LABEL: // TEST: state_of_other_fsm
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: state 'B' belongs to FSM 'g', not to 'f'
@run
def state_of_other_fsm():
    def body(g):
        a = g.fsm("f").state("A")
        a.next(g.fsm("g").state("B"))
    design(body)


# CHECK-LABEL: // TEST: no_reset_state
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: FSM 'f' has no reset state; call reset_state(...) with one of its states (IDLE, RUN)
@run
def no_reset_state():
    def body(g):
        fsm = g.fsm("f")
        fsm.state("IDLE")
        fsm.state("RUN")
    loom.elaborate(design(body))


# CHECK-LABEL: // TEST: no_states
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: FSM 'f' has no states
@run
def no_states():
    loom.elaborate(design(lambda g: g.fsm("f")))


# CHECK-LABEL: // TEST: no_reset_port
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: 'G' needs exactly one reset port to pick by default (found: none); pass reset= explicitly
@run
def no_reset_port():
    design(lambda g: g.fsm("f"), reset=False)


# CHECK-LABEL: // TEST: duplicate_state
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: FSM 'f' already has a state 'A'
# CHECK-NEXT: note: first declared at {{.*}}fsm-errors.py:{{[0-9]+}}
@run
def duplicate_state():
    def body(g):
        fsm = g.fsm("f")
        fsm.state("A")
        fsm.state("A")
    design(body)


# CHECK-LABEL: // TEST: undeclared_output
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: output port 'o' of 'G' is not an output of FSM 'f'; declare it with fsm.output(...) first
@run
def undeclared_output():
    def body(g):
        g.fsm("f").state("A").output(g.output("o"), 1)
    design(body)


# CHECK-LABEL: // TEST: output_width_mismatch
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: width mismatch: FSM output output port 'o' of 'G' is 2-bit, the value is 4-bit input port 'x' of 'G'
@run
def output_width_mismatch():
    def body(g):
        fsm = g.fsm("f")
        out = fsm.output(g.output("o", 2))
        fsm.state("A").output(out, g.input("x", 4))
    design(body)


# CHECK-LABEL: // TEST: output_value_too_big
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: constant 5 does not fit in 2 bits (value of FSM output output port 'o' of 'G')
@run
def output_value_too_big():
    def body(g):
        fsm = g.fsm("f")
        fsm.state("A").output(fsm.output(g.output("o", 2)), 5)
    design(body)


# CHECK-LABEL: // TEST: wide_condition
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: condition of a transition of FSM 'f' must be 1 bit wide, got 3-bit input port 'c' of 'G'
@run
def wide_condition():
    def body(g):
        a = g.fsm("f").state("A")
        a.next(a, g.input("c", 3))
    design(body)


# CHECK-LABEL: // TEST: after_unconditional
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: state 'A' of FSM 'f' already has an unconditional transition; a later transition would never be taken
@run
def after_unconditional():
    def body(g):
        a = g.fsm("f").state("A")
        a.next(a)
        a.next(a, g.input("c"))
    design(body)


# CHECK-LABEL: // TEST: output_already_driven
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: output port 'o' of 'G' is already driven; an FSM output needs its own signal
@run
def output_already_driven():
    def body(g):
        o = g.output("o")
        o.assign(1)
        g.fsm("f").output(o)
    design(body)


# CHECK-LABEL: // TEST: input_as_output
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: cannot drive input port 'i' of 'G': an input is driven by the parent
@run
def input_as_output():
    design(lambda g: g.fsm("f").output(g.input("i")))


# CHECK-LABEL: // TEST: reset_state_twice
# CHECK: ElaborationError: {{.*}}fsm-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: FSM 'f' already has the reset state 'A'
@run
def reset_state_twice():
    def body(g):
        fsm = g.fsm("f")
        fsm.reset_state(fsm.state("A"))
        fsm.reset_state(fsm.state("B"))
    design(body)
