"""``insert-pipeline-stages``: add N register stages on every output of a generator (kratos).

Driven by generator attributes: ``pipeline`` = the number of stages (a
positive integer, as a string) and, when the generator has several clock
inputs, ``pipeline_clk`` = the name of the clock to use (default: the first
clock input). Every data output of such a module gets a chain of N
``seq.firreg`` registers, named ``<output>_stage_<i>`` as kratos names them,
between the logic that drove it and the port; the output's latency grows by
N cycles. The registers have no reset (kratos inserts plain
``always_ff @(posedge clk)`` stages), so the first N cycles of an output are
undefined in simulation.

The attributes are consumed: the pass removes ``pipeline``/``pipeline_clk``
from the module once the stages are in, so running it twice does not add
stages twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.ops import IN, ModuleOp
from .pass_kinds import PassKind
from .pass_options import option
from .registry import loom_pass
from .rewrites.common import idle
from .stage import needs_loom_ir
from .structure import clock_port, is_clock, loom_modules, modules_with_attribute
from .visitor import set_user_attributes

STAGES, CLOCK = "pipeline", "pipeline_clk"
NAME = "insert-pipeline-stages"


MAX_STAGES = 1024
"""More stages than this is a typo, not a design: each stage adds a register per output, and
``pipeline = "100000000"`` would otherwise build registers until memory runs out."""


def stage_count(module: ModuleOp, value: str | int, source: str = "attribute 'pipeline'") -> int:
    """The number of stages ``value`` (the attribute's text, or the option) asks for; PassFailedError if it
    is not a positive number of at most ``MAX_STAGES``."""
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise PassFailedError(f"{NAME}: {source} of '{module.sym_name}' must be a positive number of"
                              f" stages, got '{value}'", location_text(module.location))
    if count > MAX_STAGES:
        raise PassFailedError(f"{NAME}: {source} of '{module.sym_name}' asks for {count} stages; at most"
                              f" {MAX_STAGES} are allowed (each stage is one register per output)",
                              location_text(module.location))
    return count


def insert_stages(module: ModuleOp, count: int, clock_name: str | None) -> None:
    ports = module.ports
    clock = module.body.arguments[clock_port(module, ports, clock_name, NAME)]
    output = module.output.operation
    outputs = [p for p in ports if p.direction != IN]
    with output.location, ir.InsertionPoint(output):
        for index, port in enumerate(outputs):
            value = output.operands[index]
            if is_clock(value.type):
                continue
            for stage in range(count):
                value = ir.Operation.create(
                    "seq.firreg", results=[value.type], operands=[value, clock],
                    attributes={"name": ir.StringAttr.get(f"{port.name}_stage_{stage}")}).results[0]
            output.operands[index] = value


@dataclass(frozen=True)
class StagesOptions:
    """The options of ``insert-pipeline-stages``."""

    stages: int | None = option(None, help="add this many stages to every module the pass runs on, attribute or not")
    clock: str | None = option(None, help="the clock input for stages=N (default: the module's only clock)")


@loom_pass("insert-pipeline-stages", kind=PassKind.MODULE,
           summary="Add `pipeline` register stages on the outputs of generators with that attribute",
           options=StagesOptions)
@needs_loom_ir
def run(module: ir.Operation, options: StagesOptions) -> bool | None:
    """Insert `pipeline` register stages on the outputs of generators that carry the attribute.

    The option ``stages=N`` (with ``clock=NAME``) stages every module the pass
    runs on instead, attribute or not: the form for a scoped run
    (``loom-scope{path=tile[Y=3] pipeline="insert-pipeline-stages{stages=1}"}``).
    """
    if options.stages is not None:
        for op in loom_modules(module):
            insert_stages(op, stage_count(op, options.stages, "option 'stages'"), options.clock)
        return None
    if idle(module, "insert-pipeline-stages"):
        return False  # nothing to do: the IR is untouched
    marked = modules_with_attribute(module, STAGES)
    for op, attributes in marked:
        insert_stages(op, stage_count(op, attributes[STAGES]), attributes.get(CLOCK))
        attributes.pop(STAGES)
        attributes.pop(CLOCK, None)
        set_user_attributes(op.operation, attributes)
    return None
