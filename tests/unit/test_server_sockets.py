"""Replies leave the server at once: each connection Streamlit accepts has Nagle's algorithm off.

Streamlit binds its listening socket as `socket.socket(family=...)`, whose protocol number is 0, and
Python's own event loop turns on TCP_NODELAY only for sockets whose protocol is IPPROTO_TCP. So with the
standard loop, a reply written in two parts (headers, then body; or one websocket message after another)
waited for the browser's delayed acknowledgement, about 40 ms per request. uvloop, which Streamlit uses
whenever it is installed, turns TCP_NODELAY on for every TCP connection.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

import pytest
import uvloop

ROOT = Path(__file__).resolve().parents[2]


def nodelay_of_accepted_connection(loop: asyncio.AbstractEventLoop) -> int:
    """TCP_NODELAY on the server side of one connection, listening the way Streamlit listens."""
    listener = socket.socket(family=socket.AF_INET)  # protocol 0, as Streamlit's _bind_socket makes it
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport):
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def main():
        server = await loop.create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(200):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
    return seen[0]


@pytest.mark.parametrize(
    ("make_loop", "nodelay"),
    [
        (uvloop.new_event_loop, True),  # what the server runs on
        (asyncio.new_event_loop, False),  # why it matters: the standard loop leaves Nagle on here
    ],
    ids=["uvloop", "standard-loop"],
)
def test_accepted_connections_send_at_once_only_on_uvloop(make_loop, nodelay):
    # On a thread of its own: a browser test in the same worker may have left its loop running on this one.
    result: list[int] = []
    probe = threading.Thread(target=lambda: result.append(nodelay_of_accepted_connection(make_loop())))
    probe.start()
    probe.join(timeout=30)
    assert result, "the probe connection was not made"
    assert bool(result[0]) is nodelay


def test_uvloop_is_a_pinned_runtime_requirement():
    """Streamlit picks uvloop only if it is installed, so the server's requirements must carry it."""
    pins = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert any(pin.startswith("uvloop==") for pin in pins)
