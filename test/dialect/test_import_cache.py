"""The dialect-module placeholders of ``loom.dialect.import_cache``.

Each case runs in a fresh interpreter: whether a CIRCT dialect module is
imported depends on what the process did before, and pytest's own process has
imported most of them already.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run_fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_design_run_imports_no_dialect_module_loom_does_not_use() -> None:
    """Walking comb/seq/sv ops from loom's passes does not import their Python op classes (1-5 ms each)."""
    out = run_fresh(f"""
        import sys
        import loom
        from loom.tools.build import load_file

        tree = load_file({str(EXAMPLES / "binary_tree.py")!r})
        assert "module Node2" in loom.verilog(tree.top(2))["Node2"]
        print(sorted(name for name in sys.modules if name.startswith("circt.dialects._")
                     and name.endswith(("_comb_ops_gen", "_seq_ops_gen", "_sv_ops_gen"))))
    """)
    assert out.splitlines()[-1] == "[]", out


def test_a_user_import_of_a_lazy_dialect_gets_its_real_op_classes() -> None:
    """``from circt.dialects import comb`` after ``import loom`` serves comb's classes, and ops walked after the
    first read come back as those classes, as without loom."""
    out = run_fresh("""
        import sys

        import loom  # installs the placeholders
        from circt import ir
        from circt.dialects import comb
        from loom.dialect.context import new_context

        add = comb.AddOp
        with new_context() as context:
            module = ir.Module.parse(
                "hw.module @m(in %a : i8, out o : i8) { %s = comb.add %a, %a : i8  hw.output %s : i8 }", context)
            body = module.body.operations[0].regions[0].blocks[0]
            print(type(sys.modules["circt.dialects.comb"]).__name__, isinstance(body.operations[0], add))
    """)
    assert out == "module True", out
