"""The loom dialect: ops, verifiers and IR utilities (symbol index, instance graph).

Importing this package installs the import-cache workaround
(``loom.dialect.import_cache``) before any IR is touched.
"""

from . import import_cache

import_cache.install()

from .context import location_text, new_context  # noqa: E402
from .errors import ElaborationError, LoomError, ParseError, PassFailedError, UsageError, VerifyError  # noqa: E402
from .instance_graph import InstanceGraph  # noqa: E402
from .opdef import TABLE as OPS  # noqa: E402
from .ops import IN, OUT, Direction, InstanceOp, ModuleOp, OutputOp, ParamDecl, ParamValueOp, PortInfo  # noqa: E402
from .symbols import SymbolIndex  # noqa: E402
from .verify import Problem, verify, verify_or_raise  # noqa: E402

__all__ = [
    "IN", "OUT", "OPS", "Direction", "ElaborationError", "InstanceGraph", "InstanceOp", "LoomError", "ModuleOp", "OutputOp",
    "ParamDecl", "ParamValueOp", "ParseError", "PassFailedError", "PortInfo", "Problem", "SymbolIndex", "UsageError",
    "VerifyError",
    "location_text", "new_context", "verify", "verify_or_raise",
]
