"""mypy, run outside the checkout, finds loom's types in the installed wheel (``py.typed``)."""

from __future__ import annotations

import sys
from pathlib import Path

from installed_tools import run

USER_CODE = '''\
from loom import Generator, verilog


class Adder(Generator):
    def __init__(self, width: int = 8) -> None:
        super().__init__(f"Adder{width}")
        a, b = self.input("a", width), self.input("b", width)
        self.output("sum", width).assign(a + b)


texts: dict[str, str] = verilog(Adder())
count: int = verilog(Adder())
'''


def test_mypy_reads_loom_types(outside: Path) -> None:
    (outside / "user.py").write_text(USER_CODE)
    result = run(sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null", "--strict", "user.py",
                 cwd=outside, check=False)
    # One error, on the line that misuses verilog()'s result: mypy knows what loom.verilog returns. Without
    # py.typed it would report the import instead ("missing library stubs or py.typed marker").
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith("user.py:12: error: Incompatible types in assignment"), errors
    assert "dict[str, str]" in errors[0], errors
