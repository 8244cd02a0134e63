"""Targets reach nmap only as IPs, CIDRs or strict host names: option injection is refused."""

from __future__ import annotations

import pytest

from posture.probes import DEFAULT_MAX_HOSTS, ScopeError, parse_target, scope_from_args
from posture.probes._targets import check_limits, is_hostname, parse_exclusion


@pytest.mark.parametrize(("text", "kind"), [
    ("127.0.0.1", "network"), ("10.0.0.0/24", "network"), ("10.0.0.7/24", "network"), ("::1", "network"),
    ("2001:db8::/126", "network"), ("vpn.proveedor.com.mx", "hostname"), ("localhost", "hostname"),
    ("VPN-01.Example.COM.", "hostname"),
])
def test_accepts_addresses_networks_and_names(text, kind):
    target = parse_target(text)
    assert (target.network is not None) == (kind == "network")
    assert (target.hostname is not None) == (kind == "hostname")


@pytest.mark.parametrize("text", [
    "127.0.0.1 -oN /tmp/x", "--script=http-title", "-iL", "-oX", "127.0.0.1\t-p1", "a;b", "host name",
    "$(id)", "x`id`", "1.2.3", "256.1.1.1", "foo_bar.example", "-", "", "   ", "a" * 64 + ".example",
    "10.0.0.0/33", "127.0.0.1/8/8", "exa..mple.com", "-sV", "127.0.0.1,127.0.0.2",
])
def test_rejects_options_and_malformed_targets(text):
    with pytest.raises(ValueError) as info:
        parse_target(text)
    message = info.value.args[0]
    assert set(message) == {"es", "en"} and all(message.values())


def test_option_injection_message_says_it_looks_like_an_option():
    with pytest.raises(ValueError) as info:
        parse_target("127.0.0.1 -oN /tmp/x")
    assert "nmap option" in info.value.args[0]["en"] and "opción de nmap" in info.value.args[0]["es"]


def test_hostname_grammar():
    assert is_hostname("a-b.c1.mx") and not is_hostname("-ab.mx") and not is_hostname("ab-.mx")
    assert not is_hostname("10.1.2.3") and not is_hostname("a." * 127 + "mx")


def test_host_limit_counts_exclusions():
    sweep = [parse_target("127.1.0.0/24")]
    assert check_limits(sweep, [], DEFAULT_MAX_HOSTS) == 256
    with pytest.raises(ValueError):
        check_limits([parse_target("127.1.0.0/23")], [], DEFAULT_MAX_HOSTS)
    assert check_limits([parse_target("127.1.0.0/23")], [parse_exclusion("127.1.1.0/24")], DEFAULT_MAX_HOSTS) == 256
    with pytest.raises(ValueError):
        check_limits(sweep, [parse_exclusion("127.1.0.0/16")], 256)  # nothing left
    with pytest.raises(ValueError):
        parse_exclusion("example.com")


def test_command_line_scope_requires_authorization_and_names_the_argument():
    with pytest.raises(ScopeError) as info:
        scope_from_args(["127.0.0.1"], None)
    assert info.value.lines("en")[0].startswith("posture probe: --authorized-by: missing the authorization")
    with pytest.raises(ScopeError) as info:
        scope_from_args(["127.0.0.1", "--script=x"], "OT-1")
    assert info.value.lines("es")[0].startswith("posture probe: TARGET[2]: '--script=x' parece una opción")
    with pytest.raises(ScopeError) as info:
        scope_from_args(["10.0.0.0/16"], "OT-1", max_hosts=1000)
    assert "65536" in info.value.lines("en")[0] and "1000" in info.value.lines("en")[0]
    scope = scope_from_args(["10.0.0.0/24", "vpn.example.com"], " OT-1 ", exclusions=["10.0.0.1"])
    assert scope.authorized_by == "OT-1" and [e.text for e in scope.exclusions] == ["10.0.0.1"]
