"""Web portal signatures as data: SSL-VPN and PBX login pages, each citing where it comes from.

Paths and match strings are re-implemented from projectdiscovery/nuclei-templates (MIT); the
``source`` field names the template so a report can cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signature:
    kind: str  # "vpn" or "pbx"
    vendor: str
    path: str
    body: tuple[str, ...] = ()  # regexes; any one matching the body is enough
    header: tuple[str, ...] = ()  # regexes over "name: value" lines; any one is enough
    status: int | None = None
    source: str = ""

    def matches(self, status: int, headers: str, body: str) -> str | None:
        """The text that matched, or None."""
        if self.status is not None and status != self.status:
            return None
        for pattern in self.body:
            if m := re.search(pattern, body):
                return m.group(0)
        for pattern in self.header:
            if m := re.search(pattern, headers, re.MULTILINE):
                return m.group(0)
        return None


SIGNATURES = (
    Signature("vpn", "Fortinet FortiGate SSL-VPN", "/", body=(r'top\.location="/remote/login"',), status=200,
              source="http/exposed-panels/fortinet/fortinet-fortigate-panel.yaml"),
    Signature("vpn", "Fortinet FortiGate SSL-VPN", "/remote/login", body=(r"(?i)FORTINET LOGIN</title>",
              r"/remote/logincheck", r"ftnt-fortinet-grid"), status=200,
              source="http/exposed-panels/fortinet/fortinet-panel.yaml"),
    Signature("vpn", "Pulse Secure / Ivanti Connect Secure", "/dana-na/auth/url_default/welcome.cgi",
              body=(r"(?i)/dana-na/css/ds(_[a-f0-9]{64})?\.css", r"<title>Ivanti Connect Secure</title>"),
              header=(r"(?i)^location:.*/dana-na/auth/welcome\.cgi",),
              source="http/exposed-panels/pulse-secure-panel.yaml"),
    Signature("vpn", "Palo Alto GlobalProtect", "/global-protect/login.esp",
              body=(r"(?i)<title>GlobalProtect Portal</title>",),
              source="http/exposed-panels/globalprotect-panel.yaml"),
    Signature("vpn", "Palo Alto GlobalProtect", "/sslmgr", body=(r"<msg>Invalid parameters</msg>",),
              source="http/exposed-panels/globalprotect-panel.yaml"),
    Signature("vpn", "Cisco ASA / AnyConnect", "/+CSCOE+/logon.html",
              body=(r"/\+CSCOU\+/portal\.css", r"SSL VPN Service"),
              source="http/exposed-panels/cisco/cisco-asa-panel.yaml"),
    Signature("vpn", "Cisco AnyConnect / ocserv", "/", header=(r"(?i)^set-cookie:\s*webvpn(context)?=",
              r"(?i)^x-transcend-version:"), source="http/exposed-panels/cisco/cisco-webvpn-detect.yaml"),
    Signature("vpn", "Citrix Gateway", "/vpn/index.html", body=(r"(?i)<title>Citrix Gateway</title>",),
              source="http/exposed-panels/citrix-vpn-detect.yaml"),
    Signature("vpn", "Citrix ADC Gateway", "/logon/LogonPoint/index.html", body=(r"_ctxstxt_CitrixCopyright",),
              source="http/exposed-panels/citrix-adc-gateway-detect.yaml"),
    Signature("vpn", "SonicWall SSL-VPN", "/cgi-bin/welcome", body=(r"(?i)<title>Virtual Office</title>",),
              source="http/exposed-panels/sonicwall-sslvpn-panel.yaml"),
    Signature("vpn", "Check Point SSL VPN", "/sslvpn/Login/Login",
              body=(r"Check Point Software Technologies Ltd\. All rights reserved\.",), status=200,
              source="http/exposed-panels/checkpoint-panel.yaml"),
    Signature("vpn", "OpenVPN Access Server", "/",
              body=(r'content="OpenVPN Connect', r"<title>OpenVPN Connect</title>"),
              header=(r"(?i)^server:\s*OpenVPN-AS",), source="http/exposed-panels/openvpn-connect.yaml"),
    Signature("pbx", "FreePBX", "/admin/config.php", body=(r"<title>FreePBX",),
              source="http/exposed-panels/freepbx-administration-panel.yaml"),
    Signature("pbx", "Asterisk HTTP server", "/", header=(r"(?i)^server:\s*Asterisk",), source="nmap-service-probes"),
    Signature("pbx", "Cisco Finesse", "/desktop/container/landing.jsp?locale=en_US",
              body=(r"Sign in to Cisco Finesse",), source="http/exposed-panels/cisco/cisco-finesse-login.yaml"),
)

# Words on a login page that suggest a second factor (es and en).
MFA_HINTS = re.compile(r"(?i)\b(token|otp|one[- ]time|passcode|2fa|mfa|two[- ]factor|second factor|segundo factor|"
                       r"saml|sso|authenticator|securid|duo|c[oó]digo de verificaci[oó]n|verification code)\b")
