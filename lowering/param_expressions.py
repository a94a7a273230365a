"""Parameter expressions back into comb ops, so the SystemVerilog sizes every constant in them.

``canonicalize`` folds arithmetic on a kept parameter's value into a parameter
expression (``comb.add`` of ``hw.param.value P0`` and ``hw.constant 1 : i3``
becomes ``hw.param.value #hw.param.expr.add<P0, 1>``), and ExportVerilog prints
its constants unsized: ``P0 + 1`` is 32 bits wide. In a concatenation that is an
error in Icarus ("Concatenation operand has indefinite width") and a WIDTHCONCAT
warning in ``verilator -Wall`` (found by the random-design fuzzer with
``keep_parameters=True``). Rebuilt as comb ops on the plain parameter value, the
constants keep their width (``P0 + 3'h1``). Runs in ``lower-data-types``, after
``canonicalize``, which would fold them again.
"""

from __future__ import annotations

from circt import ir

from ..dialect.constants import create_constant

_COMB = {"add": "comb.add", "mul": "comb.mul", "and": "comb.and", "or": "comb.or", "xor": "comb.xor",
         "shl": "comb.shl", "shru": "comb.shru", "shrs": "comb.shrs", "divu": "comb.divu", "divs": "comb.divs",
         "modu": "comb.modu", "mods": "comb.mods"}
"""Parameter expression operators and the comb op computing each."""

_EXPR = "#hw.param.expr."
_REF = "#hw.param.decl.ref<"


Tree = tuple  # ("ref", text) | ("const", n) | (comb op name, operand trees...)


def _parse(text: str, at: int) -> tuple[Tree, int] | None:
    """The expression tree starting at ``text[at]`` and the index after it; None for what comb cannot compute."""
    if text.startswith(_REF, at):
        end = text.index(">", at) + 1
        return ("ref", text[at:end]), end
    if text.startswith(_EXPR, at):
        bracket = text.index("<", at)
        op = _COMB.get(text[at + len(_EXPR):bracket])
        if op is None:
            return None
        operands: list[Tree] = []
        at = bracket + 1
        while True:
            found = _parse(text, at)
            if found is None:
                return None
            operands.append(found[0])
            at = found[1]
            if text.startswith(", ", at):
                at += 2
            elif text.startswith(">", at):
                return (op, *operands), at + 1
            else:
                return None
    for word, value in (("true", 1), ("false", 0)):  # a 1-bit constant prints as a word
        if text.startswith(word, at):
            return ("const", value), at + len(word)
    end = at + (text[at:at + 1] == "-")
    while end < len(text) and text[end].isdigit():
        end += 1
    if end == at or text[at:end] == "-":
        return None
    if text.startswith(" : i", end):  # a typed constant: its width is the expression's
        end += 4
        while end < len(text) and text[end].isdigit():
            end += 1
    return ("const", int(text[at:text.index(" ", at) if " " in text[at:end] else end])), end


def _build(tree: Tree, type_: ir.Type) -> ir.Value:
    """The comb ops computing ``tree`` at the current insertion point."""
    if tree[0] == "ref":
        return ir.Operation.create("hw.param.value", results=[type_],
                                   attributes={"value": ir.Attribute.parse(f"{tree[1]} : {type_}")}).results[0]
    if tree[0] == "const":
        return create_constant(ir.IntegerType(type_), tree[1]).results[0]
    value = _build(tree[1], type_)
    for operand in tree[2:]:
        value = ir.Operation.create(tree[0], results=[type_], operands=[value, _build(operand, type_)]).results[0]
    return value


def materialize(op: ir.Operation) -> None:
    """Replace ``hw.param.value`` of a parameter expression by comb ops (see the module docstring).

    A plain parameter read only in part is ``narrow-partly-read-values``'s (it runs later, after the
    rewrites that make new selects)."""
    text = str(op.attributes["value"])
    text = text.rsplit(" : ", 1)[0] if text.endswith(f" : {op.results[0].type}") else text
    if not text.startswith(_EXPR) or not isinstance(op.results[0].type, ir.IntegerType):
        return
    found = _parse(text, 0)
    if found is None or found[1] != len(text):
        return  # an operator comb has no op for (clog2, string concatenation): left as it is
    with op.location, ir.InsertionPoint(op):
        value = _build(found[0], op.results[0].type)
    op.results[0].replace_all_uses_with(value)
    op.erase()
