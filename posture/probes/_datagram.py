"""One UDP request and its answer on a connected socket.

Connected UDP sockets surface ICMP port-unreachable as ConnectionRefusedError, so a closed port
is told apart from silence (open|filtered) without raw sockets or root.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass


@dataclass(frozen=True)
class Reply:
    data: bytes = b""
    refused: bool = False  # ICMP port unreachable: the port is closed

    @property
    def answered(self) -> bool:
        return bool(self.data)


class _Exchange(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.done: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()

    def datagram_received(self, data: bytes, addr) -> None:
        if not self.done.done():
            self.done.set_result(Reply(data=data))

    def error_received(self, exc: Exception) -> None:
        if not self.done.done():
            self.done.set_result(Reply(refused=isinstance(exc, ConnectionRefusedError)))


async def exchange(host: str, port: int, payload: bytes, timeout: float = 1.5, tries: int = 2) -> Reply:
    """Send ``payload`` (again if there is no answer) and return the first reply; silence gives Reply()."""
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_datagram_endpoint(_Exchange, remote_addr=(host, port))
    try:
        for _ in range(tries):
            transport.sendto(payload)
            try:
                return await asyncio.wait_for(asyncio.shield(protocol.done), timeout / tries)
            except TimeoutError:
                continue
        return Reply()
    finally:
        transport.close()
