"""The rows of the API misuse table (../test_misuse_table.py): one user mistake each.

A row is a small user program (``PRELUDE`` + its code) whose line marked
``# ERR`` makes the mistake; it must raise a ``LoomError`` (or the class given)
whose message matches ``message`` (a regex) and whose location is that line.
``warning=True`` rows must instead issue a ``LoomWarning`` at that line.

``body(...)`` rows are the lines of a generator's ``__init__`` (after
``super().__init__()``), followed by ``loom.elaborate(G())``; ``script(...)``
rows are whole programs. The prelude gives them a leaf generator, a struct, an
enum and a port bundle to misuse.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from loom import ElaborationError, LoomError, ParseError, PassFailedError, UsageError

PRELUDE = '''\
import loom
from loom import (Array, Design, Enum, Generator, If, PassManager, PortBundle, Struct, Switch, always_comb, always_ff,
                  assign, concat, const, display, function, mux, negedge, posedge)


class Leaf(Generator):
    def __init__(self, width=4):
        super().__init__(f"Leaf{width}")
        self.param("W", 1)
        self.param("EN", 0)
        self.i = self.input("i", width)
        self.en = self.input("en", when=self.params["EN"])
        self.output("o", width).assign(self.i)


class Top(Generator):
    def __init__(self):
        super().__init__()
        i = self.input("i", 4)
        self.add_child("c", Leaf(), i=i, o=self.output("o", 4))


class Clocked(Generator):
    def __init__(self):
        super().__init__()
        self.clk = self.clock()
        self.rst = self.reset()
        self.a = self.input("a", 4)
        self.o = self.output("o", 4)


P = Struct("pix_t", r=4, g=4)
State = Enum("st_t", ["IDLE", "RUN"])


class Rd(PortBundle):
    def __init__(self):
        super().__init__()
        self.input("addr", 4)
        self.output("data", 8)


'''


@dataclass(frozen=True)
class Misuse:
    """One misuse: ``code`` (after the prelude) with one ``# ERR`` line, the expected message regex."""

    id: str
    code: str
    message: str
    error: type[LoomError] = LoomError
    warning: bool = False


def script(id: str, code: str, message: str, error: type[LoomError] = LoomError, warning: bool = False) -> Misuse:
    return Misuse(id, textwrap.dedent(code).strip("\n") + "\n", message, error, warning)


def body(id: str, lines: str, message: str, error: type[LoomError] = ElaborationError,
         call: str = "loom.elaborate(G())", base: str = "Generator", init: str = "super().__init__()") -> Misuse:
    inner = textwrap.indent(textwrap.dedent(lines).strip("\n"), " " * 8)
    code = f"class G({base}):\n    def __init__(self):\n        {init}\n{inner}\n\n\n{call}\n"
    return Misuse(id, code, message, error)


def block(id: str, decorator: str, lines: str, message: str, declarations: str = "") -> Misuse:
    """A procedural method of ``Clocked`` (clk, rst, a: 4 bits, o: 4 bits) with ``lines`` as its body."""
    inner = textwrap.indent(textwrap.dedent(lines).strip("\n"), " " * 8)
    extra = textwrap.indent(textwrap.dedent(declarations).strip("\n"), " " * 8)
    init = f"    def __init__(self):\n        super().__init__()\n{extra}\n\n" if declarations else ""
    code = f"class G(Clocked):\n{init}    @{decorator}\n    def f(self):\n{inner}\n\n\nloom.elaborate(G())\n"
    return Misuse(id, code, message, ElaborationError)


NAME = "is not a valid identifier"

