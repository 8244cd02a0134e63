"""Target validation: every target is an IP, a CIDR or a strict host name before nmap sees it.

python-nmap and nmap split the hosts string on whitespace, so anything else ("127.0.0.1 -oN x",
"--script=...") could smuggle nmap options in. We accept only what ``ipaddress`` parses or the
RFC 1123 host-name grammar, and pass each target as its own argv element.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from posture.i18n import _, fmt

DEFAULT_MAX_HOSTS = 256
# Larger networks are refused before counting: nobody authorizes a /8 by accident.
_MAX_PREFIX_ADDRESSES = 1 << 20
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")

MSG = {
    "empty": _("the target is empty"),
    "option": _("'{value}' looks like an nmap option, not a target; only IPs, CIDRs or host names are accepted"),
    "invalid": _("'{value}' is not a valid IP, CIDR or host name"),
    "too_wide": _("network '{value}' has {count} addresses; the most accepted is {limit}"),
    "too_many": _("the scope adds up to {count} hosts; the maximum per run is {limit} (use --max-hosts)"),
    "bad_exclusion": _("exclusion '{value}' must be an IP or a CIDR"),
    "nothing_left": _("the exclusions leave nothing in scope"),
}


@dataclass(frozen=True)
class Target:
    """One validated target: an address, a network or a host name (exactly one is set)."""

    text: str
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    hostname: str | None = None

    @property
    def ipv6(self) -> bool:
        return self.network is not None and self.network.version == 6

    @property
    def size(self) -> int:
        return self.network.num_addresses if self.network is not None else 1


def is_hostname(value: str) -> bool:
    name = value[:-1] if value.endswith(".") else value
    if not name or len(name) > 253:
        return False
    labels = name.split(".")
    if not all(_LABEL.match(label) for label in labels):
        return False
    # An all-numeric dotted name is a malformed address, not a name.
    return not all(label.isdigit() for label in labels)


def parse_target(value: str) -> Target:
    """A validated target, or ValueError with a bilingual message in ``args[0]``."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValueError(dict(MSG["empty"]))
    if text.startswith("-"):
        raise ValueError(fmt(MSG["option"], value=text))
    if any(c.isspace() for c in text):
        raise ValueError(fmt(MSG["option" if " -" in text else "invalid"], value=text))
    try:
        if "/" in text:
            net = ipaddress.ip_network(text, strict=False)
            if net.num_addresses > _MAX_PREFIX_ADDRESSES:
                raise ValueError(fmt(MSG["too_wide"], value=text, count=net.num_addresses,
                                     limit=_MAX_PREFIX_ADDRESSES))
            return Target(str(net), network=net)
        addr = ipaddress.ip_address(text)
        return Target(str(addr), network=ipaddress.ip_network(addr))
    except ValueError as exc:
        if isinstance(exc.args[0], dict):
            raise
    if is_hostname(text):
        return Target(text.lower().rstrip("."), hostname=text.lower().rstrip("."))
    raise ValueError(fmt(MSG["invalid"], value=text))


def parse_exclusion(value: str) -> Target:
    target = parse_target(value)
    if target.network is None:
        raise ValueError(fmt(MSG["bad_exclusion"], value=value))
    return target


def count_hosts(targets: list[Target], exclusions: list[Target]) -> int:
    """Addresses in scope after exclusions (a host name counts as one)."""
    total = 0
    for t in targets:
        if t.network is None:
            total += 1
            continue
        removed = 0
        for e in exclusions:
            if e.network is not None and e.network.version == t.network.version:
                if e.network.subnet_of(t.network):
                    removed += e.network.num_addresses
                elif t.network.subnet_of(e.network):
                    removed = t.network.num_addresses
                    break
        total += max(0, t.network.num_addresses - removed)
    return total


def check_limits(targets: list[Target], exclusions: list[Target], max_hosts: int) -> int:
    count = count_hosts(targets, exclusions)
    if count == 0:
        raise ValueError(dict(MSG["nothing_left"]))
    if count > max_hosts:
        raise ValueError(fmt(MSG["too_many"], count=count, limit=max_hosts))
    return count
