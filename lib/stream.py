"""Valid/ready streams: the ``Stream`` port bundle and helpers that connect, register and buffer streams.

A stream moves one payload word per cycle from a producer to a consumer::

    valid   producer -> consumer   the producer offers ``data`` this cycle
    ready   consumer -> producer   the consumer takes it this cycle
    data    producer -> consumer   the payload: any width, or a loom Struct or Array

A word is transferred in every cycle where ``valid`` and ``ready`` are both 1
(``fire``). Once a producer raises ``valid`` it keeps ``valid`` and ``data``
until the word fires; a consumer may raise and drop ``ready`` at will.

``Stream(payload)`` is declared as seen by the producer (``valid`` and
``data`` outputs); a consumer declares ``Stream(payload).flip()``::

    src = self.port_bundle("src", Stream(8))          # ports src_valid, src_ready, src_data
    snk = self.port_bundle("snk", Stream(8).flip())
    fired = fire(snk)                                 # snk_valid & snk_ready
    staged = register(self, "stage", snk)             # a SkidBuffer child; its output stream
    queued = buffer(self, "queue", staged, depth=4)   # a SyncFifo child; its output stream
    connect(self, queued, src)                        # drive src from queued, field by field
"""

from __future__ import annotations

from typing import Any

from loom import Generator, Param, PortBundle, Signal

from .arguments import Payload, check_payload, fail, payload_tag


class Stream(PortBundle):
    """A valid/ready stream of ``payload`` words, seen from the producer (``flip()`` for the consumer)."""

    def __init__(self, payload: Payload):
        payload = check_payload("Stream", payload)
        super().__init__(f"Stream{payload_tag(payload)}")
        self.payload = payload
        self.output("valid")
        self.input("ready")
        self.output("data", payload)


def fire(stream: Any) -> Signal:
    """``valid & ready`` of a stream (a bundle of this generator or of a child): a word moves this cycle."""
    _check_stream(stream, "fire")
    return stream.valid & stream.ready


def payload_of(stream: Any) -> Payload:
    """The payload type of a stream bundle (its ``data`` field's width or Struct/Array)."""
    _check_stream(stream, "payload_of")
    return stream.data.width


def connect(gen: Generator, source: Any, sink: Any) -> None:
    """Drive stream ``sink`` from stream ``source`` (``valid``/``data`` forward, ``ready`` back).

    Either may be a bundle of ``gen`` or of one of its children; the payloads must be equal.
    """
    _check_stream(source, "connect")
    _check_stream(sink, "connect")
    if payload_of(source) != payload_of(sink):
        fail(f"connect: {source.describe()} carries {_describe(payload_of(source))} but {sink.describe()} carries"
             f" {_describe(payload_of(sink))}")
    gen.wire(sink, source)


def register(gen: Generator, name: str, source: Any, *, clk: Signal | None = None,
             rst: Signal | None = None) -> Any:
    """A ``SkidBuffer`` child named ``name`` fed by ``source``; returns its output stream.

    One cycle of latency, full throughput, and ``source``'s ``ready`` no longer
    depends combinationally on the consumer's. ``clk``/``rst`` default to
    ``gen``'s only clock and reset.
    """
    from .skid import SkidBuffer  # here, not at the top: skid.py imports Stream from this module

    child = SkidBuffer.create(payload=payload_of(source))
    return _insert(gen, name, child, source, clk, rst)


def buffer(gen: Generator, name: str, source: Any, depth: int, *, clk: Signal | None = None,
           rst: Signal | None = None) -> Any:
    """A first-word-fall-through ``SyncFifo`` child of ``depth`` words fed by ``source``; returns its output."""
    from .sync_fifo import SyncFifo  # here, not at the top: sync_fifo.py imports Stream from this module

    child = SyncFifo.create(payload=payload_of(source), depth=depth)
    return _insert(gen, name, child, source, clk, rst, {"COUNT": 0})


def _insert(gen: Generator, name: str, child: Generator, source: Any, clk: Signal | None,
            rst: Signal | None, params: dict[str, int | Param] | None = None) -> Any:
    clock = clk if clk is not None else _only(gen, "clock")
    reset = rst if rst is not None else _only(gen, "reset")
    instance = gen.add_child(name, child, params=params, clk=clock, rst=reset, enq=source)
    return instance.port("deq")


def _only(gen: Generator, kind: str) -> Signal:
    ports = [p for p in gen.port_list if p.kind == kind]
    if len(ports) != 1:
        fail(f"'{gen.name}' has {len(ports)} {kind} ports; pass {'clk' if kind == 'clock' else 'rst'}= explicitly")
    return ports[0]


def _check_stream(stream: Any, what: str) -> None:
    fields = set(stream) if hasattr(stream, "items") and hasattr(stream, "describe") else set()
    if fields != {"valid", "ready", "data"}:
        fail(f"{what}: expected a stream bundle (fields valid, ready, data), got {stream!r}")


def _describe(payload: Payload) -> str:
    return f"{payload}-bit words" if isinstance(payload, int) else payload.describe()
