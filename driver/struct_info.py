"""``loom.struct_info(top)``: the packed structs and struct-typed ports of a generator's design.

The data is what the pass ``extract-struct-info`` (``lowering/struct_info.py``) writes; this is the
driver's half, which elaborates the generator first.
"""

from __future__ import annotations

from typing import Any

from ..frontend.emit import elaborate
from ..lowering.struct_info import struct_info


def design_struct_info(top: Any) -> dict[str, Any]:
    """``struct_info`` of a generator's design (elaborated, not lowered): what ``extract-struct-info`` writes."""
    module, _ = elaborate(top)
    with module.context:
        return struct_info(module.operation)
