"""TLS facts with the ssl module: which old versions the server still accepts, and its certificate.

OpenSSL 3's default security level refuses to even offer TLS 1.0/1.1, which would read as "server
does not support it" (a false negative); each version probe uses its own context pinned to that
version with ``@SECLEVEL=0``. The certificate is read with verification off and judged separately.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

LEGACY = {"TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1}
EXPIRY_WARNING_DAYS = 30


@dataclass
class TlsFacts:
    version: str = ""  # negotiated with a modern client
    legacy: list[str] = field(default_factory=list)  # old versions the server accepted
    not_after: datetime | None = None
    subject: str = ""
    issuer: str = ""
    self_signed: bool = False
    trusted: bool | None = None
    trust_error: str = ""
    names: list[str] = field(default_factory=list)  # DNS and IP SANs (CN if there are none)

    def days_left(self, now: datetime | None = None) -> float | None:
        if self.not_after is None:
            return None
        return (self.not_after - (now or datetime.now(UTC))).total_seconds() / 86400

    def matches(self, name: str) -> bool | None:
        """Whether ``name`` is covered by the certificate; None when nothing can be said."""
        if not self.names:
            return None
        try:
            ip = ipaddress.ip_address(name)
            return str(ip) in self.names
        except ValueError:
            pass
        name = name.lower().rstrip(".")
        for pattern in self.names:
            pattern = pattern.lower().rstrip(".")
            if pattern == name:
                return True
            if pattern.startswith("*.") and "." in name and name.split(".", 1)[1] == pattern[2:]:
                return True
        return False


def _context(version: ssl.TLSVersion | None) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if version is not None:
        with warnings.catch_warnings():  # deprecated on purpose: finding servers that still accept them
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = version
            ctx.maximum_version = version
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    return ctx


def _handshake(host: str, port: int, ctx: ssl.SSLContext, server_name: str | None, timeout: float):
    with socket.create_connection((host, port), timeout=timeout) as raw, \
            ctx.wrap_socket(raw, server_hostname=server_name) as tls:
        return tls.version(), tls.getpeercert(True)


def _trusted(host: str, port: int, server_name: str | None, timeout: float) -> tuple[bool, str]:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # the name is judged on its own (tls-hostname-mismatch)
    try:
        _handshake(host, port, ctx, server_name, timeout)
        return True, ""
    except ssl.SSLCertVerificationError as exc:
        return False, exc.verify_message or str(exc)
    except (ssl.SSLError, OSError) as exc:
        return False, str(exc)


def _name(name: x509.Name) -> str:
    cn = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else name.rfc4514_string()


def _read_cert(facts: TlsFacts, der: bytes) -> None:
    cert = x509.load_der_x509_certificate(der)
    facts.not_after = cert.not_valid_after_utc
    facts.subject = _name(cert.subject)
    facts.issuer = _name(cert.issuer)
    facts.self_signed = cert.subject == cert.issuer
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        facts.names = [*san.get_values_for_type(x509.DNSName),
                       *(str(ip) for ip in san.get_values_for_type(x509.IPAddress))]
    except x509.ExtensionNotFound:
        facts.names = [facts.subject] if facts.subject else []


def tls_facts(host: str, port: int, server_name: str | None = None, timeout: float = 3.0) -> TlsFacts | None:
    """None if the port does not speak TLS."""
    facts = TlsFacts()
    try:
        facts.version, der = _handshake(host, port, _context(None), server_name, timeout)
    except (ssl.SSLError, OSError):
        # A server that only speaks old versions fails the modern handshake; try those before giving up.
        der = None
    for label, version in LEGACY.items():
        try:
            got, legacy_der = _handshake(host, port, _context(version), server_name, timeout)
        except (ssl.SSLError, OSError, ValueError):
            continue
        facts.legacy.append(got or label)
        der = der or legacy_der
    if der is None:
        return None
    _read_cert(facts, der)
    facts.trusted, facts.trust_error = _trusted(host, port, server_name, timeout)
    return facts


async def tls_facts_async(host: str, port: int, server_name: str | None = None,
                          timeout: float = 3.0) -> TlsFacts | None:
    return await asyncio.to_thread(tls_facts, host, port, server_name, timeout)
