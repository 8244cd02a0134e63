"""The contact-center port profile: which ports to scan and what each one usually is.

A role says which service checks to try and which exposure it means; a banner seen on the
wire overrides it (an AMI banner on 18088 is AMI). Tests pass their own profile with high ports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from posture.i18n import _, fmt

# role → the exposure check an open port of that role means (roles without one only get service checks)
EXPOSURE = {
    "rdp": "rdp-exposed", "ssh": "ssh-exposed", "telnet": "telnet-exposed", "ftp": "ftp-exposed",
    "vnc": "vnc-exposed", "smb": "smb-exposed", "pptp": "pptp-exposed", "sip": "sip-exposed",
    "sip-tls": "sip-exposed", "ami": "pbx-ami-exposed", "esl": "freeswitch-esl-exposed",
    "pbx-web": "pbx-web-exposed", "mssql": "database-exposed", "mysql": "database-exposed",
    "postgres": "database-exposed", "mongodb": "database-exposed", "redis": "database-exposed",
    "elasticsearch": "database-exposed", "ike": "ike-exposed", "openvpn": "openvpn-exposed",
    "snmp": "snmp-exposed",
}
# roles whose traffic is HTTP (TLS or not is found by trying)
WEB_ROLES = {"http", "https", "pbx-web", "elasticsearch"}

DEFAULT_TCP = {
    21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 80: "http", 139: "smb", 443: "https", 445: "smb",
    1194: "openvpn", 1433: "mssql", 1723: "pptp", 3306: "mysql", 3389: "rdp", 4433: "https", 4443: "https",
    5038: "ami", 5060: "sip", 5061: "sip-tls", 5432: "postgres", 5900: "vnc", 5901: "vnc", 6379: "redis",
    8021: "esl", 8080: "http", 8088: "pbx-web", 8089: "pbx-web", 8443: "https", 9200: "elasticsearch",
    10443: "https", 27017: "mongodb",
}
DEFAULT_UDP = {161: "snmp", 500: "ike", 1194: "openvpn", 4500: "ike", 5060: "sip"}

# nmap service names (nmap-services or -sV) → role, for imported scans
NMAP_SERVICE_ROLES = {
    "ms-wbt-server": "rdp", "ssh": "ssh", "telnet": "telnet", "ftp": "ftp", "vnc": "vnc",
    "microsoft-ds": "smb", "netbios-ssn": "smb", "pptp": "pptp", "sip": "sip", "sip-proxy": "sip",
    "sip-tls": "sip-tls", "asterisk": "ami", "ms-sql-s": "mssql", "mysql": "mysql", "postgresql": "postgres",
    "mongodb": "mongodb", "mongod": "mongodb", "redis": "redis", "elasticsearch": "elasticsearch",
    "isakmp": "ike", "ipsec-nat-t": "ike", "nat-t-ike": "ike", "openvpn": "openvpn", "snmp": "snmp",
    "http": "http", "https": "https", "http-proxy": "http", "https-alt": "https", "http-alt": "http",
}


@dataclass(frozen=True)
class PortProfile:
    tcp: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_TCP))
    udp: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_UDP))

    def nmap_ports(self, *, udp: bool) -> str:
        """The -p argument; UDP only when nmap itself scans UDP (privileged runs)."""
        spec = "T:" + ",".join(str(p) for p in sorted(self.tcp))
        if udp and self.udp:
            spec += ",U:" + ",".join(str(p) for p in sorted(self.udp))
        return spec

    def role(self, port: int, protocol: str) -> str:
        return (self.tcp if protocol == "tcp" else self.udp).get(port, "")

    def with_ports(self, extra: dict[tuple[int, str], str]) -> PortProfile:
        """This profile plus ``extra`` ((port, protocol) → role, "" for "find out"); a given role wins."""
        tcp, udp = dict(self.tcp), dict(self.udp)
        for (port, protocol), role in extra.items():
            table = tcp if protocol == "tcp" else udp
            table[port] = role or table.get(port, "")
        return PortProfile(tcp, udp)

    def summary(self) -> dict[str, str]:
        """The ports looked at, as nmap writes them (``21-23,80``), per protocol."""
        return {"tcp": _ranges(self.tcp), "udp": _ranges(self.udp)}


DEFAULT_PROFILE = PortProfile()


# roles a --ports entry may name: every role with checks or an exposure meaning
KNOWN_ROLES = frozenset(EXPOSURE) | WEB_ROLES | {"smtp"}
MAX_EXTRA_PORTS = 4096
PORT_MSG = {
    "bad_port": _("'{value}' is not a port (1-65535), a range (8000-8100) or port/protocol=role (2222/tcp=ssh)"),
    "bad_role": _("'{role}' is not a known role; use one of: {roles}"),
    "no_ports": _("'{value}' names no port"),
    "too_many": _("{count} ports added; the maximum is {limit}"),
}
_PORT_SPEC = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?(?:/(tcp|udp))?(?:=([a-z0-9-]+))?$")


def _ranges(table: dict[int, str]) -> str:
    ports = sorted(table)
    out: list[str] = []
    for p in ports:
        if out and out[-1][1] == p - 1:
            out[-1][1] = p
        else:
            out.append([p, p])
    return ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in out)


def parse_ports(values: list[str] | str) -> dict[tuple[int, str], str]:
    """``--ports`` / scope ``ports:`` entries → {(port, protocol): role}.

    Each entry (comma-separated allowed): ``8443``, ``9000-9010``, ``5080/udp``, ``2222/tcp=ssh``
    (protocol defaults to tcp; the role defaults to "" — identified from the banner). Raises
    ValueError with a bilingual message naming the bad entry.
    """
    if isinstance(values, str):
        values = [values]
    out: dict[tuple[int, str], str] = {}
    for value in values:
        for item in str(value).replace(" ", "").split(","):
            if not item:
                continue
            m = _PORT_SPEC.match(item.lower())
            low = int(m.group(1)) if m else 0
            high = int(m.group(2) or low) if m else 0
            if m is None or not 1 <= low <= high <= 65535:
                raise ValueError(fmt(PORT_MSG["bad_port"], value=item))
            role = m.group(4) or ""
            if role and role not in KNOWN_ROLES:
                raise ValueError(fmt(PORT_MSG["bad_role"], role=role, roles=", ".join(sorted(KNOWN_ROLES))))
            for port in range(low, high + 1):
                out[(port, m.group(3) or "tcp")] = role
                if len(out) > MAX_EXTRA_PORTS:
                    raise ValueError(fmt(PORT_MSG["too_many"], count=f"> {MAX_EXTRA_PORTS}", limit=MAX_EXTRA_PORTS))
    if not out and values:  # ",," or "" given: an empty list is a mistake, not "no extra ports"
        raise ValueError(fmt(PORT_MSG["no_ports"], value=",".join(str(v) for v in values)))
    return out
