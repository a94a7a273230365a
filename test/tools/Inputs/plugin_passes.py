"""A pass plugin as a user writes one: loaded by ``loom-opt --load-pass-plugin=<this file>``."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

import loom
from loom.dialect import ModuleOp
from loom.passes import error, option, remark


@dataclass(frozen=True)
class MaxWidthOptions:
    limit: int = option(64, help="the widest value allowed, in bits")


@loom.register_pass("test-max-width", options=MaxWidthOptions)
def max_width(module: ir.Operation, options: MaxWidthOptions) -> None:
    """Report every integer value wider than `limit` bits."""

    def visit(op: ir.Operation) -> ir.WalkResult:
        for result in op.results:
            if isinstance(result.type, ir.IntegerType) and result.type.width > options.limit:
                error(op, f"{result.type.width}-bit value is wider than {options.limit} bits")
        return ir.WalkResult.ADVANCE

    module.walk(visit)


@dataclass(frozen=True)
class RenameOptions:
    prefix: str = option(help="put in front of every port name")


@loom.register_pass("test-rename-ports", options=RenameOptions)
def rename_ports(module: ir.Operation, options: RenameOptions) -> None:
    """Prefix every port of every loom.module."""
    for op in module.regions[0].blocks[0].operations:
        if isinstance(op, ModuleOp):
            ports = ir.ArrayAttr(op.operation.attributes["ports"])
            renamed = []
            for port in ports:
                entries = {named.name: named.attr for named in ir.DictAttr(port)}
                entries["name"] = ir.StringAttr.get(options.prefix + ir.StringAttr(entries["name"]).value)
                renamed.append(ir.DictAttr.get(entries))
            op.operation.attributes["ports"] = ir.ArrayAttr.get(renamed)
            remark(op, f"renamed {len(renamed)} ports")
