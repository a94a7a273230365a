"""Workarounds for the dialect-module imports of the CIRCT 1.162 Python bindings.

Every time the bindings hand an attribute, type, result or location of an op
to Python they try ``import circt.dialects.<namespace>`` to find a custom
Python class for it. For namespaces without a Python module (``builtin`` and
our unregistered ``loom``) the import fails, the failure is not cached and the
attempt costs 50-300 us, i.e. it dominates any Python walk over the IR.
Registering empty placeholder modules makes the lookup a dict hit.
``bench/import_cache.py`` measures the effect.

For the CIRCT dialects whose op classes loom never uses (``comb``, ``seq``,
``sv``, ...) the import succeeds but costs 1-5 ms each (the generated op
classes), paid the first time a Python pass walks such an op: about a fifth
of a small design's whole run. Those namespaces get a *lazy* placeholder: the
bindings then hand loom plain ``OpView`` objects, which is all loom reads, and
the first attribute read on the placeholder (``comb.AddOp`` after a user's
``from circt.dialects import comb``) imports the real module, which registers
its op classes with the bindings as usual and serves the read from then on.
"""

import importlib
import sys
import types

PLACEHOLDER_NAMESPACES = ("builtin", "loom")
LAZY_NAMESPACES = ("comb", "seq", "sv", "fsm", "verif", "ltl", "emit", "sim")
_PLACEHOLDER_DOC = "placeholder, see loom.dialect.import_cache"


class _LazyDialect(types.ModuleType):
    """Stands for ``circt.dialects.<namespace>`` until something reads from it, then imports the real module."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # import machinery and introspection probe dunders: no reason to load
            raise AttributeError(name)
        return getattr(_load(self.__name__), name)


def _load(module_name: str) -> types.ModuleType:
    """Replace the lazy placeholder ``module_name`` by the real module (imported now) and return it."""
    current = sys.modules.get(module_name)
    if isinstance(current, _LazyDialect):
        del sys.modules[module_name]
    return importlib.import_module(module_name)


def install() -> None:
    """Put placeholder modules for the namespaces above into sys.modules (names already imported are kept)."""
    for namespace in PLACEHOLDER_NAMESPACES:
        name = f"circt.dialects.{namespace}"
        if name not in sys.modules:
            sys.modules[name] = types.ModuleType(name, _PLACEHOLDER_DOC)
    for namespace in LAZY_NAMESPACES:
        name = f"circt.dialects.{namespace}"
        if name not in sys.modules:
            sys.modules[name] = _LazyDialect(name, _PLACEHOLDER_DOC)


def uninstall() -> None:
    """Remove the placeholders again (only the benchmark needs this)."""
    for namespace in PLACEHOLDER_NAMESPACES + LAZY_NAMESPACES:
        module = sys.modules.get(f"circt.dialects.{namespace}")
        if module is not None and (module.__doc__ or "").startswith("placeholder"):
            del sys.modules[f"circt.dialects.{namespace}"]
