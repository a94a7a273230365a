# RUN: %PYTHON %s | filecheck %s
"""Misuse of structs, arrays and enums: each error names the problem and the user's file:line."""

import loom
from loom import Array, Enum, Generator, Struct

Pixel = Struct("pixel_t", r=8, g=4)
State = Enum("state_t", ["IDLE", "RUN"])


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
        print("no error")
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


def module(body):
    class G(Generator):
        def __init__(self):
            super().__init__("G")
            body(self)

    return G()


# CHECK-LABEL: // TEST: unknown_field
# CHECK: FieldError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: input port 'p' of 'G' has no field 'b'; fields of struct 'pixel_t': r, g
@run
def unknown_field():
    def body(g):
        g.output("o", 8).assign(g.input("p", Pixel).b)
    module(body)


# CHECK-LABEL: // TEST: unknown_field_by_name
# CHECK: FieldError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: input port 'p' of 'G' has no field 'x'
@run
def unknown_field_by_name():
    module(lambda g: g.input("p", Pixel)["x"])


# CHECK-LABEL: // TEST: index_out_of_range
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: index 4 is out of range for input port 'a' of 'G' (array of 4 x 8-bit, indices 0..3)
@run
def index_out_of_range():
    module(lambda g: g.input("a", Array(8, 4))[4])


# CHECK-LABEL: // TEST: index_too_wide
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: width mismatch: index input port 'i' of 'G' has 3 bits, but 4 elements need 2
@run
def index_too_wide():
    module(lambda g: g.input("a", Array(8, 4))[g.input("i", 3)])


# CHECK-LABEL: // TEST: field_width_mismatch
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: width mismatch: field 'g' of output port 'o' of 'G' is 4-bit, got 8-bit input port 'x' of 'G'
@run
def field_width_mismatch():
    def body(g):
        g.output("o", Pixel).g.assign(g.input("x", 8))
    module(body)


# CHECK-LABEL: // TEST: struct_to_int_mismatch
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: width mismatch: cannot assign struct 'pixel_t' input port 'p' of 'G' to 12-bit output port 'o' of 'G'
@run
def struct_to_int_mismatch():
    module(lambda g: g.output("o", 12).assign(g.input("p", Pixel)))


# CHECK-LABEL: // TEST: arithmetic_on_struct
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: input port 'p' of 'G' (struct 'pixel_t') cannot be used in add; use one of its fields or elements, or .bits() for its raw bits
@run
def arithmetic_on_struct():
    module(lambda g: g.input("p", Pixel) + 1)


# CHECK-LABEL: // TEST: field_never_driven
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: field(s) 'g' of output port 'o' of 'G' are never driven (the other parts are)
@run
def field_never_driven():
    def body(g):
        g.output("o", Pixel).r.assign(1)
    loom.elaborate(module(body))


# CHECK-LABEL: // TEST: field_driven_twice
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: field 'r' of output port 'o' of 'G' is driven twice
# CHECK-NEXT: note: first driven at {{.*}}types-errors.py:{{[0-9]+}}
@run
def field_driven_twice():
    def body(g):
        o = g.output("o", Pixel)
        o.r.assign(1)
        o.r.assign(2)
    module(body)


# CHECK-LABEL: // TEST: whole_then_field
# CHECK: ElaborationError: {{.*}}: error: field 'r' of output port 'o' of 'G' cannot be driven: output port 'o' of 'G' is already driven as a whole
@run
def whole_then_field():
    def body(g):
        o = g.output("o", Pixel)
        o.assign(0)
        o.r.assign(1)
    module(body)


# CHECK-LABEL: // TEST: drive_input_field
# CHECK: ElaborationError: {{.*}}: error: cannot drive input port 'p' of 'G': an input is driven by the parent
@run
def drive_input_field():
    module(lambda g: g.input("p", Pixel).r.assign(0))


# CHECK-LABEL: // TEST: dynamic_index_assign
# CHECK: ElaborationError: {{.*}}: error: cannot drive element [input port 'i' of 'G'] of output port 'o' of 'G' with a continuous assignment: the index is a signal; write it in a procedural block or use a memory
@run
def dynamic_index_assign():
    module(lambda g: g.output("o", Array(8, 4))[g.input("i", 2)].assign(0))


# CHECK-LABEL: // TEST: struct_value_missing_field
# CHECK: ElaborationError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: struct 'pixel_t' value misses field(s) g
@run
def struct_value_missing_field():
    Pixel(r=1)


# CHECK-LABEL: // TEST: struct_value_too_wide
# CHECK: ElaborationError: {{.*}}: error: constant 300 does not fit in 8 bits (field 'r' of struct 'pixel_t')
@run
def struct_value_too_wide():
    Pixel(r=300, g=0)


# CHECK-LABEL: // TEST: unknown_enum_value
# CHECK: FieldError: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: enum 'state_t' has no value 'DONE'; values: IDLE, RUN
@run
def unknown_enum_value():
    State.DONE


# CHECK-LABEL: // TEST: enum_width_mismatch
# CHECK: ElaborationError: {{.*}}: error: width mismatch in 'eq': 3-bit input port 's' of 'G' and 1-bit enum value state_t.RUN
@run
def enum_width_mismatch():
    module(lambda g: g.input("s", 3) == State.RUN)


# CHECK-LABEL: // TEST: enum_duplicate_value
# CHECK: ElaborationError: {{.*}}: error: enum 'e': B and A have the same value 1
@run
def enum_duplicate_value():
    Enum("e", {"A": 1, "B": 1})


# CHECK-LABEL: // TEST: struct_bad_field
# CHECK: ElaborationError: {{.*}}: error: field 'x' of struct 's' must be a positive int width, a Struct, an Array or an Enum, got 0
@run
def struct_bad_field():
    Struct("s", x=0)


# CHECK-LABEL: // TEST: two_structs_one_name
# CHECK: ElaborationError: {{.*}}: error: two different structs are named 'pixel_t' in one design; give them different names
# CHECK-NEXT: note: the other one is declared at
@run
def two_structs_one_name():
    other = Struct("pixel_t", r=4)

    def body(g):
        g.output("o", Pixel).assign(g.input("p", Pixel))
        g.output("q", other).assign(g.input("x", other))
    loom.elaborate(module(body))


# Enum names that SystemVerilog could only keep apart by renaming (IDLE_0) are errors at the enum.
# CHECK-LABEL: // TEST: enum_name_clashes
# CHECK: PassFailedError: {{.*}}types-errors.py:[[#OTHER:]]:{{[0-9]+}}: error: module 'G' uses two enum values or FSM states named 'IDLE' (1 and 0); rename one
# CHECK: note: {{.*}}types-errors.py:{{[0-9]+}}:{{[0-9]+}}: error: enum value or FSM state 'RUN' has the name of a port of module 'G'
@run
def enum_name_clashes():
    Other = Enum("other_t", ["STOP", "IDLE"])

    def body(g):
        s, o = g.input("s", State), g.input("o", Other)
        g.output("RUN").assign((s == State.IDLE) & (o == Other.IDLE))

    loom.verilog(module(body))
