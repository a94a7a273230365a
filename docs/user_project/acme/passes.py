"""acme's own passes, for ``loom-opt --load-pass-plugin=acme.passes`` and ``loom.verilog(top, passes=...)``.

- ``check-port-names``: the team's naming rule -- inputs start with ``i_``,
  outputs with ``o_`` (clocks and resets are exempt); every port that breaks
  it is an error at the port (an input's block argument, the ``loom.output``
  of an output), with a note at its module.
- ``prefix-modules{prefix=...}``: put a prefix in front of every module name
  (and every instance's reference to it), so that the design can be dropped
  into a chip with other vendors' modules without name clashes.
"""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

import loom
from loom.dialect import IN, InstanceOp, ModuleOp, PortInfo
from loom.passes import error, option, remark


def loom_modules(module: ir.Operation) -> list[ModuleOp]:
    """The ``loom.module`` definitions at the top level of the design."""
    return [op for op in module.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]


def is_clock_or_reset(port: PortInfo) -> bool:
    """Clocks have the type ``!seq.clock``; loom marks reset ports with a ``reset`` entry (its kind)."""
    return str(port.type) == "!seq.clock" or any(key == "reset" for key, _ in port.extra)


@dataclass(frozen=True)
class PortNameOptions:
    input_prefix: str = option("i_", help="what every input's name starts with")
    output_prefix: str = option("o_", help="what every output's name starts with")


@loom.register_pass("check-port-names", options=PortNameOptions)
def check_port_names(module: ir.Operation, options: PortNameOptions) -> bool:
    """Report ports whose names break the i_/o_ rule (clocks and resets are exempt)."""
    for definition in loom_modules(module):
        arguments = iter(definition.body.arguments)
        for port in definition.ports:
            argument = next(arguments) if port.direction == IN else None
            prefix = options.input_prefix if port.direction == IN else options.output_prefix
            if is_clock_or_reset(port) or port.name.startswith(prefix):
                continue
            kind = "input" if port.direction == IN else "output"
            # An input is reported at its block argument, an output at the loom.output that drives it.
            error(argument if argument is not None else definition.output,
                  f"{kind} '{port.name}' must start with '{prefix}'") \
                .note(definition, f"in module '{definition.sym_name}'")
    return False  # a check: the IR is unchanged


@dataclass(frozen=True)
class PrefixOptions:
    prefix: str = option(help="what to put in front of every module name")


@loom.register_pass("prefix-modules", options=PrefixOptions)
def prefix_modules(module: ir.Operation, options: PrefixOptions) -> None:
    """Put `prefix` in front of every module name and every instance's reference to it."""
    renamed = {definition.sym_name: options.prefix + definition.sym_name for definition in loom_modules(module)}
    for definition in loom_modules(module):
        new_name = renamed[definition.sym_name]
        definition.operation.attributes["sym_name"] = ir.StringAttr.get(new_name)
        remark(definition, f"renamed to '{new_name}'")

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == InstanceOp.OPERATION_NAME:
            target = InstanceOp(op).module_name
            if target in renamed:
                op.attributes["module"] = ir.FlatSymbolRefAttr.get(renamed[target])
        return ir.WalkResult.ADVANCE

    module.walk(visit)
