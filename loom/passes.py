"""The pass API for users: pass manager, visitor base class and IR nodes.

::

    from loom.passes import IRVisitor, Port, PassManager, VerilogModule
    from loom.passes import error, warning, note, remark, option   # for loom.register_pass passes

See ``loom.driver.pass_manager`` (running passes by name),
``loom.lowering.visitor`` (writing passes) and ``loom.lowering.user_passes``
(registering passes for every pipeline and ``loom-opt``, with typed options
and diagnostics). The nodes a visitor sees are ``IRModule``, ``IRPort``,
``IRVar``, ``IRReg``, ``IRInstance`` (also under kratos's names ``Module``, ``Port``,
``Var``, ``Reg``, ``Instance``), not the frontend's ``loom.Instance`` or ``loom.Var``;
``IRDesign`` is their shared symbol table, not ``loom.Design``.
"""

from .dialect.threads import get_num_cpus, set_num_cpus
from .driver.pass_manager import PassManager, VerilogModule
from .lowering.pipelines import DEFAULT_PIPELINE
from .lowering.pass_options import option
from .lowering.registry import BUILTIN_PASSES
from .lowering.user_passes import NoOptions, error, note, register_pass, remark, warning
from .lowering.stage import needs_loom_ir, needs_lowered_ir
from .lowering.visitor import (Assign, Block, IRDesign, IRInstance, IRModule, IRPort, IRReg, IRVar, IRVisitor, Node,
                               Stmt)

# kratos's names of the visitor's nodes, which the README's examples use.
Instance, Module, Port, Reg, Var = IRInstance, IRModule, IRPort, IRReg, IRVar

__all__ = [
    "Assign", "BUILTIN_PASSES", "Block", "DEFAULT_PIPELINE", "IRDesign", "IRInstance", "IRModule", "IRPort", "IRReg",
    "IRVar", "IRVisitor", "Instance", "Module", "Node",
    "PassManager", "Port", "Reg", "Stmt", "Var", "VerilogModule", "get_num_cpus", "needs_loom_ir",
    "needs_lowered_ir", "register_pass", "set_num_cpus",
    # loom.register_pass: typed options and diagnostics
    "NoOptions", "error", "note", "option", "remark", "warning",
]
