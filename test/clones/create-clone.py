# RUN: %PYTHON %s | filecheck %s
"""Generator clones in the loom IR and the SystemVerilog: the shared module once, an initialised clone apart."""

import loom
from loom import Generator


class PE(Generator):
    def __init__(self, width: int = 8, is_clone: bool = False):
        super().__init__(f"PE{width}", is_clone=is_clone)
        a = self.input("a", width)
        self.output("o", width).assign(a + 1)


class Top(Generator):
    def __init__(self, children):
        super().__init__("Top")
        a = self.input("a", 8)
        result = None
        for index, child in enumerate(children):
            inst = self.add_child(f"pe{index}", child, a=a)
            result = inst.o if result is None else result ^ inst.o
        self.output("o", 8).assign(result)


def run(f):
    print(f"// TEST: {f.__name__}")
    Generator.clear_clone_cache()
    f()
    return f


# CHECK-LABEL: // TEST: shared_definition
# Four creates, one definition: the IR holds one PE8 module and four instances of it.
# CHECK:       "loom.module"
# CHECK:       sym_name = "PE8"}
# CHECK-NEXT:  "loom.module"
# CHECK:       "loom.instance"{{.*}}instance_name = "pe0", module = @PE8,
# CHECK:       "loom.instance"{{.*}}instance_name = "pe1", module = @PE8,
# CHECK:       "loom.instance"{{.*}}instance_name = "pe2", module = @PE8,
# CHECK:       "loom.instance"{{.*}}instance_name = "pe3", module = @PE8,
# CHECK:       sym_name = "Top"}
# CHECK-NEXT:  }
# CHECK:       module PE8(
# CHECK-NOT:   module PE8_1(
# CHECK:       module Top(
# CHECK-COUNT-4: PE8 pe{{[0-3]}} (
@run
def shared_definition():
    top = Top([PE.create(width=8) for _ in range(4)])
    print(loom.elaborate(top)[0])
    print("\n".join(loom.verilog(top, emit_locations=False).values()))


# CHECK-LABEL: // TEST: initialised_clone
# pe2 was initialised and edited: its own module PE8_1 (naming its generator), the rest share PE8.
# CHECK:       sym_name = "PE8"}
# CHECK:       {generator = "PE8", parameters = {{.*}}, sym_name = "PE8_1"}
# CHECK:       instance_name = "pe0", module = @PE8,
# CHECK:       instance_name = "pe1", module = @PE8,
# CHECK:       instance_name = "pe2", module = @PE8_1,
# CHECK:       instance_name = "pe3", module = @PE8,
# CHECK:       module PE8(
# CHECK:         assign o = a + 8'h1;
# CHECK:       module PE8_1(
# CHECK:         output [7:0] o,
# CHECK-NEXT:                 twice
# CHECK:         assign twice = {a[6:0], 1'h0};
# CHECK:       module Top(
# CHECK:         PE8 pe0 (
# CHECK:         PE8 pe1 (
# CHECK:         PE8_1 pe2 (
# CHECK:         PE8 pe3 (
@run
def initialised_clone():
    children = [PE.create(width=8) for _ in range(4)]
    children[2].initialize_clone()
    children[2].output("twice", 8).assign(children[2].ports.a + children[2].ports.a)
    top = Top(children)
    print(loom.elaborate(top)[0])
    print("\n".join(loom.verilog(top, emit_locations=False).values()))


# CHECK-LABEL: // TEST: errors
# CHECK:       CloneError: {{.*}}create-clone.py:{{[0-9]+}}:{{[0-9]+}}: error: 'PE8' made by PE.create(width=8) is a clone that shares its definition; call initialize_clone() before editing it
# CHECK:       CloneError: {{.*}}: error: Old.create() needs Old.__init__ to take is_clone=False
@run
def errors():
    class Old(Generator):
        def __init__(self, width: int = 1):
            super().__init__()

    PE.create(width=8)
    clone = PE.create(width=8)
    for attempt in (lambda: clone.output("x", 1), lambda: Old.create(width=2)):
        try:
            attempt()
        except loom.LoomError as error:
            print(f"{type(error).__name__}: {error}")