ROWS: list[Misuse] = [
    # -- names: one rule, checked where the name is given (dialect/names.py) ------------------------------
    body("name-space-port", 'self.input("a b")  # ERR', rf"port name 'a b' {NAME}: ' ' is not allowed"),
    body("name-non-ascii-port", 'self.output("ö")  # ERR', rf"port name 'ö' {NAME}: 'ö' is not allowed"),
    body("name-digit-var", 'self.var("1x")  # ERR', rf"var name '1x' {NAME}: it starts with a digit"),
    body("name-empty-param", 'self.param("")  # ERR', rf"parameter name '' {NAME}: it is empty"),
    body("name-keyword-port", 'self.input("module")  # ERR', "'module' is a SystemVerilog keyword"),
    body("name-keyword-param", 'self.param("parameter", 1)  # ERR', "'parameter' is a SystemVerilog keyword"),
    body("name-not-string", 'self.input(5)  # ERR', rf"port name 5 {NAME}: it is a int"),
    body("name-dot-reg", 'self.clock()\nself.reg("r.x", 4)  # ERR', rf"register name 'r.x' {NAME}"),
    body("name-dash-instance", 'self.add_child("c-1", Leaf(), i=0)  # ERR', rf"instance name 'c-1' {NAME}"),
    body("name-reserved-params", 'self.input("params")  # ERR', "'params' is reserved"),
    body("name-reserved-identity", 'self.output("identity")  # ERR', "'identity' is reserved"),
    body("name-declared-twice", 'self.input("a")\nself.var("a")  # ERR', "'a' is already declared in 'G'"),
    body("name-module-space", "", rf"module name 'Mod x' {NAME}", init='super().__init__("Mod x")  # ERR'),
    body("name-module-keyword", "", "module name 'module' .*SystemVerilog keyword",
         init='super().__init__("module")  # ERR'),
    body("name-module-not-string", "", rf"module name 8 {NAME}", init="super().__init__(8)  # ERR"),
    script("name-module-from-class", '''
        class Wörk(Generator):
            def __init__(self):
                super().__init__()  # ERR
        Wörk()
    ''', rf"module name 'Wörk' {NAME}"),
    script("name-struct", 'Struct("pixel t", r=8)  # ERR', rf"struct name 'pixel t' {NAME}"),
    script("name-struct-field", 'Struct("q_t", **{"a-b": 8})  # ERR', rf"field name of struct 'q_t' 'a-b' {NAME}"),
    script("name-struct-field-keyword", 'Struct("q_t", type=8)  # ERR', "'type' is a SystemVerilog keyword"),
    script("name-enum", 'Enum("my enum", ["A"])  # ERR', rf"enum name 'my enum' {NAME}"),
    script("name-enum-member", 'Enum("e_t", ["A", "B C"])  # ERR', rf"'B C' {NAME}"),
    script("name-enum-member-keyword", 'Enum("e_t", ["A", "wire"])  # ERR', "'wire' is a SystemVerilog keyword"),
    body("name-bundle", 'self.port_bundle("rd x", Rd())  # ERR', rf"bundle name 'rd x' {NAME}"),
    script("name-bundle-field", '''
        class Bad(PortBundle):
            def __init__(self):
                super().__init__()
                self.input("a b", 1)  # ERR
        Bad()
    ''', rf"bundle field name 'a b' {NAME}"),
    body("name-memory", 'self.memory("m em", 8, 4)  # ERR', rf"memory name 'm em' {NAME}"),
    body("name-fsm", 'self.clock()\nself.reset()\nself.fsm("f sm")  # ERR', rf"FSM name 'f sm' {NAME}"),
    body("name-fsm-state", 'self.clock()\nself.reset()\nf = self.fsm("f")\nf.state("A B")  # ERR',
         rf"state name 'A B' {NAME}"),
    script("name-rename-module", '''
        d = Design(Top())
        d.rename_module("Leaf4", "a b")  # ERR
    ''', rf"new module name 'a b' {NAME}", UsageError),
    script("name-expose-port", '''
        d = Design(Top())
        d.expose("c", "i", port="x y")  # ERR
    ''', rf"exposed port name 'x y' {NAME}", UsageError),

    # -- enums ----------------------------------------------------------------------------------------
    script("enum-duplicate-in-list", 'Enum("e_t", ["A", "B", "A"])  # ERR', "lists value 'A' twice"),
    script("enum-duplicate-value", 'Enum("e_t", {"A": 1, "B": 1})  # ERR', "B and A have the same value 1"),
    script("enum-negative-value", 'Enum("e_t", {"A": -1})  # ERR', "must be a non-negative int"),
    script("enum-bool-value", 'Enum("e_t", {"A": True})  # ERR', "must be a non-negative int, got True"),
    script("enum-empty", 'Enum("e_t", [])  # ERR', "needs at least one value"),
    script("enum-too-narrow", 'Enum("e_t", ["A", "B", "C"], width=1)  # ERR', "needs 2 bits"),
    script("enum-width-not-int", 'Enum("e_t", ["A"], width="2")  # ERR', "width of enum 'e_t' must be a positive int"),
    script("enum-member-taken", 'Enum("e_t", ["members"])  # ERR', "Enum.members is taken"),
    script("enum-members-string", 'Enum("e_t", "AB")  # ERR', "must be a list of names"),
    script("enum-unknown-value", 'State.DONE  # ERR', "enum 'st_t' has no value 'DONE'"),
    script("enum-value-typo", 'State.IDEL  # ERR', r"has no value 'IDEL' \(did you mean 'IDLE'\?\)"),

    # -- structs and arrays ------------------------------------------------------------------------------
    script("struct-no-fields", 'Struct("e_t")  # ERR', "needs at least one field"),
    script("struct-field-twice", 'Struct("e_t", [("a", 1), ("a", 2)])  # ERR', "declares field 'a' twice"),
    script("struct-field-width-zero", 'Struct("e_t", a=0)  # ERR', "must be a positive int width"),
    script("array-size-zero", 'Array(P, 0)  # ERR', "array size must be a positive int"),
    script("array-element-type", 'Array("x", 2)  # ERR', "array element type must be"),
    body("struct-value-missing-field", 'P(r=1)  # ERR', "misses field"),
    body("struct-value-unknown-field", 'P(r=1, g=2, b=3)  # ERR', "has no field 'b'"),
    body("struct-field-read-unknown", 'p = self.input("p", P)\np.x  # ERR', "has no field 'x'"),
    body("struct-field-typo", 'p = self.input("p", P)\np.gg  # ERR', r"has no field 'gg' \(did you mean 'g'\?\)"),
    body("struct-arithmetic", 'p = self.input("p", P)\np + 1  # ERR', r"\(struct 'pix_t'\) cannot be used in add"),
    body("struct-slice", 'p = self.input("p", P)\np[3:0]  # ERR', "is a struct 'pix_t': index it with a field name"),
    body("array-index-out-of-range", 'a = self.input("a", Array(P, 4))\na[4]  # ERR', "out of range"),
    script("array-of-wrong-count", 'Array(P, 2).of([P(r=0, g=0)])  # ERR', "needs 2 elements, got 1"),
    body("from-bits-width", 'a = self.input("a", 4)\nP.from_bits(a)  # ERR', "has 8 bits"),
    body("struct-part-undriven", 'o = self.output("o", P)  # ERR\no.r.assign(1)', "'g'.*never driven"),
    body("struct-two-with-one-name", '''
        self.input("a", P)
        self.input("b", Struct("pix_t", r=8))  # ERR
    ''', "two different structs are named 'pix_t' in one design"),

    # -- widths and operators -------------------------------------------------------------------------
    body("width-assign", 'a = self.input("a", 3)\nself.output("o", 4).assign(a)  # ERR',
         "width mismatch: cannot assign 3-bit"),
    body("width-add", 'a = self.input("a", 3)\nb = self.input("b", 4)\na + b  # ERR', "width mismatch in 'add'"),
    body("constant-too-wide", 'self.output("o", 8).assign(300)  # ERR', "constant 300 does not fit in 8 bits"),
    body("shift-negative", 'a = self.input("a", 4)\na << -1  # ERR', "shift amount must not be negative"),
    body("slice-reversed", 'a = self.input("a", 8)\na[0:7]  # ERR', "has high < low"),
    body("slice-out-of-range", 'a = self.input("a", 8)\na[8]  # ERR', r"out of range for input port 'a'"),
    body("slice-parametric", 'w = self.param("W", 4)\na = self.input("a", w)\na[4]  # ERR',
         r"out of range for input port 'a' .* of width W \(4 by default\)"),
    body("index-parametric", 'w = self.param("W", 4)\na = self.input("a", w)\na[self.input("i", 2)]  # ERR',
         "cannot index input port 'a' .* of parametric width W with a signal"),
    body("index-string", 'a = self.input("a", 8)\na["x"]  # ERR', "unsupported index 'x'"),
    body("zext-narrower", 'a = self.input("a", 8)\na.zext(4)  # ERR', "cannot extend 8-bit"),
    body("replicate-zero", 'a = self.input("a", 8)\na.replicate(0)  # ERR', "times >= 1"),
    body("truth-value-and", 'a = self.input("a")\nb = self.input("b")\na and b  # ERR', "has no Python truth value"),
    body("truth-value-if", 'a = self.input("a")\nif a:  # ERR\n    pass', "has no Python truth value"),
    body("clock-in-logic", 'clk = self.clock()\na = self.input("a")\nclk & a  # ERR', "is a clock and cannot be used"),
    body("foreign-signal", 'x = Top().ports.i\na = self.input("a", 4)\na + x  # ERR',
         "belongs to generator 'Top' and cannot be used in 'G'"),
    body("operand-string", 'a = self.input("a", 4)\na + "x"  # ERR', "cannot use 'x' of type str"),
    body("operand-float", 'a = self.input("a", 4)\na + 1.5  # ERR', "cannot use 1.5 of type float"),
    body("invert-parametric", 'w = self.param("W", 4)\na = self.input("a", w)\n~a  # ERR', "needs a fixed width"),
    body("mux-wide-condition", 'a = self.input("a", 4)\nmux(a, a, a)  # ERR', "mux\\(\\) condition must be 1 bit wide"),
    body("mux-width-mismatch",
         's = self.input("s")\na = self.input("a", 4)\nb = self.input("b", 3)\nmux(s, a, b)  # ERR',
         "width mismatch in 'mux'"),
    body("concat-parametric", 'w = self.param("W", 4)\na = self.input("a", w)\nconcat(a, a)  # ERR',
         "cannot concatenate .* of parametric width W"),
    body("const-too-wide", 'const(16, 4)  # ERR', "constant 16 does not fit in 4 bits"),
    body("param-compare-string", 'p = self.param("P", 1)\np == "x"  # ERR', "cannot compare parameter 'P' with 'x'"),
    body("param-truth-value", 'p = self.param("P", 1)\nif p:  # ERR\n    pass', "parameter 'P' has no Python value"),
    body("param-arithmetic", 'p = self.param("P", 1)\np + 1  # ERR', "arithmetic on parameter 'P' is not supported"),
    body("condition-truth-value", 'p = self.param("P", 1)\nif p == 1:  # ERR\n    pass',
         "a parameter condition has no Python truth value"),
    body("condition-as-value", 'p = self.param("P", 1)\nself.output("o").assign(p == 1)  # ERR',
         "a parameter condition cannot be used as a value"),
    body("param-at-parametric-width", 'w = self.param("W", 4)\nself.output("o", w).assign(w)  # ERR',
         "cannot be used as a value at the parametric width"),
    body("constant-at-parametric-width", 'w = self.param("W", 4)\nself.output("o", w).assign(3)  # ERR',
         "constant 3 cannot be used at the parametric width W"),

    # -- declarations ---------------------------------------------------------------------------------------
    body("width-zero", 'self.input("a", 0)  # ERR', "width must be a positive int"),
    body("width-negative", 'self.input("a", -2)  # ERR', "width must be a positive int"),
    body("width-float", 'self.input("a", 2.5)  # ERR', "width must be a positive int"),
    body("width-bool", 'self.input("a", True)  # ERR', "width must be a positive int"),
    body("width-foreign-param", 'w = Leaf().params["W"]\nself.input("a", w)  # ERR', "belongs to 'Leaf4'"),
    body("param-default-too-big", 'self.param("P", 1 << 40)  # ERR', r"must be an int in \[0, 2\*\*32\)"),
    body("param-default-negative", 'self.param("P", -1)  # ERR', r"must be an int in \[0, 2\*\*32\)"),
    body("reg-no-clock", 'self.reg("r", 4)  # ERR', "needs exactly one clock port"),
    body("reg-two-clocks", 'self.clock("c1")\nself.clock("c2")\nself.reg("r", 4)  # ERR', "found: c1, c2"),
    body("reg-clock-not-clock", 'a = self.input("a")\nself.reg("r", 4, clock=a)  # ERR', "is not a clock"),
    body("reg-reset-kind", 'self.clock()\nself.reg("r", 4, reset=5)  # ERR', "reset must be a 1-bit signal or False"),
    body("reg-reset-wide", 'self.clock()\nr = self.input("r", 2)\nself.reg("q", 4, reset=r)  # ERR',
         "must be 1 bit wide"),
    body("reg-enable-wide", 'self.clock()\ne = self.input("e", 2)\nself.reg("q", 4, enable=e)  # ERR',
         "enable .* must be 1 bit wide"),
    body("reg-reset-value-too-big", 'self.clock()\nself.reg("q", 4, reset_value=99)  # ERR',
         "constant 99 does not fit in 4 bits"),
    body("when-wrong-kind", 'self.input("e", when=5)  # ERR', "when= expects a parameter"),
    body("when-syntax", 'self.param("P", 1)\nself.input("e", when="P > ")  # ERR', "invalid port condition 'P > '"),
    body("when-unknown-parameter", 'self.input("e", when="X > 1")  # ERR',
         "when= of port 'e' names 'X', which is not a parameter of 'G'"),
    body("when-arithmetic", 'p = self.param("P", 1)\nself.input("e", when=p + 1)  # ERR',
         "arithmetic on parameter 'P'"),
    body("when-signal", 'a = self.input("a")\nself.input("e", when=a)  # ERR', "when= expects a parameter"),
    body("attribute-value-kind", 'self.add_attribute("pipeline", 2)  # ERR', "must be a string"),
    body("attribute-type-empty", 'self.add_attribute("", "x")  # ERR', "attribute type must be a non-empty string"),

    # -- driving signals ----------------------------------------------------------------------------------
    body("drive-input", 'a = self.input("a")\na.assign(1)  # ERR', "cannot drive input port 'a'"),
    body("driven-twice", 'o = self.output("o")\no.assign(0)\no.assign(1)  # ERR', "is driven twice"),
    body("assign-expression", 'a = self.input("a")\n(a & a).assign(1)  # ERR', "cannot be assigned"),
    body("assign-clock-to-data", 'clk = self.clock()\nself.output("o").assign(clk)  # ERR', "needs a data value"),
    body("undriven-output", 'self.output("o", 4)  # ERR', "output port 'o' .*never driven"),
    body("undriven-var", 'v = self.var("v", 4)  # ERR\nself.output("o", 4).assign(v)', "var 'v' .*never driven"),
    body("undriven-reg", 'self.clock()\nr = self.reg("r", 4)  # ERR\nself.output("o", 4).assign(r)',
         "register 'r' .*never driven"),
    body("wire-destination-kind", 'self.wire(3, 1)  # ERR', "wire\\(\\) destination must be a signal"),
    body("wire-foreign-destination", 'self.wire(Top().ports.o, 1)  # ERR', "belongs to 'Top', not to 'G'"),
    body("drive-child-output", 'c = self.add_child("c", Leaf(), i=0)\nc.o.assign(1)  # ERR',
         "cannot drive output 'o' of instance 'c'"),
    body("child-input-unconnected", 'self.add_child("c", Leaf())  # ERR', "input 'i' of instance 'c'.*not connected"),
    body("add-child-not-generator", 'self.add_child("c", 5)  # ERR', "add_child\\(\\) expects a Generator"),
    body("add-child-class", 'self.add_child("c", Leaf)  # ERR', "add_child\\(\\) expects a Generator, got type"),
    body("instance-params-write", 'c = self.add_child("c", Leaf(), params={"W": 2}, i=0)\nc.params["W"] = 3  # ERR',
         "parameter and identity values are fixed once add_child\\(\\) made it"),
    body("instance-params-write-none-given", 'c = self.add_child("c", Leaf(), i=0)\nc.params.update(W=3)  # ERR',
         "values are fixed once add_child"),
    body("instance-identity-write", 'leaf = Generator("Tile")\nleaf.param("X", 0, identity=True)\n'
                                    'c = self.add_child("c", leaf, identity={"X": 1})\n'
                                    'del c.identity["X"]  # ERR', "values are fixed once add_child"),
    body("add-child-unknown-param", 'self.add_child("c", Leaf(), params={"X": 1}, i=0)  # ERR',
         "'Leaf4' has no parameter 'X'"),
    body("add-child-param-range", 'self.add_child("c", Leaf(), params={"W": 1 << 40}, i=0)  # ERR',
         r"must be an int in \[0, 2\*\*32\)"),
    body("add-child-unknown-identity", 'self.add_child("c", Leaf(), identity={"W": 1}, i=0)  # ERR',
         "has no identity parameter 'W'"),
    body("add-child-unknown-port", 'self.add_child("c", Leaf(), i=0, ii=1)  # ERR',
         "has no port 'ii'"),
    body("add-child-output-to-int", 'self.add_child("c", Leaf(), i=0, o=3)  # ERR',
         "output 'o' of instance 'c' must be connected to a var or output port"),
    # add_child keeps a connection that passes every check as a plain driver (frontend/instances.py); one that
    # does not is refused at the add_child line, and a later drive of a connected input names it.
    body("add-child-input-width", 'self.add_child("c", Leaf(), i=self.input("x", 3))  # ERR',
         "width mismatch: cannot assign 3-bit input port 'x' of 'G' to 4-bit input 'i' of instance 'c'"),
    body("add-child-clock-to-data", 'self.add_child("c", Leaf(), i=self.clock())  # ERR',
         "input 'i' of instance 'c' needs a data value, but input port 'clk' of 'G' is a clock"),
    body("add-child-foreign-signal", 'other = Top()\nself.add_child("c", Leaf(), i=other.ports.i)  # ERR',
         "input port 'i' of 'Top' belongs to generator 'Top' and cannot be used in 'G'"),
    body("add-child-constant-too-wide", 'self.add_child("c", Leaf(), i=99)  # ERR', "constant 99 does not fit in 4 bits"),
    body("add-child-input-driven-again", 'x = self.input("x", 4)\nc = self.add_child("c", Leaf(), i=x)\n'
         'c.i.assign(x)  # ERR', "input 'i' of instance 'c' is driven twice"),
    body("add-child-input-wired-again", 'x = self.input("x", 4)\nc = self.add_child("c", Leaf(), i=x)\n'
         'self.wire(c.i, x)  # ERR', "input 'i' of instance 'c' is driven twice"),
    body("absent-conditional-port", 'c = self.add_child("c", Leaf(), i=0)\nc.en  # ERR',
         "port 'en' of instance 'c' does not exist: its condition is false"),
    body("bundle-connect-non-bundle", '''
        class M(Generator):
            def __init__(self):
                super().__init__()
                self.port_bundle("rd", Rd())
        self.add_child("m", M(), rd=3)  # ERR
    ''', "bundle 'rd' of instance 'm' must be connected to a port bundle"),
    body("port-bundle-not-bundle", 'self.port_bundle("rd", 3)  # ERR', "port_bundle\\(\\) expects a PortBundle"),
    body("port-bundle-twice", 'self.port_bundle("rd", Rd())\nself.port_bundle("rd", Rd())  # ERR',
         "bundle 'rd' is already declared"),
    script("bundle-field-twice", '''
        class Bad(PortBundle):
            def __init__(self):
                super().__init__()
                self.input("a", 1)
                self.output("a", 1)  # ERR
        Bad()
    ''', "declares field 'a' twice"),

    # -- misspelt attributes: located, with a hint ---------------------------------------------------------
    body("typo-signal-method", 'a = self.input("a")\na.asign(1)  # ERR',
         r"input port 'a' of 'G' has no attribute 'asign' \(did you mean 'assign'\?\)"),
    # Setting a misspelt attribute: signals have __slots__, and a generator's __init__ reports the refusal.
    body("typo-set-port-attribute", 'o = self.output("o", 4)\no.asign = 3  # ERR',
         r"output port 'o' of 'G' has no attribute 'asign' \(did you mean 'assign'\?\); signals take no new"),
    body("typo-set-var-attribute", 'v = self.var("v", 4)\nv.nmae = "w"  # ERR',
         r"var 'v' of 'G' has no attribute 'nmae' \(did you mean 'name'\?\)"),
    body("typo-set-instance-port-attribute", 'c = self.add_child("c", Leaf(), i=0)\nc.o.asign = 1  # ERR',
         r"output 'o' of instance 'c' has no attribute 'asign' \(did you mean 'assign'\?\)"),
    body("typo-set-expression-attribute", 'a = self.input("a", 4)\n(a + 1).asign = 1  # ERR',
         r"has no attribute 'asign' \(did you mean 'assign'\?\)"),
    body("set-struct-field-with-equals", 'p = self.var("p", P)\np.r = 3  # ERR',
         r"field 'r' of var 'p' of 'G' cannot be set with '=': drive it with .r.assign\(value\)"),
    body("typo-set-in-helper", 'def helper(sig):\n    sig.asign = 1  # ERR\nhelper(self.output("o", 1))',
         r"output port 'o' of 'G' has no attribute 'asign'"),
    block("typo-set-in-block", "always_comb", 'self.o.asign = self.a  # ERR',
          r"output port 'o' of 'G' has no attribute 'asign' \(did you mean 'assign'\?\)"),
    body("typo-set-instance-attribute", 'c = self.add_child("c", Leaf(), i=0)\nc.oo = 1  # ERR',
         r"instance 'c' of 'Leaf4' has no attribute 'oo' \(did you mean 'o'\?\); connect a port with"),
    body("connect-instance-port-with-equals", 'c = self.add_child("c", Leaf())\nc.i = 1  # ERR',
         r"port 'i' of instance 'c' cannot be connected with '=': write .i.assign\(value\)"),
    body("typo-read-var-attribute", 'v = self.var("v", 4)\nv.nmae  # ERR', r"var 'v' of 'G' has no attribute 'nmae' \(did you"
         r" mean 'name'\?\)"),
    body("typo-read-instance-port-attribute", 'c = self.add_child("c", Leaf(), i=0)\nc.o.zextt(8)  # ERR',
         r"output 'o' of instance 'c' has no attribute 'zextt' \(did you mean 'zext'\?\)"),
    body("typo-expression-method", 'a = self.input("a", 4)\n(a + 1).zextt(8)  # ERR',
         r"has no attribute 'zextt' \(did you mean 'zext'\?\)"),
    body("typo-generator-method", 'self.inptu("a")  # ERR',
         r"generator 'G' has no attribute 'inptu' \(did you mean 'input'\?\)"),
    body("typo-generator-attribute", 'self.a = self.input("a")\nself.aa  # ERR', "has no attribute 'aa'"),
    body("typo-ports-namespace", 'self.input("data")\nself.ports.dat  # ERR',
         r"no port named 'dat' \(did you mean 'data'\?\)"),
    body("typo-instance-port", 'c = self.add_child("c", Leaf(), i=0)\nc.oo  # ERR',
         r"has no port 'oo' \(did you mean 'o'\?\)"),
    body("typo-child-instances", 'self.add_child("c", Leaf(), i=0)\nself.child_instances.cc  # ERR',
         "no instance named 'cc'"),
    body("typo-bundle-field", 'rd = self.port_bundle("rd", Rd())\nrd.dat  # ERR',
         r"bundle 'rd' of 'G' has no field 'dat' \(did you mean 'data'\?\)"),
    body("typo-struct-method", 'p = self.input("p", P)\np.bitz()  # ERR', r"did you mean 'bits'\?"),
    script("missing-super-init-port", '''
        class G(Generator):
            def __init__(self):
                self.input("a")  # ERR
        G()
    ''', r"G.__init__ did not call super\(\).__init__\(\)"),
    script("missing-super-init-nothing", '''
        class G(Generator):
            def __init__(self):
                pass
        G()  # ERR
    ''', r"G.__init__ did not call super\(\).__init__\(\)"),

    # -- procedural blocks ------------------------------------------------------------------------------
    block("proc-undefined-name", "always_comb", "self.o = nothing  # ERR", "undefined name 'nothing'"),
    block("proc-while-signal", "always_comb", "while self.a[0]:  # ERR\n    self.o = 1",
          "'while' loop is not supported"),
    block("proc-return", "always_comb", "self.o = 0\nreturn  # ERR", "'return' statement is not supported"),
    block("proc-break", "always_comb", "for i in range(2):\n    break  # ERR\nself.o = 0",
          "'break' statement is not supported"),
    block("proc-try", "always_comb", "try:  # ERR\n    self.o = 0\nexcept Exception:\n    pass",
          "'try' statement is not supported"),
    block("proc-lambda", "always_comb", "f = lambda: 1  # ERR\nself.o = 0", "lambda is not supported"),
    block("proc-walrus", "always_comb", "self.o = (x := self.a)  # ERR", "assignment expression ':=' is not supported"),
    block("proc-nested-def", "always_comb", "def h():  # ERR\n    pass\nself.o = 0",
          "nested function definition is not supported"),
    block("proc-import", "always_comb", "import os  # ERR\nself.o = 0", "'import' statement is not supported"),
    block("proc-with", "always_comb", "with open('x'):  # ERR\n    self.o = 0", "'with' statement is not supported"),
    block("proc-raise", "always_comb", "raise ValueError()  # ERR", "'raise' statement is not supported"),
    block("proc-global", "always_comb", "global X  # ERR\nself.o = 0", "'global' statement is not supported"),
    block("proc-del", "always_comb", "x = 1\ndel x  # ERR\nself.o = 0", "'del' statement is not supported"),
    block("proc-assign-input", "always_comb", "self.a = 1  # ERR\nself.o = 0", "input port 'a'"),
    block("proc-assign-python-attribute", "always_comb", "self.foo = 1  # ERR\nself.o = 0",
          "cannot assign 'self.foo'"),
    block("proc-attribute-typo", "always_comb", "self.o = self.aa  # ERR", "has no attribute 'aa'"),
    block("proc-wide-condition", "always_comb", "if self.a:  # ERR\n    self.o = 1\nelse:\n    self.o = 0",
          "must be 1 bit wide"),
    block("proc-slice-out-of-range", "always_comb", "self.o = 0\nself.o[7:4] = 1  # ERR", "out of range"),
    block("proc-width-mismatch", "always_comb", "self.o = self.a[1:0]  # ERR", "width mismatch"),
    block("proc-for-over-signal", "always_comb", "for x in self.a:  # ERR\n    pass\nself.o = 0",
          "a 'for' loop over a signal is not supported"),
    block("proc-unassigned-local", "always_comb",
          "if self.a[0]:\n    t = self.a + 1\nself.o = t  # ERR", "'t' is not assigned on every path"),
    block("proc-python-value-after-branch", "always_comb",
          "if self.a[0]:\n    n = 1\nelse:\n    n = 2\nself.o = n  # ERR",
          "'n' was given a Python value inside a hardware if"),
    script("proc-unknown-clock", '''
        class G(Clocked):
            @always_ff((posedge, "clkk"))  # ERR
            def f(self):
                self.o = self.a
        loom.elaborate(G())
    ''', "always_ff edge signal 'clkk' is neither an attribute nor a port of 'G'"),
    script("proc-two-blocks", '''
        class G(Clocked):
            @always_comb
            def f(self):
                self.o = 0

            @always_comb
            def g(self):
                self.o = 1  # ERR
        loom.elaborate(G())
    ''', "is assigned in two blocks"),
    script("proc-blocks-overlapping-bits", '''
        class G(Clocked):
            @always_comb
            def f(self):
                self.o[1:0] = 0

            @always_comb
            def g(self):
                self.o[2:1] = 1  # ERR
        loom.elaborate(G())
    ''', "has multiple drivers: another block assigns bits \\[1:0\\] of output port 'o'"),
    script("proc-blocks-dynamic-index", '''
        class G(Clocked):
            @always_comb
            def f(self):
                self.o[self.a[1:0]] = 1

            @always_comb
            def g(self):
                self.o[3] = 0  # ERR
        loom.elaborate(G())
    ''', "has a non-constant index, so it may be any part"),
    script("proc-blocks-shared-nested-parts", '''
        class G(Clocked):
            @always_comb
            def f(self):
                self.o[1:0] = 0
                self.o[0] = 1  # ERR

            @always_comb
            def g(self):
                self.o[3:2] = 1
        loom.elaborate(G())
    ''', "assign each part of a shared signal as one piece"),
    script("proc-block-and-continuous", '''
        class G(Clocked):
            def __init__(self):
                super().__init__()
                self.o.assign(0)

            @always_comb
            def f(self):
                self.o = 1  # ERR
        loom.elaborate(G())
    ''', "is driven twice: continuously and in a procedural block"),
    script("proc-capture-pattern", '''
        class G(Clocked):
            @always_comb
            def f(self):
                match self.a:
                    case x:  # ERR
                        self.o = 0
        loom.elaborate(G())
    ''', "capture pattern 'case x' is not supported on a signal"),
    script("proc-latch", '''
        class G(Clocked):
            @always_comb
            def f(self):
                if self.a[0]:
                    self.o = 1  # ERR
        loom.verilog(G())
    ''', "will be inferred as a latch", PassFailedError),

    block("proc-in-on-signal", "always_comb", "self.o = 0\nif self.a in (1, 2):  # ERR\n    self.o = 1",
          "'in' on a signal is not supported"),
    block("proc-python-assert", "always_comb", "self.o = 0\nassert self.a  # ERR",
          "Python 'assert' statement is not supported"),
    script("proc-async-reset-template", '''
        class G(Clocked):
            def __init__(self):
                super().__init__()
                self.rn = self.reset("rn", asynchronous=True)

            @always_ff((posedge, "clk"), (posedge, "rn"))
            def f(self):  # ERR
                self.o = self.a
        loom.elaborate(G())
    ''', "must be one 'if self.rn: ... else: ...' statement"),
    script("proc-data-edge", '''
        class G(Clocked):
            @always_ff((posedge, "a"))  # ERR
            def f(self):
                self.o = self.a
        loom.elaborate(G())
    ''', "always_ff edge input port 'a' of 'G' must be a clock or a 1-bit signal"),
    script("proc-non-synthesizable", '''
        class G(Clocked):
            @always_comb
            def f(self):
                self.o = self.a
                display("a=%d", self.a)  # ERR
        loom.verilog(G(), passes="check-non-synthesizable-content")
    ''', "display", PassFailedError),
    script("function-missing-return", '''
        @function
        def pick(x):  # ERR
            if x[0]:
                return x

        class G(Clocked):
            @always_comb
            def f(self):
                self.o = pick(self.a)
        loom.verilog(G())
    ''', "function 'pick' does not return a value on every path", PassFailedError),
    script("function-unreachable", '''
        @function
        def pick(x):
            return x
            x = x + 1  # ERR

        class G(Clocked):
            @always_comb
            def f(self):
                self.o = pick(self.a)
        loom.verilog(G())
    ''', "unreachable code after return in function 'pick'", PassFailedError),
    script("function-python-ints-only", '''
        @function
        def three(x):
            return 3  # ERR

        class G(Clocked):
            @always_comb
            def f(self):
                self.o = three(self.a)
        loom.elaborate(G())
    ''', "returns only Python ints, so its width is unknown"),
    script("param-without-default-unset", '''
        class NoDefault(Generator):
            def __init__(self):
                super().__init__()
                self.param("W")
                self.output("o", 4).assign(0)

        class G(Generator):
            def __init__(self):
                super().__init__()
                self.add_child("c", NoDefault())  # ERR
        loom.verilog(G())
    ''', "instance 'c' must set parameter 'W' of '@NoDefault', which has no default", LoomError),
    body("array-signal-index-continuous", '''
        a = self.output("a", Array(4, 4))
        i = self.input("i", 2)
        a[i].assign(1)  # ERR
    ''', "cannot drive element .* with a continuous assignment: the index is a signal"),
    body("array-index-too-wide", '''
        a = self.input("a", Array(4, 4))
        i = self.input("i", 3)
        self.output("o", 4).assign(a[i])  # ERR
    ''', "index input port 'i' of 'G' has 3 bits, but 4 elements need 2"),
    body("struct-whole-and-part", '''
        o = self.output("o", P)
        o.assign(P(r=0, g=0))
        o.r.assign(1)  # ERR
    ''', "cannot be driven: output port 'o' of 'G' is already driven as a whole"),
    body("fsm-transition-after-unconditional", '''
        self.clock()
        self.reset()
        f = self.fsm("f")
        x, y = f.state("X"), f.state("Y")
        f.reset_state(x)
        x.next(y)
        x.next(x, self.input("c"))  # ERR
    ''', "already has an unconditional transition"),
    body("fsm-output-driven-elsewhere", '''
        self.clock()
        self.reset()
        o = self.output("o")
        o.assign(0)
        f = self.fsm("f")
        f.reset_state(f.state("X"))
        f.output(o, default=0)  # ERR
    ''', "an FSM output needs its own signal"),
    body("fsm-no-reset-port", 'self.clock()\nself.fsm("f")  # ERR', "reset"),

    # -- the statement builder --------------------------------------------------------------------------
    body("builder-assign-expression", 'a = self.input("a", 4)\nassign(a + 1, 2)  # ERR', "cannot assign to expression"),
    body("builder-assign-int", 'assign(3, 2)  # ERR', "cannot assign to 3"),
    body("builder-placed-twice", '''
        s = assign(self.output("o", 4), self.input("a", 4))
        self.add_stmt(s)
        self.combinational().add_stmt(s)  # ERR
    ''', "is already placed in a block"),
    body("builder-if-at-module-level", 'a = self.input("a")\nself.add_stmt(If(a))  # ERR',
         "only assignments can be placed at module level"),
    body("builder-not-a-statement", 'self.combinational().add_stmt(3)  # ERR', "expected a statement"),
    body("builder-switch-non-signal", 'Switch(3)  # ERR', "Switch needs a signal of fixed width"),
    body("builder-case-label-too-big", 's = self.input("s", 2)\nSwitch(s).case(9)  # ERR',
         "case label 9 does not fit"),
    body("builder-case-label-kind", 's = self.input("s", 2)\nSwitch(s).case("x")  # ERR',
         "case label must be an int constant"),
    body("builder-if-wide", 'a = self.input("a", 2)\nIf(a)  # ERR', "If condition must be 1 bit wide"),
    body("builder-if-not-signal", 'If(1)  # ERR', "If condition must be a 1-bit signal"),
    body("builder-width-mismatch", 'o = self.output("o", 4)\nassign(o, self.input("a", 2))  # ERR', "width mismatch"),
    body("builder-slice-width", 'o = self.output("o", 4)\nassign(o[3:2], self.input("a", 3))  # ERR',
         "width mismatch"),
    body("builder-sequential-two-edges", '''
        c = self.clock()
        self.sequential((posedge, c), (negedge, c))  # ERR
    ''', "sequential\\(\\) takes exactly one clock edge"),

    # -- memories and FSMs ---------------------------------------------------------------------------------
    body("memory-depth-zero", 'self.memory("m", 8, 0)  # ERR', "memory depth must be a positive int"),
    body("memory-init-too-long", 'self.clock()\nself.memory("m", 8, 4, init=[1, 2, 3, 4, 5])  # ERR',
         "memory 'm' has 4 words, init gives 5"),
    body("memory-init-word-too-big", 'self.clock()\nself.memory("m", 8, 4, init=[256])  # ERR',
         r"init word 0 of memory 'm' must be an int in \[0, 2\*\*8\)"),
    body("memory-write-width", '''
        self.clock()
        m = self.memory("m", 8, 4)
        a = self.input("a", 2)
        m.write(a, self.input("d", 4))  # ERR
    ''', "stores 8-bit words, the write data is 4-bit"),
    body("fsm-no-reset-state", '''
        self.clock()
        self.reset()
        f = self.fsm("f")  # ERR
        f.state("A")
    ''', "FSM 'f' has no reset state", call="loom.verilog(G())"),
    body("fsm-state-twice", 'self.clock()\nself.reset()\nf = self.fsm("f")\nf.state("A")\nf.state("A")  # ERR',
         "FSM 'f' already has a state 'A'"),
    body("fsm-no-clock", 'self.fsm("f")  # ERR', "needs exactly one clock port"),
    body("fsm-output-default-too-big", '''
        self.clock()
        self.reset()
        f = self.fsm("f")
        f.output(self.output("o", 2), default=9)  # ERR
    ''', "constant 9 does not fit in 2 bits"),

    # -- clones ------------------------------------------------------------------------------------------
    script("clone-is-clone-passed", '''
        class PE(Generator):
            def __init__(self, width=4, is_clone=False):
                super().__init__(f"PE{width}", is_clone=is_clone)  # ERR
        PE(is_clone=True)
    ''', "is_clone=True is set by PE.create"),
    script("clone-is-clone-not-passed", '''
        class PE(Generator):
            def __init__(self, width=4, is_clone=False):
                super().__init__(f"PE{width}")  # ERR
                self.output("o", width).assign(0)
        PE.create(width=4)
        PE.create(width=4)
    ''', "takes is_clone but does not pass it on"),
    script("clone-edit-before-initialize", '''
        class PE(Generator):
            def __init__(self, width=4, is_clone=False):
                super().__init__(f"PE{width}", is_clone=is_clone)
                self.output("o", width).assign(0)
        PE.create(width=4)
        pe = PE.create(width=4)
        pe.output("p", 4)  # ERR
    ''', "initialize_clone"),
    script("clone-initialize-shallow", '''
        class PE(Generator):
            def __init__(self, width=4):
                super().__init__(f"PE{width}")
                self.output("o", width).assign(0)
        PE.clone(width=4)
        PE.clone(width=4).initialize_clone()  # ERR
    ''', "shallow clone"),
    script("clone-unhashable-argument", '''
        class PE(Generator):
            def __init__(self, widths=(), is_clone=False):
                super().__init__("PE", is_clone=is_clone)
        PE.create(widths=[1, 2])  # ERR
    ''', "argument 'widths' of PE.create\\(\\) is not hashable"),

    # -- loom.Design edits ----------------------------------------------------------------------------------
    script("design-tie-too-wide", '''
        d = Design(Top())
        d.tie_output("c", "o", 0x1FF)  # ERR
    ''', "cannot tie 4-bit output 'o' of 'Leaf4' to 511", PassFailedError),
    script("design-tie-unknown-port", '''
        d = Design(Top())
        d.tie_output("c", "x", 1)  # ERR
    ''', "module 'Leaf4' has no output 'x'", PassFailedError),
    script("design-tie-value-kind", '''
        d = Design(Top())
        d.tie_output("c", "o", "1")  # ERR
    ''', "tie_output\\(\\) value must be an int", UsageError),
    script("design-tie-port-kind", '''
        d = Design(Top())
        d.tie_output("c", 0, 1)  # ERR
    ''', "must be named by a string", UsageError),
    script("design-tie-no-match", '''
        d = Design(Top())
        d.tie_output("nowhere", "o", 1)  # ERR
    ''', "path pattern 'nowhere' matches no instance", warning=True),
    script("design-remove-no-match", '''
        d = Design(Top())
        d.remove_instances("x.**")  # ERR
    ''', "path pattern 'x.\\*\\*' matches no instance", warning=True),
    script("design-set-parameter-unknown", '''
        d = Design(Top())
        d.set_parameter("c", X=1)  # ERR
    ''', "no parameter 'X'", PassFailedError),
    script("design-set-parameter-range", '''
        d = Design(Top())
        d.set_parameter("c", W=1 << 40)  # ERR
    ''', r"must be an int in \[0, 2\*\*32\)", PassFailedError),
    script("design-set-parameter-kind", '''
        d = Design(Top())
        d.set_parameter("c", W="3")  # ERR
    ''', "parameter W= must be an int", UsageError),
    script("design-set-parameter-none", '''
        d = Design(Top())
        d.set_parameter("c")  # ERR
    ''', "needs at least one NAME=value", UsageError),
    script("design-edit-no-callback", '''
        d = Design(Top())
        d.edit("c")  # ERR
    ''', "needs a module= or an instance= callback", UsageError),
    script("design-edit-callback-kind", '''
        d = Design(Top())
        d.edit("c", 3)  # ERR
    ''', "must be callable", UsageError),
    script("design-edit-callback-fails", '''
        d = Design(Top())
        d.edit("c", lambda m: m.set_output("nope", m.constant(0, 4)))  # ERR
    ''', "has no output 'nope'", PassFailedError),
    script("design-pattern-syntax", '''
        d = Design(Top())
        d.tie_output("c[", "o", 1)  # ERR
    ''', "invalid path pattern 'c\\['", ParseError),
    script("design-pattern-kind", '''
        d = Design(Top())
        d.tie_output(3, "o", 1)  # ERR
    ''', "a path pattern must be a string", UsageError),
    script("design-count-pattern-syntax", '''
        d = Design(Top())
        d.count("c..x")  # ERR
    ''', "invalid path pattern", ParseError),
    script("design-expose-unknown-signal", '''
        d = Design(Top())
        d.expose("c", "nope")  # ERR
    ''', "has no signal named 'nope'", PassFailedError),
    script("design-annotate-unknown-module", '''
        d = Design(Top())
        d.annotate(module="Leaf", x=1)  # ERR
    ''', r"no loom.module named 'Leaf' \(did you mean 'Leaf4'\?\)", UsageError),
    script("design-annotate-both", '''
        d = Design(Top())
        d.annotate("c", module="Leaf4", x=1)  # ERR
    ''', "takes a path pattern or module=NAME", UsageError),
    script("design-duplicate-unknown", '''
        d = Design(Top())
        d.duplicate("nope")  # ERR
    ''', "no instance at path 'nope'", PassFailedError),
    script("design-rename-unknown", '''
        d = Design(Top())
        d.rename_module("Nope", "New")  # ERR
    ''', "no loom.module named 'Nope'", PassFailedError),
    script("design-run-unknown-pass", '''
        d = Design(Top())
        d.run("no-such-pass")  # ERR
    ''', "'no-such-pass' does not refer to a registered pass"),
    script("design-not-generator", 'Design(5)  # ERR', "expected a Generator, got int", UsageError),

    # -- building SystemVerilog and passes -----------------------------------------------------------------
    script("verilog-class-not-instance", 'loom.verilog(Top)  # ERR', "write Top\\(\\), not Top", UsageError),
    script("verilog-not-generator", 'loom.verilog("Top")  # ERR', "expected a Generator, got str", UsageError),
    script("emit-into-file", '''
        import tempfile
        path = tempfile.mkstemp()[1]
        loom.emit(Top(), path)  # ERR
    ''', "it is a file, not a folder", UsageError),
    script("verilog-unknown-pass", 'loom.verilog(Top(), passes="no-such-pass")  # ERR',
           "pass 'no-such-pass' doesn't exist"),
    script("pass-manager-unknown", 'PassManager().add_pass("no-such-pass")  # ERR', "doesn't exist", ParseError),
    script("pass-manager-duplicate", '''
        m = PassManager()
        m.register_pass("mine", lambda top: None)
        m.register_pass("mine", lambda top: None)  # ERR
    ''', "already exists"),
    script("pass-manager-not-callable", 'loom.verilog(Top(), additional_passes={"x": 3})  # ERR',
           "a pass must be callable, got 3", UsageError),
    script("set-num-cpus-kind", 'loom.set_num_cpus("2")  # ERR', r"set_num_cpus\(\) expects an int", UsageError),
    script("generator-replace-unknown", '''
        t = Top()
        t.replace("nope", Leaf())  # ERR
    ''', "'Top' has no child instance 'nope'"),

    # -- SystemVerilog interfaces (frontend/interfaces.py) ----------------------------------------------------
    script("interface-modport-unknown-signal", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        bus.modport("Src").set_output("dta")  # ERR
    ''', "'dta' is not a signal of the interface \\(did you mean 'data'\\?\\)", ElaborationError),
    script("interface-modport-drives-input", '''
        bus = loom.Interface("Bus")
        bus.clock("clk")
        bus.modport("Src").set_output("clk")  # ERR
    ''', "cannot make 'clk' an output: it is an input of interface 'Bus'", ElaborationError),
    script("interface-array-signal", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8, 4)  # ERR
    ''', r"arrays in interfaces \(size=4\) are not supported", ElaborationError),
    body("interface-instance-of-modport", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        src = bus.modport("Src")
        src.set_output("data")
        self.interface(src, "bus")  # ERR
    ''', "a modport is a view of an interface; instantiate the interface itself"),
    body("interface-whole-port-with-var", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        self.interface(bus, "bus", is_port=True)  # ERR
    ''', "a whole interface as a port gives no direction to its var 'data'"),
    body("interface-modport-input-assigned", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        dst = bus.modport("Dst")
        dst.set_input("data")
        port = self.interface(dst, "bus", is_port=True)
        port.data.assign(3)  # ERR
    ''', "cannot drive input port 'bus_data'"),
    body("interface-input-not-driven", '''
        bus = loom.Interface("Bus")
        bus.clock("clk")
        self.interface(bus, "bus")  # ERR
    ''', r"input 'clk' of interface instance 'bus' \('Bus'\) is never driven in 'G'"),
    script("interface-wrong-modport", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        src, dst = bus.modport("Src"), bus.modport("Dst")
        src.set_output("data")
        dst.set_input("data")

        class Reader(Generator):
            def __init__(self):
                super().__init__()
                self.bus = self.interface(dst, "bus", is_port=True)
                self.output("o", 8).assign(self.bus.data)

        class G(Generator):
            def __init__(self):
                super().__init__()
                b = self.interface(bus, "b")
                r = Reader()
                self.add_child("r", r)
                self.wire(r.bus, b.Src)  # ERR

        G()
    ''', "the child's port takes modport 'Dst'", ElaborationError),
    script("interface-pass-through-direction", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)
        src, dst = bus.modport("Src"), bus.modport("Dst")
        src.set_output("data")
        dst.set_input("data")

        class Writer(Generator):
            def __init__(self):
                super().__init__()
                self.bus = self.interface(src, "bus", is_port=True)
                self.bus.data.assign(1)

        class G(Generator):
            def __init__(self):
                super().__init__()
                port = self.interface(dst, "bus", is_port=True)
                w = Writer()
                self.add_child("w", w)
                self.wire(w.bus, port)  # ERR

        G()
    ''', "the child drives 'data', and 'G''s port has it as an input", ElaborationError),
    body("add-fsm-reset-polarity", '''
        self.clock("clk")
        self.reset("rst")
        self.add_fsm("ctrl", reset_high=False)  # ERR
    ''', r"add_fsm\('ctrl', reset_high=False\): the reset input port 'rst' of 'G' is active-high"),
    script("interface-unknown-member", '''
        bus = loom.Interface("Bus")
        bus.var("data", 8)

        class G(Generator):
            def __init__(self):
                super().__init__()
                b = self.interface(bus, "b")
                self.output("o", 8).assign(b.dat)  # ERR

        G()
    ''', "has no signal or modport 'dat' \\(did you mean 'data'\\?\\)"),
]
