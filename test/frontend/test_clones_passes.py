"""``hash-generators`` and ``uniquify-generators`` on designs built with ``create``: merging and determinism."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import loom
from loom import Generator


class PE(Generator):
    def __init__(self, width: int = 4, is_clone: bool = False):
        super().__init__(f"PE{width}", is_clone=is_clone)
        self.output("o", width).assign(self.input("a", width) + 1)


class Top(Generator):
    def __init__(self, children: list[Generator]):
        super().__init__("Top")
        a = self.input("a", 4)
        result = None
        for index, child in enumerate(children):
            inst = self.add_child(f"u{index}", child, a=a)
            result = inst.o if result is None else result ^ inst.o
        self.output("o", 4).assign(result)


def test_uniquify_merges_clones_edited_alike_on_different_lines(lint_sv):
    """The frontend keys modules by text, source locations included; the pass looks at structure only."""
    Generator.clear_clone_cache()
    children = [PE.create(width=4) for _ in range(4)]
    for child in children[1:3]:
        child.initialize_clone()
    tap1 = children[1].var("tap", 4)
    loom.Var.move_src_to(children[1].ports.o, tap1, children[1], True)
    tap2 = children[2].var("tap", 4)
    loom.Var.move_src_to(children[2].ports.o, tap2, children[2], True)
    top = Top(children)
    assert sorted(loom.verilog(top, emit_locations=False)) == ["PE4", "PE4_1", "PE4_2", "Top"]
    merged = loom.verilog(top, emit_locations=False, passes="uniquify-generators")
    assert sorted(merged) == ["PE4", "PE4_1", "Top"]
    assert merged["Top"].count("PE4_1 u") == 2 and merged["Top"].count("PE4 u") == 2
    lint_sv(merged, "Top")
    Generator.clear_clone_cache()


DETERMINISM_SCRIPT = textwrap.dedent('''
    import loom
    from loom import Generator

    class Leaf(Generator):
        def __init__(self, width=4, op="add", is_clone=False):
            super().__init__(f"Leaf{width}", is_clone=is_clone)
            a, b = self.input("a", width), self.input("b", width)
            self.output("o", width).assign(a - b if op == "sub" else b - a if op == "rsub" else a + b)

    class Top(Generator):
        def __init__(self):
            super().__init__("Top")
            a, b = self.input("a", 4), self.input("b", 4)
            result = None
            kinds = {"sub", "rsub", "add"}  # set order follows the hash seed; names must not
            children = [Leaf.create(width=4, op=op) for op in sorted(kinds) * 3]
            for child in children[3:5]:
                child.initialize_clone()
                child.var("tap", 4).assign(child.ports.a)
            for index, child in enumerate(children):
                inst = self.add_child(f"u{index}", child, a=a, b=b)
                result = inst.o if result is None else result ^ inst.o
            self.output("o", 4).assign(result)

    module, top = loom.elaborate(Top())
    from loom.lowering.pipeline import run_pipeline
    with module.context:
        run_pipeline(module.operation, "hash-generators, uniquify-generators")
    print(module)
    for name, text in loom.verilog(Top(), emit_locations=False, passes="hash-generators, uniquify-generators").items():
        print(name)
        print(text)
''')


def test_output_is_identical_across_hash_seeds(tmp_path: Path):
    script = tmp_path / "design.py"
    script.write_text(DETERMINISM_SCRIPT)
    outputs = []
    for seed in ("0", "1", "12345", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, str(script)], capture_output=True, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout)
    assert all(output == outputs[0] for output in outputs[1:])
    text = outputs[0].decode()
    assert "structural_hash" in text and "Leaf4_1" in text
