"""Names a package exports but imports when a program first reads them (a module ``__getattr__``, PEP 562).

``import loom`` and ``import loom.sim`` stay cheap for the default flow while ``loom.Design`` or
``loom.sim.run`` still work (docs/architecture.md, "Start-up"). A package lists the names with the module
that defines each, imports them under ``TYPE_CHECKING`` for type checkers, and otherwise sets
``__getattr__ = deferred_attributes(...)``. The first read imports the module and keeps the value in the
package, so later reads are plain attribute reads.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def deferred_attributes(package: str, names: Mapping[str, tuple[str, str]],
                        namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package`` (whose globals are ``namespace``): ``names`` maps an exported name to
    (module relative to the package, attribute of that module)."""

    def getattr_(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = names[name]
        value = namespace[name] = getattr(importlib.import_module(module, package), attribute)
        return value

    return getattr_
