"""Unpacked arrays: ``logic [7:0] a[0:3]``, next to loom's packed ``Array``.

An unpacked array is a collection of elements, not a vector of bits: SystemVerilog
cannot treat it as a number (no arithmetic, no bit slices, no casts to and from
bits), but it can be a port, a var, an element of a procedural assignment, and be
passed whole between modules of the same element type and size. kratos declares
one with ``var(name, width, size=n)`` (its default is unpacked); loom's spelling is
``UnpackedArray(element, n)`` wherever a width goes, and ``var``/``input``/``output``
take kratos's ``size=``/``packed=`` too (``frontend.arrays``).

In the IR the type is CIRCT's ``!hw.uarray<n x T>``, which ExportVerilog writes
as ``T name[0:n-1]``, in ports too. CIRCT has no op that reads an element of an
unpacked array *value* (``hw.array_get`` takes only packed arrays, and
``hw.bitcast`` to a packed array prints as an assignment SystemVerilog rejects),
so an element is read through storage, as in hand-written SystemVerilog:

- a var of unpacked type is an ``sv.wire`` (``%v.io``; a net, because Icarus 12
  leaves a ``logic`` array driven by an instance's output at ``x``) that its
  driver is ``sv.assign``-ed to (element by element when driven part by part);
- ``a[i]`` is ``sv.array_index_inout`` on that storage and ``sv.read_inout``;
- an element of any other unpacked value (an input port, a child's output)
  is read through one ``sv.wire`` per value that holds a copy of it.

Measured with the CIRCT wheel: ``sv.unpacked_array_create`` prints an
assignment pattern ``'{...}`` that crashes Icarus 12, so loom never writes it:
a value built part by part is a wire whose elements are assigned one by one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.srcloc import SourceLoc, user_location
from .signals import Const, Expr, Signal
from .types import ArrayType, Member, checked_index, index_width

if TYPE_CHECKING:
    pass


class UnpackedArray(ArrayType):
    """An unpacked array of ``size`` elements of ``element`` (an int width or a packed/unpacked type)."""

    __slots__ = ()
    packed = False
    MLIR_TYPE = "uarray"
    NOUN = "unpacked array"

    def item(self, signal: Signal, key: object) -> UnpackedElement:
        """``signal[key]``: a constant index is checked against the size; a signal index is resized."""
        loc = user_location(2)
        index = checked_index(signal, self, key, loc)
        if isinstance(index, int):
            return UnpackedElement(signal, index, Const(index, max(1, index_width(self.size)), loc), loc)
        assert isinstance(key, Signal), key  # checked_index makes every other key an int
        return UnpackedElement(signal, key, index, loc)


class UnpackedElement(Member):
    """``a[i]`` of an unpacked array: read through the array's storage (see the module docstring).

    It is a ``Member`` so that assigning it (``a[1].assign(x)``, ``self.a[i] = x``) drives that element
    like an element of a packed array.
    """

    __slots__ = ()

    def __init__(self, base: Signal, key: int | Signal, index: Signal, loc: SourceLoc):
        array = base.width
        assert isinstance(array, UnpackedArray)
        Expr.__init__(self, "uarray_get", (base, index), array.element, loc=loc)
        self.base = base
        self.key = key
