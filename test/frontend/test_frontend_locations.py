"""Every op the frontend builds carries the user's file:line, in the IR and in the SystemVerilog comments.

Lines are found through ``# ERR: <marker>`` comments (the ``line_of`` fixture),
so the test does not depend on hard-coded line numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import loom
from loom import Generator, Struct, concat, mux


class Located(Generator):
    def __init__(self):
        super().__init__()
        self.clock()
        a = self.input("a", 8)  # ERR: port-a
        b = self.input("b", 8)
        s = self.var("s", 8)  # ERR: var-s
        s.assign(a + b)  # ERR: add
        r = self.reg("r", 8, reset=False)  # ERR: reg-r
        r.assign(mux(a[0], s, b.zext(8) ^ a))  # ERR: mux
        self.output("o", 16).assign(concat(r, a.sext(8) - b))  # ERR: concat


# Locations name files relative to the project (the folder holding pyproject.toml), test/frontend/ here.
THIS_FILE = str(Path(__file__).resolve().relative_to(Path(__file__).resolve().parents[2]))


def debug_ir() -> str:
    module, _ = loom.elaborate(Located())
    return module.operation.get_asm(enable_debug_info=True)


def test_ir_locations_point_at_user_lines(line_of):
    text = debug_ir()
    aliases = {alias: f"{file}:{line}:{col}"
               for alias, file, line, col in re.findall(r'^(#loc\d*) = loc\("([^"]+)":(\d+):(\d+)\)', text, re.M)}
    this_file = THIS_FILE

    def op_lines(op: str) -> set[int]:
        found = set()
        for match in re.finditer(rf"= {re.escape(op)} .*loc\((#loc\d*)\)\s*$", text, re.M):
            ref = match.group(1)
            location = aliases.get(ref)
            assert location is not None and location.startswith(this_file), location
            found.add(int(location.rsplit(":", 2)[1]))
        return found

    assert op_lines("comb.add") == {line_of("add")}
    assert op_lines("comb.mux") == {line_of("mux")}
    assert op_lines("comb.sub") == {line_of("concat")}
    assert line_of("mux") in op_lines("comb.xor")
    assert op_lines("seq.firreg") == {line_of("reg-r")}
    assert line_of("var-s") in op_lines("hw.wire")
    # Block arguments (ports) carry their declaration line.
    assert re.search(rf'%arg1: i8 loc\("{re.escape(this_file)}":{line_of("port-a")}:\d+\)', text)


def test_no_op_points_into_loom_itself():
    text = debug_ir()
    loom_root = loom.__file__.rsplit("/", 1)[0]
    for location in re.findall(r'loc\("([^"]+)":\d+:\d+\)', text):
        if location == "-":
            continue  # the enclosing builtin.module, located by the parser
        assert location == THIS_FILE, f"location outside the user's file: {location} (loom root {loom_root})"


def test_sv_comments_name_user_lines(line_of):
    text = loom.verilog(Located())["Located"]

    def comment_of(fragment: str) -> str:
        line = next(line for line in text.splitlines() if fragment in line)
        return line.split("//", 1)[1]

    assert f":{line_of('add')}:" in comment_of("wire [7:0] s")
    assert f":{line_of('reg-r')}:" in comment_of("reg  [7:0] r") or f":{line_of('reg-r')}:" in text
    assert f":{line_of('mux')}:" in comment_of("r <= ")
    assert f":{line_of('concat')}:" in comment_of("assign o =")
    assert f"// {THIS_FILE}:" in text and __file__ not in text


Sample = Struct("sample_t", valid=1, data=8)  # ERR: struct


class UsesStruct(Generator):
    def __init__(self):
        super().__init__()
        self.output("s", Sample).assign(self.input("i", Sample))


def test_struct_typedef_comment_names_the_struct_line(line_of):
    """The typedef's comment is where the struct was declared, not a line of loom's own IR text."""
    text = loom.verilog(UsesStruct())["UsesStruct"]
    typedef = next(line for line in text.splitlines() if line.lstrip().startswith("typedef struct"))
    assert typedef.rstrip().endswith(f"// {THIS_FILE}:{line_of('struct')}:10"), typedef


def test_locations_can_be_left_out():
    text = loom.verilog(Located(), emit_locations=False)["Located"]
    assert "//" not in text.replace("// always", "").replace("// initial", "")
