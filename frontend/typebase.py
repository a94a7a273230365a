"""The base of loom's aggregate data types (packed structs and arrays).

It lives apart from ``frontend.types`` so that ``frontend.signals`` can tell an
aggregate-typed signal from an integer one without importing the type module
(which builds on the signals). A signal's ``width`` is an ``int``, a ``Param``
or a ``DataType``; enums are ``int`` subclasses (see ``frontend.types.Enum``)
because they behave as plain bits everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.errors import LoomError

if TYPE_CHECKING:
    from .signals import Signal
    from .types import Member


class Packable:
    """A type whose values a simulator reads and writes as plain integers: structs, arrays and enums.

    ``frontend.packing`` hands a value of such a type to the type itself (a struct packs its fields, each
    through ``packing`` again), so that it needs none of the type classes.
    """

    __slots__ = ()

    def describe(self) -> str:
        """How error messages name the type."""
        raise NotImplementedError

    def pack_value(self, value: object, what: str) -> int:
        """The bits of ``value`` (a dict for a struct, a list for an array, a member for an enum)."""
        raise LoomError(f"{what}: an {self.describe()} has no bits: give its elements one by one")

    def unpack_number(self, number: int) -> object:
        """The value of the bits ``number`` (already checked to fit)."""
        raise LoomError(f"an {self.describe()} has no bits to unpack: read its elements one by one")


class DataType(Packable):
    """A packed aggregate type: a fixed number of bits with an MLIR type and a structure.

    Subclasses compare structurally (two ``Struct("pixel_t", r=8)`` made by
    two generator objects are the same type) and are hashable.
    """

    __slots__ = ()
    packed = True
    """False for an unpacked array (``frontend.unpacked``): it has no bits to cast, compute or slice."""

    @property
    def bits(self) -> int:
        """The total number of bits."""
        raise NotImplementedError

    def mlir(self) -> str:
        """The MLIR type text (``!hw.array<4xi8>``, ``!hw.typealias<...>``)."""
        raise NotImplementedError

    def describe(self) -> str:
        """How error messages name the type (``struct 'pixel_t'``, ``array of 4 x 8 bits``)."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.describe()

    # A signal of this type hands these to its type (``Signal.__getattr__``, ``__getitem__``, ``bits``): the
    # type classes build on signals, so signals.py asks the type instead of importing them.

    def member(self, signal: Signal, name: str) -> Member:
        """``signal.name``: a field of a struct; an unknown attribute for any other type."""
        raise NotImplementedError

    def item(self, signal: Signal, key: object) -> Member:
        """``signal[key]``: an element of an array, a field of a struct named by a string."""
        raise NotImplementedError

    def bits_of(self, signal: Signal) -> Signal:
        """``signal.bits()``: the value as a plain integer of ``self.bits`` bits (an error when unpacked)."""
        raise NotImplementedError


def bit_count(width: object) -> int | None:
    """The number of bits of an int or aggregate width; None for a parametric width."""
    if isinstance(width, DataType):
        return width.bits
    if isinstance(width, int):
        return int(width)
    return None


def array_shape(array: DataType) -> tuple[list[int], object]:
    """The sizes of the nested array dimensions of ``array`` (outermost first) and the innermost element: kratos
    describes an array by these (its ``.size`` list and ``.width``). Packed and unpacked dimensions both count."""
    dims: list[int] = []
    node: object = array
    while isinstance(node, DataType) and hasattr(node, "element") and hasattr(node, "size"):
        dims.append(node.size)
        node = node.element
    return dims, node
