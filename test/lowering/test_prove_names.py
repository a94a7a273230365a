"""lowering/prove_names.py: which flattened signals the yosys proof may pair."""

from loom.lowering.prove_names import inlined_pairs, is_temporary, public_wires, temporaries

RTLIL = r"""module \gold
  wire width 4 input 1 \_raw
  wire output 2 \o
  wire width 4 \_GEN
  wire width 4 \u2._GEN_6
  wire width 4 \u2.r
  wire $auto$rtlil.cc:2402:Or$124
  wire width 2 \u0.m0[1]
end
"""


def test_public_wires_and_ports() -> None:
    names, ports = public_wires(RTLIL)
    assert names == {"_raw", "o", "_GEN", "u2._GEN_6", "u2.r", "u0.m0[1]"}
    assert ports == {"_raw", "o"}


def test_temporaries_flattened_or_not_but_never_ports() -> None:
    names, ports = public_wires(RTLIL)
    assert temporaries(names, ports) == {"_GEN", "u2._GEN_6"}
    assert is_temporary("u0.u1._i0_1") and not is_temporary("u0_GEN") and not is_temporary("a._b.c")


def test_inlined_names_pair_when_unique_both_ways() -> None:
    gold = {"u0.r", "u0.m0[1]", "u1.r", "x", "u0.chk", "u0_chk", "u3.s", "u2._GEN"}
    gate = {"u0_r", "u0_m0[1]", "u1.r", "x", "u0_chk", "u3_s", "u3.s", "u2__GEN"}
    assert inlined_pairs(gold, gate) == {"u0.r": "u0_r", "u0.m0[1]": "u0_m0[1]"}
