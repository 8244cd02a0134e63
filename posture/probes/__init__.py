"""Network probes: what a vendor's firewall and VPN really expose.

Only targets declared in a scope with an authorization reference are touched. nmap finds the
open ports; Python checks the services (HTTP, TLS, VPN portals, SIP, PBX, databases) without
logging in to anything. Results are a ``posture.findings.ProbeRun``.

    scope = scope_from_args(["203.0.113.5"], authorized_by="OT-2026-014")
    run = run_probe(scope, progress=print)          # blocking; Ctrl-C keeps partial results
    run = await probe(scope)                        # cancellable, for the app
    run = import_nmap("scan.xml")                   # an nmap XML the operator made
"""

from posture.probes._errors import NmapFailed, NmapNotFound, ScopeError
from posture.probes._import import import_nmap
from posture.probes._nmap import find_nmap, is_privileged
from posture.probes._profile import DEFAULT_PROFILE, PortProfile
from posture.probes._runner import INTERRUPTED, ProbeRunner, Progress, probe, run_probe
from posture.probes._scope import Scope, load_scope, ports_from_args, scope_from_args
from posture.probes._targets import DEFAULT_MAX_HOSTS, parse_target

__all__ = [
    "DEFAULT_MAX_HOSTS", "DEFAULT_PROFILE", "INTERRUPTED", "NmapFailed", "NmapNotFound", "PortProfile", "ProbeRunner",
    "Progress", "Scope", "ScopeError", "find_nmap", "import_nmap", "is_privileged", "load_scope", "parse_target",
    "ports_from_args", "probe", "run_probe", "scope_from_args",
]
