"""Databases answering without authentication, found with read-only, harmless requests.

Redis PING, MongoDB listDatabases (names only; ``hello`` answers even with auth on, so it proves
nothing), Elasticsearch GET /. Nothing is written and no credentials are tried.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import struct

import httpx

from posture.findings import run_message


async def _request(host: str, port: int, payload: bytes, timeout: float, size: int = 4096) -> bytes:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return b""
    try:
        writer.write(payload)
        await writer.drain()
        return await asyncio.wait_for(reader.read(size), timeout)
    except (OSError, TimeoutError):
        return b""
    finally:
        writer.close()


async def redis(host: str, port: int, timeout: float = 1.5) -> tuple[bool, str] | None:
    """(answers without auth, evidence), or None if this is not Redis."""
    data = await _request(host, port, b"*1\r\n$4\r\nPING\r\n", timeout)
    if data.startswith(b"+PONG"):
        return True, "PING → +PONG"
    if data.startswith(b"-NOAUTH") or (data.startswith(b"-ERR") and b"auth" in data.lower()):
        return False, "PING → " + data.split(b"\r\n", 1)[0].decode("utf-8", "replace")
    return None


def _bson(doc: dict) -> bytes:
    body = b""
    for key, value in doc.items():
        name = key.encode() + b"\x00"
        if isinstance(value, bool):
            body += b"\x08" + name + (b"\x01" if value else b"\x00")
        elif isinstance(value, int):
            body += b"\x10" + name + struct.pack("<i", value)
        else:
            raw = str(value).encode() + b"\x00"
            body += b"\x02" + name + struct.pack("<i", len(raw)) + raw
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def mongo_query(request_id: int) -> bytes:
    """OP_MSG {listDatabases: 1, nameOnly: true, $db: "admin"}."""
    section = b"\x00" + _bson({"listDatabases": 1, "nameOnly": True, "$db": "admin"})
    body = struct.pack("<I", 0) + section
    return struct.pack("<iiii", 16 + len(body), request_id, 0, 2013) + body


def _mongo_fields(reply: bytes) -> dict:
    """The scalar fields of an OP_MSG reply's body (enough for ok, errmsg, code)."""
    if len(reply) < 26 or struct.unpack("<i", reply[12:16])[0] != 2013:
        return {}
    doc = reply[21:]
    pos, out = 4, {}
    while pos < len(doc) and doc[pos] != 0:
        kind = doc[pos]
        end = doc.index(b"\x00", pos + 1)
        key = doc[pos + 1:end].decode("utf-8", "replace")
        pos = end + 1
        if kind == 0x01:
            out[key] = struct.unpack("<d", doc[pos:pos + 8])[0]
            pos += 8
        elif kind == 0x10:
            out[key] = struct.unpack("<i", doc[pos:pos + 4])[0]
            pos += 4
        elif kind == 0x12:
            out[key] = struct.unpack("<q", doc[pos:pos + 8])[0]
            pos += 8
        elif kind == 0x08:
            out[key] = doc[pos] == 1
            pos += 1
        elif kind == 0x02:
            size = struct.unpack("<i", doc[pos:pos + 4])[0]
            out[key] = doc[pos + 4:pos + 3 + size].decode("utf-8", "replace")
            pos += 4 + size
        elif kind in (0x03, 0x04):
            size = struct.unpack("<i", doc[pos:pos + 4])[0]
            out[key] = "<document>"
            pos += size
        else:
            break
    return out


async def mongodb(host: str, port: int, timeout: float = 1.5) -> tuple[bool, dict] | None:
    """(answered without authentication, evidence as a run message) or None if no MongoDB answered."""
    data = await _request(host, port, mongo_query(secrets.randbelow(1 << 30)), timeout, 65536)
    fields = _mongo_fields(data)
    if not fields:
        return None
    if fields.get("ok") == 1:
        return True, run_message("evidence.mongodb_open")
    return False, run_message("evidence.mongodb_refused", detail=str(fields.get("errmsg", fields.get("codeName", ""))))


async def elasticsearch(host: str, port: int, tls: bool, timeout: float = 2.0) -> tuple[bool, str | dict] | None:
    """(open, evidence: the response line as seen, or a run message) or None if no Elasticsearch answered."""
    literal = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL goes in brackets (RFC 3986)
    url = f"{'https' if tls else 'http'}://{literal}:{port}/"
    try:
        async with httpx.AsyncClient(verify=False, timeout=timeout) as client:  # noqa: S501 - probing, not trusting
            r = await client.get(url)
    except httpx.HTTPError:
        return None
    if r.status_code == 200:
        try:
            body = r.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        if isinstance(body, dict) and ("cluster_name" in body or "tagline" in body):
            version = body.get("version", {}).get("number", "") if isinstance(body.get("version"), dict) else ""
            return True, f"GET / → 200 cluster_name={body.get('cluster_name', '?')} version={version}".strip()
    if r.status_code == 401 and "elastic" in r.headers.get("www-authenticate", "").lower() + r.text.lower():
        return False, run_message("evidence.elasticsearch_auth")
    return None
