"""Not part of the installed package: a guard for a checkout folder named ``loom``.

A script or notebook in the folder *above* a checkout called ``loom`` has that folder first on
``sys.path``, so ``import loom`` finds the checkout itself rather than the installed package. Without
this file Python would import the checkout as an empty namespace package (the editable install's
finder comes after it) and ``from loom import Generator`` would fail with "cannot import name".

With it, the checkout imports as this module, which looks up the installed ``loom`` (an editable
install or a wheel) while ignoring the folder above the checkout, and runs that package's
``__init__`` in this module: the script gets the installed loom, as it would anywhere else. When
this Python has no loom installed, the ImportError says so and how to fix it. Imported under any
other name (pytest imports it as ``<checkout folder name>`` when it collects the tests), it does
nothing. ``test/packaging/test_shadowing.py`` and ``test/installed/test_shadowing.py`` check it.
"""

if __name__ == "loom":
    import os as _os
    import sys as _sys
    from importlib.util import find_spec as _find_spec

    def _installed_loom_origin() -> str | None:
        """The ``__init__.py`` of the loom that Python finds when the folder above this one is off the path."""
        here = _os.path.realpath(__file__)
        above = _os.path.realpath(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))
        saved_path, this = _sys.path[:], _sys.modules.pop(__name__)
        _sys.path[:] = [entry for entry in _sys.path if _os.path.realpath(entry or _os.curdir) != above]
        try:
            spec = _find_spec(__name__)
        finally:
            _sys.path[:] = saved_path
            _sys.modules[__name__] = this
        if spec is None or spec.origin is None or not spec.submodule_search_locations:
            return None
        if _os.path.realpath(spec.origin) == here:
            return None
        __path__[:] = list(spec.submodule_search_locations)
        return spec.origin

    _origin = _installed_loom_origin()
    if _origin is None:
        _checkout = _os.path.dirname(_os.path.abspath(__file__))
        raise ImportError(
            f"'import loom' found the folder {_checkout}, a checkout of loom's source code, because the "
            f"folder above it comes first on sys.path; but loom is not installed in this Python "
            f"({_sys.executable}), so there is no package to use. Install it (pip install {_checkout}), or "
            f"run {_checkout}/run setup and use {_checkout}/.venv/bin/python, or move the script out of "
            f"{_os.path.dirname(_checkout)}.", name=__name__)
    with open(_origin, encoding="utf-8") as _file:
        _code = compile(_file.read(), _origin, "exec")
    del _os, _sys, _find_spec, _installed_loom_origin, _origin, _file
    exec(_code)
    del _code
