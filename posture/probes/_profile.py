"""The contact-center port profile: which ports to scan and what each one usually is.

A role says which service checks to try and which exposure it means; a banner seen on the
wire overrides it (an AMI banner on 18088 is AMI). Tests pass their own profile with high ports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


DEFAULT_PROFILE = PortProfile()
