"""Workaround for a per-access import in the CIRCT 1.162 Python bindings.

Every time the bindings hand an attribute, type, result or location of an op
to Python they try ``import circt.dialects.<namespace>`` to find a custom
Python class for it. For namespaces without a Python module (``builtin`` and
our unregistered ``loom``) the import fails, the failure is not cached and the
attempt costs 50-300 us, i.e. it dominates any Python walk over the IR.
Registering empty placeholder modules makes the lookup a dict hit.
``bench/bench_import_cache.py`` measures the effect.
"""

import sys
import types

PLACEHOLDER_NAMESPACES = ("builtin", "loom")


def install() -> None:
    """Put placeholder modules for namespaces without Python bindings into sys.modules."""
    for namespace in PLACEHOLDER_NAMESPACES:
        name = f"circt.dialects.{namespace}"
        if name not in sys.modules:
            sys.modules[name] = types.ModuleType(name, "placeholder, see loom.dialect.import_cache")


def uninstall() -> None:
    """Remove the placeholders again (only the benchmark needs this)."""
    for namespace in PLACEHOLDER_NAMESPACES:
        module = sys.modules.get(f"circt.dialects.{namespace}")
        if module is not None and (module.__doc__ or "").startswith("placeholder"):
            del sys.modules[f"circt.dialects.{namespace}"]
