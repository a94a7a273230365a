"""loom: a hardware generator framework for Python on MLIR and CIRCT.

Write generators as Python classes, then turn them into SystemVerilog::

    from loom import Generator, verilog

    class Adder(Generator):
        def __init__(self, width: int = 8):
            super().__init__(f"Adder{width}")
            a, b = self.input("a", width), self.input("b", width)
            self.output("sum", width).assign(a + b)

    print(verilog(Adder())["Adder8"])
"""

# The one place the version is written: pyproject.toml reads it from here (setuptools
# `dynamic`), and `loom --version` / `loom-opt --version` print it.
__version__ = "0.1.0"

from typing import TYPE_CHECKING

from .dialect import ElaborationError, LoomError, ParseError, PassFailedError, UsageError, VerifyError
from .dialect.deferred import deferred_attributes
from .dialect.errors import KeywordNameWarning, UndrivenWarning
from .dialect.threads import set_num_cpus as _set_num_cpus
from .driver.backend import emit, verilog
from .driver.pass_manager import PassManager, VerilogModule
from .driver.user_calls import at_user_call
from .frontend.bundles import PortBundle
from .frontend.clones import CloneError
from .frontend.dpi import dpi_function
from .frontend.emit import elaborate
from .frontend.functions import concat, const, mux
from .frontend.generator import Generator, Instance
from .frontend.hwfunction import function
from .frontend.interfaces import Interface
from .frontend.kratos_api import PortDirection, PortType, clog2, comment, resize, ternary
from .frontend.params import Condition, Param
from .frontend.procedural import always_comb, always_ff, always_latch, assert_, display, final
from .frontend.signals import Signal, Var
from .frontend.statements import If, Switch, assign, negedge, posedge
from .frontend.types import Array, Enum, Struct
from .frontend.unpacked import UnpackedArray
from .lowering.diagnostics import LoomWarning
from .lowering.user_passes import register_pass
from .lowering.visitor import IRVisitor

set_num_cpus = at_user_call(_set_num_cpus)

__all__ = [
    "__version__",
    "Condition", "Design", "ElaborationError", "Generator", "Instance", "LoomError", "LoomWarning", "Param",
    "ParseError",
    "PassFailedError", "Signal", "UsageError", "VerifyError", "concat", "const", "elaborate", "emit", "ir", "mux",
    "register_pass", "verilog",
    "IRVisitor", "PassManager", "VerilogModule", "set_num_cpus",
    # structs, arrays, enums, port bundles, interfaces, memories, FSMs (frontend/types.py, ...)
    "Array", "Enum", "Interface", "PortBundle", "Struct", "UnpackedArray", "struct_info",
    # procedural blocks (frontend/procedural.py, frontend/statements.py)
    "If", "Switch", "always_comb", "always_ff", "always_latch", "assert_", "assign", "display", "dpi_function",
    "final", "function", "negedge", "posedge",
    # generator clones (frontend/clones.py) and the editing helpers' Var
    "CloneError", "Var",
    # translation validation (driver/validate.py): verilog(top, prove=True)
    "ProofError", "ProofWarning",
    # warnings, and kratos's spellings for porting kratos code (frontend/kratos_api.py, docs/from-kratos.md)
    "KeywordNameWarning", "UndrivenWarning", "PortDirection", "PortType", "clog2", "comment", "resize", "ternary",
]

# Names whose modules `import loom` leaves unimported until a program first reads them: the default flow
# (loom.verilog / loom.emit / loom build) uses none of them, and importing them costs about a sixth of
# `import loom` (docs/architecture.md, "Start-up"). Type checkers see ordinary imports.
_DEFERRED: dict[str, tuple[str, str]] = {
    "Design": (".driver.design", "Design"),
    "ir": (".driver.ir_text", "ir"),
    "struct_info": (".driver.struct_info", "design_struct_info"),
    "ProofError": (".driver.validate", "ProofError"),
    "ProofWarning": (".driver.validate", "ProofWarning"),
}

if TYPE_CHECKING:
    from .driver.design import Design
    from .driver.ir_text import ir
    from .driver.struct_info import design_struct_info as struct_info
    from .driver.validate import ProofError, ProofWarning
else:
    __getattr__ = deferred_attributes(__name__, _DEFERRED, globals())
