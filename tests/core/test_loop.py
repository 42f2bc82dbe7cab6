"""The server's event loop switches Nagle's algorithm off on every accepted connection, also when the listening
socket was rebuilt from a file descriptor (uvicorn's worker processes), which plain asyncio does not."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

from motcua.core.loop import new_event_loop


def _nodelay_of_accepted(make_loop: Callable[[], asyncio.AbstractEventLoop]) -> int:
    loop = make_loop()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        # As a uvicorn worker gets it: the same socket, rebuilt from its descriptor, without its `proto`.
        rebuilt = socket.fromfd(listener.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        assert rebuilt.proto == 0
        seen: asyncio.Future[int] = loop.create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                accepted = transport.get_extra_info("socket")
                seen.set_result(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        async def main() -> int:
            server = await loop.create_server(Probe, sock=rebuilt)
            _reader, writer = await asyncio.open_connection(*rebuilt.getsockname()[:2])
            try:
                return await asyncio.wait_for(seen, 5)
            finally:
                writer.close()
                server.close()

        return loop.run_until_complete(main())
    finally:
        listener.close()
        loop.close()


def test_accepted_connections_have_nodelay() -> None:
    assert _nodelay_of_accepted(new_event_loop) != 0


def test_plain_asyncio_leaves_nagle_on_there() -> None:
    # The reason for motcua.core.loop: once plain asyncio sets it too, the custom loop can go.
    assert _nodelay_of_accepted(asyncio.SelectorEventLoop) == 0
