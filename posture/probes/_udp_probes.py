"""Credential-free UDP probes that make VPN and management services answer: IKE, OpenVPN, SNMPv3.

Each sends the first packet of its protocol's handshake, the one any client sends before
authenticating, and only checks that the answer is that protocol.
"""

from __future__ import annotations

import secrets
import struct

from posture.findings import run_message
from posture.probes._datagram import exchange


def ike_main_mode(cookie: bytes) -> bytes:
    """IKEv1 Main Mode, first message: one proposal (AES-128, SHA-1, PSK, MODP-2048)."""
    attrs = b"".join(struct.pack("!HH", 0x8000 | t, v) for t, v in
                     ((1, 7), (14, 128), (2, 2), (3, 1), (4, 14), (11, 1)))
    attrs += struct.pack("!HHI", 12, 4, 28800)  # life duration, variable length
    transform = struct.pack("!BBHBBH", 0, 0, 8 + len(attrs), 1, 1, 0) + attrs
    proposal = struct.pack("!BBHBBBB", 0, 0, 8 + len(transform), 1, 1, 0, 1) + transform
    sa = struct.pack("!BBHII", 0, 0, 12 + len(proposal), 1, 1) + proposal
    header = cookie + b"\x00" * 8 + struct.pack("!BBBBII", 1, 0x10, 2, 0, 0, 28 + len(sa))
    return header + sa


async def ike(host: str, port: int, timeout: float = 1.5) -> dict | None:
    cookie = secrets.token_bytes(8)
    payload = ike_main_mode(cookie)
    if port == 4500:
        payload = b"\x00" * 4 + payload  # NAT-T: non-ESP marker
    reply = await exchange(host, port, payload, timeout)
    data = reply.data[4:] if port == 4500 else reply.data
    if len(data) >= 28 and data[:8] == cookie:
        version = data[17]
        return run_message("evidence.ike", version=f"{version >> 4}.{version & 0xF}", exchange=data[18])
    return None


def openvpn_reset(session: bytes) -> bytes:
    """P_CONTROL_HARD_RESET_CLIENT_V2 without tls-auth: opcode 7, key id 0, no acks, packet id 0."""
    return bytes([7 << 3]) + session + b"\x00" + b"\x00\x00\x00\x00"


async def openvpn_udp(host: str, port: int, timeout: float = 1.5) -> str | None:
    reply = await exchange(host, port, openvpn_reset(secrets.token_bytes(8)), timeout)
    if reply.data and reply.data[0] >> 3 == 8:  # P_CONTROL_HARD_RESET_SERVER_V2
        return "OpenVPN P_CONTROL_HARD_RESET_SERVER_V2"
    return None


def _ber(tag: int, body: bytes) -> bytes:
    if len(body) < 0x80:
        return bytes([tag, len(body)]) + body
    return bytes([tag, 0x81, len(body)]) + body


def _int(value: int) -> bytes:
    return _ber(0x02, value.to_bytes(max(1, (value.bit_length() + 8) // 8), "big"))


def snmpv3_discovery(msg_id: int) -> bytes:
    """SNMPv3 engine discovery (RFC 3414 §4): empty user, no auth; agents reply with a Report."""
    global_data = _ber(0x30, _int(msg_id) + _int(65507) + _ber(0x04, b"\x04") + _int(3))
    usm = _ber(0x04, _ber(0x30, _ber(0x04, b"") + _int(0) + _int(0) + _ber(0x04, b"") + _ber(0x04, b"")
                          + _ber(0x04, b"")))
    pdu = _ber(0xA0, _int(msg_id) + _int(0) + _int(0) + _ber(0x30, b""))
    scoped = _ber(0x30, _ber(0x04, b"") + _ber(0x04, b"") + pdu)
    return _ber(0x30, _int(3) + global_data + usm + scoped)


async def snmp(host: str, port: int, timeout: float = 1.5) -> dict | None:
    reply = await exchange(host, port, snmpv3_discovery(secrets.randbelow(1 << 30) + 1), timeout)
    # SEQUENCE { INTEGER 3, ... }: an SNMPv3 message
    if len(reply.data) > 6 and reply.data[0] == 0x30 and b"\x02\x01\x03" in reply.data[:6]:
        return run_message("evidence.snmp", size=len(reply.data))
    return None
