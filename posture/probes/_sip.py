"""SIP OPTIONS over UDP and TCP: does a SIP service answer, and what does it call itself?

OPTIONS is SIP's own keep-alive ping: it asks for capabilities, changes nothing, needs no account.
"""

from __future__ import annotations

import asyncio
import re
import secrets

from posture.probes._datagram import exchange

_HEADER = re.compile(r"^(Server|User-Agent)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def options_request(host: str, port: int, transport: str) -> bytes:
    tag, branch, call_id = secrets.token_hex(4), secrets.token_hex(6), secrets.token_hex(8)
    uri = f"sip:{'[' + host + ']' if ':' in host else host}:{port}"
    return (
        f"OPTIONS {uri} SIP/2.0\r\n"
        f"Via: SIP/2.0/{transport.upper()} 0.0.0.0:5060;branch=z9hG4bK{branch};rport\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:posture@invalid>;tag={tag}\r\n"
        f"To: <{uri}>\r\n"
        f"Call-ID: {call_id}@posture\r\n"
        "CSeq: 1 OPTIONS\r\n"
        "Accept: application/sdp\r\n"
        "User-Agent: posture\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode()


def describe(response: bytes) -> str | None:
    """'SIP/2.0 200 OK; Server: Asterisk PBX 18.10.0', or None if this is not SIP."""
    text = response.decode("utf-8", "replace")
    first = text.split("\r\n", 1)[0].strip()
    if not first.startswith("SIP/2.0 "):
        return None
    names = [f"{m.group(1)}: {m.group(2).strip()}" for m in _HEADER.finditer(text)]
    return "; ".join([first, *names])


async def sip_udp(host: str, port: int, timeout: float = 1.5) -> str | None:
    reply = await exchange(host, port, options_request(host, port, "udp"), timeout)
    return describe(reply.data) if reply.answered else None


async def sip_tcp(host: str, port: int, timeout: float = 2.0) -> str | None:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return None
    try:
        writer.write(options_request(host, port, "tcp"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(4096), timeout)
        return describe(data)
    except (OSError, TimeoutError):
        return None
    finally:
        writer.close()
