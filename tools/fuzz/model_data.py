"""The model's rules for structs, arrays, enums, parameters and memories (see ``describe_data.py``).

A struct or array value is its packed bits: a part is a slice at the part's offset
(``TypeDesc.offset``). A memory is a list of words, unknown (``None``) until written.
"""

from __future__ import annotations

from .description import MemoryDesc, ModuleDesc, Node, TypeDesc, mask

Value = int | None


def evaluate_data(node: Node, sources: list[Node], args: list[int], params: dict[str, int],
                  types: dict[str, TypeDesc]) -> Value:
    """The value of a data-type node from its (known) operand values."""
    op = node.op
    if op == "agg":
        t = types[node.dtype]  # type: ignore[index]
        if node.attrs[0] == "bits":
            return args[0]
        result = 0
        for index, value in enumerate(args):
            result |= value << t.offset(index)
        return result
    if op == "part":
        t = types[sources[0].dtype]  # type: ignore[index]
        return args[0] >> t.offset(node.attrs[0]) & mask(node.width)
    if op == "part_dyn":
        t = types[sources[0].dtype]  # type: ignore[index]
        if args[1] >= len(t.parts):
            return None  # past the last element: SystemVerilog reads unknown bits
        return args[0] >> t.offset(args[1]) & mask(node.width)
    if op == "to_bits":
        return args[0]
    if op == "enum":
        return dict(types[node.attrs[0]].parts)[node.attrs[1]]
    if op == "param":
        return params[node.attrs[0]] & mask(node.width)
    raise ValueError(f"the model has no rule for op {op!r}")


def write_part(t: TypeDesc, value: int, index: Value, part: Value) -> Value:
    """``value`` with field or element ``index`` replaced by ``part``; an index past the end changes nothing."""
    if index is None or part is None:
        return None
    if index >= len(t.parts):
        return value
    offset, width = t.offset(index), t.parts[index][1]
    return value & ~(mask(width) << offset) | part << offset


class MemoryModel:
    """The words of one memory and the registers of its synchronous reads (by node index)."""

    def __init__(self, memory: MemoryDesc):
        self.memory = memory
        self.words: list[Value] = [None] * memory.depth
        self.sync: dict[int, Value] = {}
        self.next_words: list[Value] = []
        self.next_sync: dict[int, Value] = {}

    def word(self, address: Value) -> Value:
        if self.memory.depth == 1:
            return self.words[0]  # a one-word memory has no address
        if address is None or address >= self.memory.depth:
            return None
        return self.words[address]

    def read(self, node: Node, index: int, values: list[Value]) -> Value:
        """An asynchronous read (the word now) or a synchronous one (its register)."""
        if node.op == "mem_read":
            return self.word(values[node.args[0]])
        return self.sync.get(index)

    def prepare(self, module: ModuleDesc, values: list[Value]) -> None:
        """The words and read registers after this clock edge, from the values before it."""
        for index, node in enumerate(module.nodes):
            if node.op == "mem_sync" and module.memories[node.attrs[0]] is self.memory:
                enable = 1 if len(node.args) == 1 else values[node.args[1]]
                kept = self.sync.get(index)
                self.next_sync[index] = None if enable is None else self.word(values[node.args[0]]) if enable else kept
        words = list(self.words)
        depth = self.memory.depth
        for address_node, data, enable_node in self.memory.writes:  # in order: the later port wins
            enable = 1 if enable_node is None else values[enable_node]
            address = 0 if depth == 1 else values[address_node]
            if enable == 0:
                continue
            if address is None:
                words = [None] * depth  # any word may have been written
            elif address < depth:
                words[address] = None if enable is None else values[data]
        self.next_words = words

    def commit(self) -> None:
        self.words = self.next_words
        self.sync.update(self.next_sync)
