# RUN: %PYTHON %s | filecheck %s
"""Port bundles: flattened ports with their bundle recorded in the IR, bundle connections, and misuse."""

import loom
from loom import Generator, PortBundle


class ReadPort(PortBundle):
    def __init__(self):
        super().__init__()
        self.input("addr", 4)
        self.output("data", 8)


class Memory(Generator):
    def __init__(self):
        super().__init__()
        rd = self.port_bundle("rd", ReadPort())
        rd.data.assign(rd.addr.zext(8))


class Cpu(Generator):
    def __init__(self):
        super().__init__()
        mem = self.port_bundle("mem", ReadPort().flip())
        mem.addr.assign(3)
        self.output("x", 8).assign(mem["data"])


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


# CHECK-LABEL: // TEST: flattened
# CHECK: ports = [{bundle = "rd", bundle_field = "addr", bundle_type = "ReadPort", dir = "in", name = "rd_addr", type = i4}, {bundle = "rd", bundle_field = "data", bundle_type = "ReadPort", dir = "out", name = "rd_data", type = i8}], sym_name = "Memory"
# CHECK: ports = [{bundle = "mem", bundle_field = "addr", bundle_type = "ReadPort", dir = "out", name = "mem_addr", type = i4}, {bundle = "mem", bundle_field = "data", bundle_type = "ReadPort", dir = "in", name = "mem_data", type = i8}
@run
def flattened():
    print(loom.elaborate(Memory())[0])
    print(loom.elaborate(Cpu())[0])


# CHECK-LABEL: // TEST: connected
# CHECK-DAG: %[[CPU:.+]]:2 = "loom.instance"(%[[MEM:[0-9]+]]) {input_names = ["mem_data"], instance_name = "cpu", module = @Cpu, output_names = ["mem_addr", "x"]
# CHECK-DAG: %[[MEM]] = "loom.instance"(%[[CPU]]#0) {input_names = ["rd_addr"], instance_name = "m", module = @Memory, output_names = ["rd_data"]
# CHECK-DAG: "loom.instance"(%arg0) {input_names = ["rd_addr"], instance_name = "m2", module = @Memory, output_names = ["rd_data"]
@run
def connected():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            cpu = self.add_child("cpu", Cpu())
            m = self.add_child("m", Memory())
            self.wire(m.rd, cpu.mem)
            self.output("x", 8).assign(cpu.x)
            self.add_child("m2", Memory(), rd=self.port_bundle("rd", ReadPort()))

    print(loom.elaborate(Top())[0])


# CHECK-LABEL: // TEST: same_direction
# CHECK: ElaborationError: {{.*}}bundles.py:{{[0-9]+}}:{{[0-9]+}}: error: cannot connect field 'addr' of bundle 'rd' of instance 'a' to bundle 'rd' of instance 'b': input 'rd_addr' of instance 'a' and input 'rd_addr' of instance 'b' both need a driver; flip() one of the bundles
@run
def same_direction():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.add_child("a", Memory()), self.add_child("b", Memory())
            self.wire(a.rd, b.rd)

    Top()


# CHECK-LABEL: // TEST: missing_field
# CHECK: ElaborationError: {{.*}}bundles.py:{{[0-9]+}}:{{[0-9]+}}: error: cannot connect bundle 'rd' of instance 'm' to bundle 'rd' of 'Top': bundle 'rd' of 'Top' has no field 'data'
@run
def missing_field():
    class AddrOnly(PortBundle):
        def __init__(self):
            super().__init__()
            self.input("addr", 4)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("m", Memory(), rd=self.port_bundle("rd", AddrOnly()))

    Top()


# CHECK-LABEL: // TEST: width_mismatch
# CHECK: ElaborationError: {{.*}}bundles.py:{{[0-9]+}}:{{[0-9]+}}: error: field 'data': width mismatch: cannot assign 8-bit output 'rd_data' of instance 'm' to 16-bit output port 'rd_data' of 'Top'
@run
def width_mismatch():
    class Wide(PortBundle):
        def __init__(self):
            super().__init__()
            self.input("addr", 4)
            self.output("data", 16)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("m", Memory(), rd=self.port_bundle("rd", Wide()))

    Top()


# CHECK-LABEL: // TEST: unknown_bundle_field
# CHECK: UnknownAttributeError: {{.*}}bundles.py:{{[0-9]+}}:{{[0-9]+}}: error: bundle 'rd' of 'G' has no field 'dat' (did you mean 'data'?); fields: addr, data
@run
def unknown_bundle_field():
    class G(Generator):
        def __init__(self):
            super().__init__()
            self.port_bundle("rd", ReadPort()).dat

    G()


# CHECK-LABEL: // TEST: bundle_to_signal
# CHECK: ElaborationError: {{.*}}bundles.py:{{[0-9]+}}:{{[0-9]+}}: error: bundle 'rd' of instance 'm' must be connected to a port bundle, got input port 'a' of 'Top'
@run
def bundle_to_signal():
    class Top(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("m", Memory(), rd=self.input("a", 4))

    Top()
