"""What a TCP service says first: FTP, Telnet, SSH, SMTP, VNC, MySQL, the Asterisk AMI, FreeSWITCH ESL.

We only read the greeting and close; nothing is ever sent in reply, so nothing logs in.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass, field

from posture.findings import run_message

_AMI = re.compile(rb"Asterisk Call Manager/[\d.]+")
_TELNET_IAC = 0xFF


@dataclass(frozen=True)
class Banner:
    role: str  # what the greeting shows the service is ("" if unknown)
    text: str  # printable evidence (English where posture describes it, see ``said``)
    said: dict = field(default_factory=dict)  # posture's description as a run message; {} for a banner as seen


async def read_greeting(host: str, port: int, timeout: float = 1.0) -> bytes:
    """The first bytes the server sends unprompted (b"" if it waits for the client)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return b""
    try:
        data = await asyncio.wait_for(reader.read(2048), timeout)
        if data and not data.endswith(b"\n") and len(data) < 2048:
            with contextlib.suppress(TimeoutError):  # a greeting split across segments
                data += await asyncio.wait_for(reader.read(2048 - len(data)), 0.2)
        return data
    except (OSError, TimeoutError):
        return b""
    finally:
        writer.close()


def printable(data: bytes, limit: int = 160) -> str:
    text = "".join(chr(b) if 32 <= b < 127 else " " for b in data if b != _TELNET_IAC)
    return " ".join(text.split())[:limit]


def classify(data: bytes) -> Banner:
    if not data:
        return Banner("", "")
    if match := _AMI.search(data):
        return Banner("ami", match.group(0).decode())
    if b"Content-Type: auth/request" in data:
        return Banner("esl", "Content-Type: auth/request")
    if data.startswith(b"SSH-"):
        return Banner("ssh", printable(data.split(b"\n", 1)[0]))
    if data.startswith(b"RFB "):
        return Banner("vnc", printable(data[:12]))
    if data[0] == _TELNET_IAC:
        msg = run_message("evidence.telnet_iac", banner=printable(data))
        return Banner("telnet", ("IAC negotiation " + printable(data)).strip(), msg)
    if data.startswith(b"220"):
        first = data.split(b"\n", 1)[0]
        role = "smtp" if re.search(rb"SMTP|Postfix|Exim|Sendmail", first, re.IGNORECASE) else "ftp"
        return Banner(role, printable(first))
    if len(data) > 5 and data[4] == 10 and re.match(rb"[\d.]+", data[5:]):  # MySQL handshake v10
        version = data[5:].split(b"\x00", 1)[0]
        return Banner("mysql", f"MySQL handshake, version {printable(version)}",
                      run_message("evidence.mysql_handshake", version=printable(version)))
    if re.match(rb"(?i)(login|username|user name|password)\s*:", data.strip()) or b"login:" in data.lower():
        return Banner("telnet", printable(data))
    return Banner("", printable(data))
