"""The asyncio event loop the server runs on: `uvicorn --loop motcua.core.loop:new_event_loop`.

The standard loop (uvloop's tail latencies are worse under load), with TCP_NODELAY set on every accepted
socket: uvicorn's workers get the listening socket rebuilt from a file descriptor, which asyncio does not
recognise as TCP, and every response then waited for the client's delayed ACK (bench/NOTES.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any


class _Loop(asyncio.SelectorEventLoop):
    def _make_socket_transport(
        self, sock: socket.socket, protocol: Any, waiter: Any = None, *, extra: Any = None, server: Any = None
    ) -> Any:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            with contextlib.suppress(OSError):  # not a TCP socket after all: nothing to switch off
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return super()._make_socket_transport(  # type: ignore[misc]
            sock, protocol, waiter, extra=extra, server=server
        )


def new_event_loop() -> asyncio.AbstractEventLoop:
    return _Loop()
