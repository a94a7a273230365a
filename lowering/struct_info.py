"""``extract-struct-info``: write the packed struct definitions of a design as JSON (kratos ``extract_struct_info``).

Option ``file=PATH`` (required; ``-`` writes to stderr, so that stdout keeps
the IR). The pass reads the ``hw.type_scope @loom_types`` and the port types
of every ``loom.module``/``hw.module``; it changes nothing. The same data is
available from Python as ``loom.struct_info(top)``.

The JSON document::

    {
      "structs": {
        "pixel_t": {
          "width": 12,
          "sv": "typedef struct packed {logic [7:0] r; logic [3:0] g;} pixel_t;",
          "fields": [
            {"name": "r", "width": 8, "msb": 11, "lsb": 4, "type": "logic [7:0]"},
            {"name": "g", "width": 4, "msb": 3, "lsb": 0, "type": "logic [3:0]"}
          ]
        }
      },
      "ports": {"Top": {"p": "pixel_t"}}
    }

``structs`` holds every named struct in declaration order (a struct used as
a field comes before the struct that uses it); a field's ``type`` is its
SystemVerilog type (a nested struct by name, arrays as ``T [n-1:0]``).
``msb``/``lsb`` are bit positions inside the struct, the first field being
the most significant. ``ports`` lists, per module, the ports whose type is a
named struct (or an array of them: ``"pixel_t [3:0]"``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from circt import ir
from circt.dialects import hw

from ..dialect import type_scope
from ..dialect.errors import PassFailedError
from .pass_kinds import PassKind
from .pass_options import option
from .registry import loom_pass


def sv_type(type_: ir.Type) -> str:
    """A type as SystemVerilog spells it: ``logic [7:0]``, ``pixel_t``, ``logic [3:0][7:0]``."""
    name = type_scope.alias_name(type_)
    if name is not None:
        return name
    if hw.ArrayType.isinstance(type_):
        array = hw.ArrayType(type_)
        element = sv_type(array.element_type)
        dims = f"[{array.size - 1}:0]"
        if element.startswith("logic"):
            return f"logic {dims}{element[len('logic'):].strip()}"
        return f"{element} {dims}"
    if hw.StructType.isinstance(type_):
        fields = " ".join(f"{sv_type(t)} {n};" for n, t in hw.StructType(type_).get_fields())
        return f"struct packed {{{fields}}}"
    width = hw.get_bitwidth(type_)
    return "logic" if width == 1 else f"logic [{width - 1}:0]"


def _names_struct(type_: ir.Type) -> bool:
    if type_scope.alias_name(type_) is not None:
        return hw.StructType.isinstance(type_scope.canonical(type_))
    return hw.ArrayType.isinstance(type_) and _names_struct(hw.ArrayType(type_).element_type)


def struct_info(root: ir.Operation) -> dict[str, Any]:
    """The struct definitions and struct-typed ports of a ``builtin.module`` (see the module docstring)."""
    structs: dict[str, Any] = {}
    for name, declared in type_scope.typedecls(root).items():
        if not hw.StructType.isinstance(declared):
            continue
        fields = []
        position = hw.get_bitwidth(declared)
        for field, field_type in hw.StructType(declared).get_fields():
            width = hw.get_bitwidth(field_type)
            fields.append({"name": field, "width": width, "msb": position - 1, "lsb": position - width,
                           "type": sv_type(field_type)})
            position -= width
        body = " ".join(f"{f['type']} {f['name']};" for f in fields)
        structs[name] = {"width": hw.get_bitwidth(declared), "sv": f"typedef struct packed {{{body}}} {name};",
                         "fields": fields}
    ports: dict[str, dict[str, str]] = {}
    for op in root.regions[0].blocks[0].operations:
        operation = op.operation
        if operation.name == "loom.module":
            entries = [(p.name, p.type) for p in op.ports]
        elif operation.name == "hw.module":
            module_type = hw.ModuleType(ir.TypeAttr(operation.attributes["module_type"]).value)
            entries = list(zip(module_type.input_names + module_type.output_names,
                               module_type.input_types + module_type.output_types, strict=True))
        else:
            continue
        typed = {name: sv_type(t) for name, t in entries if _names_struct(t)}
        if typed:
            ports[ir.StringAttr(operation.attributes["sym_name"]).value] = typed
    return {"structs": structs, "ports": ports}


@dataclass(frozen=True)
class StructInfoOptions:
    """The options of ``extract-struct-info``."""

    file: str = option(help="the JSON file to write (- for stderr)")


@loom_pass("extract-struct-info", kind=PassKind.DESIGN,
           summary="Extract packed struct information: the struct definitions and struct-typed ports as JSON"
                   " (file=PATH)",
           options=StructInfoOptions)
def run(module: ir.Operation, options: StructInfoOptions) -> None:
    """Extract packed struct information into the JSON file named by ``file=``."""
    path = options.file
    text = json.dumps(struct_info(module), indent=2) + "\n"
    if path == "-":
        sys.stderr.write(text)
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise PassFailedError(f"extract-struct-info cannot write '{path}': {error.strerror}") from None
