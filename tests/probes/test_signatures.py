"""VPN and PBX portal signatures against canned vendor pages (offline, through httpx.MockTransport)."""

from __future__ import annotations

import httpx
import pytest

from posture.probes._http import WebResult, _portals
from posture.probes._signatures import MFA_HINTS, SIGNATURES

PAGES = {
    "Fortinet FortiGate SSL-VPN": {"/": (200, {}, '<script>top.location="/remote/login";</script>')},
    "Pulse Secure / Ivanti Connect Secure": {"/dana-na/auth/url_default/welcome.cgi": (
        200, {}, '<link href="/dana-na/css/ds_1a2b.css"><title>Ivanti Connect Secure</title>')},
    "Palo Alto GlobalProtect": {"/global-protect/login.esp": (200, {}, "<title>GlobalProtect Portal</title>")},
    "Cisco ASA / AnyConnect": {"/+CSCOE+/logon.html": (200, {}, '<link href="/+CSCOU+/portal.css">SSL VPN Service')},
    "Cisco AnyConnect / ocserv": {"/": (200, {"Set-Cookie": "webvpncontext=00@xyz; Secure"}, "<html></html>")},
    "Citrix Gateway": {"/vpn/index.html": (200, {}, "<title>Citrix Gateway</title>")},
    "SonicWall SSL-VPN": {"/cgi-bin/welcome": (200, {}, "<title>Virtual Office</title>")},
    "Check Point SSL VPN": {"/sslvpn/Login/Login": (
        200, {}, "Check Point Software Technologies Ltd. All rights reserved. <img src=/Login/images/CompanyLogo.png>"),
    },
    "OpenVPN Access Server": {"/": (200, {"Server": "OpenVPN-AS"}, "<title>OpenVPN Connect</title>")},
    "FreePBX": {"/admin/config.php": (200, {}, "<title>FreePBX Administration</title>")},
}


def _client(pages: dict) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        status, headers, body = pages.get(request.url.path, (404, {}, "<html>not found</html>"))
        return httpx.Response(status, headers=headers, text=body)
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize("vendor", sorted(PAGES))
async def test_each_vendor_is_identified_and_only_it(vendor):
    pages = PAGES[vendor]
    async with _client(pages) as client:
        root = await client.get("https://vpn.test/")
        result = WebResult(is_http=True)
        await _portals(client, "https://vpn.test", root, ("10.0.0.1", 443, "tcp"), result)
    assert result.portals == [vendor]
    kinds = {h.check_id for h in result.hits}
    expected = {"pbx-web-exposed"} if vendor == "FreePBX" else {"vpn-portal-exposed", "vpn-portal-no-mfa-hint"}
    assert kinds == expected
    assert all("http/exposed-panels" in h.evidence for h in result.hits if h.check_id != "vpn-portal-no-mfa-hint")


async def test_plain_site_matches_nothing():
    async with _client({"/": (200, {"Server": "nginx"}, "<title>Bienvenido</title>")}) as client:
        root = await client.get("https://www.test/")
        result = WebResult(is_http=True)
        await _portals(client, "https://www.test", root, ("10.0.0.1", 443, "tcp"), result)
    assert result.portals == [] and result.hits == []


async def test_mfa_hint_suppresses_the_no_mfa_finding():
    pages = {"/": (200, {}, '<script>top.location="/remote/login";</script>'),
             "/remote/login": (200, {}, "<label>Token FortiToken</label>")}
    async with _client(pages) as client:
        root = await client.get("https://vpn.test/")
        result = WebResult(is_http=True)
        await _portals(client, "https://vpn.test", root, ("10.0.0.1", 443, "tcp"), result)
    assert {h.check_id for h in result.hits} == {"vpn-portal-exposed"}


def test_signatures_cite_a_source_and_hints_cover_spanish():
    assert all(s.source and s.path.startswith("/") and (s.body or s.header) for s in SIGNATURES)
    assert MFA_HINTS.search("Ingrese el código de verificación") and not MFA_HINTS.search("Usuario y contraseña")
