"""kratos's array declarations: ``var(name, width, size=n, packed=..., explicit_array=...)``.

kratos declares an array by giving a signal a ``size`` (an int, or a list for
several dimensions, the outermost first); ``packed=False`` (kratos's default)
makes it an unpacked array, ``packed=True`` a packed one. A size of 1 gives a
plain signal unless ``explicit_array=True`` asks for a one-element array.
loom's own spelling is a type in the width position (``Array(8, 4)``,
``UnpackedArray(8, 4)``); this module maps kratos's keywords onto those types, so
``var("b", 8, size=(2, 3), packed=True)`` is ``var("b", Array(Array(8, 3), 2))``:
``logic [1:0][2:0][7:0] b``, as kratos writes it.
"""

from __future__ import annotations

from typing import Sequence, Union

from ..dialect.errors import ElaborationError
from .params import Param
from .signals import Width
from ..dialect.srcloc import SourceLoc
from .types import Array
from .unpacked import UnpackedArray

ArraySize = Union[int, Sequence[int], None]


def array_width(width: Width, size: ArraySize, packed: bool, explicit_array: bool,
                loc: SourceLoc) -> Width:
    """The type kratos's ``width``/``size``/``packed``/``explicit_array`` declare (``width`` itself without a size)."""
    if size is None:
        if explicit_array:
            raise ElaborationError("explicit_array=True needs a size= (the number of elements)", str(loc))
        return width
    dims = [size] if isinstance(size, int) else list(size) if isinstance(size, (list, tuple)) else None
    if not dims or any(not isinstance(d, int) or isinstance(d, bool) or d < 1 for d in dims):
        raise ElaborationError(f"size= must be a positive int or a list of them (one per dimension, outermost"
                               f" first), got {size!r}", str(loc))
    if isinstance(width, Param):
        raise ElaborationError(f"an array of parametric width {width.name} is not supported; give the element"
                               " width as an int or a type", str(loc))
    if dims == [1] and not explicit_array:
        return width  # kratos: a size-1 signal is a plain one unless explicit_array=True
    kind = Array if packed else UnpackedArray
    element: Width = width
    for dim in reversed(dims):
        element = kind(element, dim)  # type: ignore[arg-type]
    return element
