"""Setting a misspelt signal attribute (issue 12): located loom errors inside generators; Python's own
refusal elsewhere; an AttributeError made inside loom is left alone (frontend/signals.py ``setting_error``).
The misuse table (test/misuse) has the user-level rows; these are the edges."""

from __future__ import annotations

import os

import pytest

import loom
from loom import Generator
from loom.frontend.signals import setting_error


def test_outside_a_generator_python_refuses_the_name_itself() -> None:
    gen = Generator("G")
    o = gen.output("o", 4)
    with pytest.raises(AttributeError) as info:
        o.asign = 3  # type: ignore[attr-defined]
    assert not isinstance(info.value, loom.LoomError) and info.value.name == "asign" and info.value.obj is o
    assert "asign" not in dir(o)


def test_an_error_made_inside_loom_keeps_its_traceback() -> None:
    """Only the user's own line is reported as a mistake: a refusal raised in loom's code is a bug."""
    gen = Generator("G")
    o = gen.output("o", 4)
    inside = os.path.join(os.path.dirname(loom.frontend.signals.__file__), "internal.py")
    with pytest.raises(AttributeError) as info:
        exec(compile("o.asign = 3", inside, "exec"), {"o": o})
    assert setting_error(info.value) is None
    with pytest.raises(AttributeError) as user:
        exec(compile("o.asign = 3", __file__, "exec"), {"o": o})
    located = setting_error(user.value)
    assert located is not None and located.location is not None and "did you mean 'assign'" in located.message


def test_reading_and_hasattr_still_behave() -> None:
    class G(Generator):
        def __init__(self) -> None:
            super().__init__("G")
            a = self.input("a", 4)
            assert not hasattr(a, "asign") and getattr(a, "nmae", None) is None
            self.output("o", 4).assign(a)

    assert "module G" in loom.verilog(G())["G"]
