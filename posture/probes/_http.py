"""Web checks with httpx: HTTPS redirect, HSTS and other security headers, version disclosure,
and SSL-VPN / PBX portal identification from the signature table."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

import httpx

from posture.probes._hits import Hit, said
from posture.probes._signatures import MFA_HINTS, SIGNATURES, Signature

HSTS_MIN_AGE = 15768000  # six months, as the HTTP Observatory grades it
_VERSION = re.compile(r"\d+(\.\d+)+|/\d")


@dataclass
class WebResult:
    is_http: bool = False
    hits: list[Hit] = field(default_factory=list)
    portals: list[str] = field(default_factory=list)


def _header_lines(r: httpx.Response) -> str:
    return "\n".join(f"{k}: {v}" for k, v in r.headers.multi_items())


def missing_security_headers(headers: httpx.Headers) -> list[str]:
    missing = []
    csp = headers.get("content-security-policy", "")
    if not csp:
        missing.append("Content-Security-Policy")
    if "x-frame-options" not in headers and "frame-ancestors" not in csp:
        missing.append("X-Frame-Options")
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        missing.append("X-Content-Type-Options")
    if "referrer-policy" not in headers:
        missing.append("Referrer-Policy")
    return missing


def hsts_problem(headers: httpx.Headers) -> str | None:
    value = headers.get("strict-transport-security")
    if value is None:
        return "no Strict-Transport-Security header"
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value, re.IGNORECASE)
    if match is None or int(match.group(1)) < HSTS_MIN_AGE:
        return f"Strict-Transport-Security: {value} (max-age under {HSTS_MIN_AGE})"
    return None


def version_disclosure(headers: httpx.Headers) -> str | None:
    shown = [f"{name}: {headers[name]}" for name in ("server", "x-powered-by", "x-aspnet-version")
             if name in headers and _VERSION.search(headers[name])]
    return "; ".join(shown) or None


async def web_checks(host: str, port: int, tls: bool, server_name: str | None = None,
                     timeout: float = 3.0) -> WebResult:
    scheme = "https" if tls else "http"
    literal = f"[{host}]" if ":" in host else host
    base = f"{scheme}://{literal}:{port}"
    headers = {"User-Agent": "posture-probe"}
    if server_name:
        headers["Host"] = server_name if port in (80, 443) else f"{server_name}:{port}"
    result = WebResult()
    # verify=False: we are inspecting the server, not trusting it; the TLS checks judge the certificate.
    async with httpx.AsyncClient(verify=False, timeout=timeout, headers=headers,  # noqa: S501
                                 follow_redirects=False) as client:
        try:
            root = await client.get(base + "/")
        except (httpx.HTTPError, ValueError):
            return result
        result.is_http = True
        where = (host, port, "tcp")
        location = root.headers.get("location", "")
        redirects_to_https = root.is_redirect and location.lower().startswith("https://")
        if not tls and not redirects_to_https:
            if location:
                result.hits.append(said("http-no-https-redirect", *where, "evidence.http_redirect", url=f"{base}/",
                                        status=root.status_code, location=location))
            else:
                result.hits.append(said("http-no-https-redirect", *where, "evidence.http_no_redirect",
                                        url=f"{base}/", status=root.status_code))
        if tls and hsts_problem(root.headers):
            value = root.headers.get("strict-transport-security")
            result.hits.append(said("http-missing-hsts", *where, "evidence.http_short_hsts", url=f"{base}/",
                                    value=value, min=HSTS_MIN_AGE) if value is not None else
                               said("http-missing-hsts", *where, "evidence.http_no_hsts", url=f"{base}/"))
        if not redirects_to_https and (missing := missing_security_headers(root.headers)):
            result.hits.append(said("http-missing-security-headers", *where, "evidence.http_missing_headers",
                                    url=f"{base}/", headers=", ".join(missing)))
        if shown := version_disclosure(root.headers):
            result.hits.append(Hit("http-server-version-disclosure", *where, shown))
        await _portals(client, base, root, where, result)
    return result


async def _portals(client: httpx.AsyncClient, base: str, root: httpx.Response, where: tuple, result: WebResult):
    paths = sorted({s.path for s in SIGNATURES} - {"/"})
    limit = asyncio.Semaphore(6)

    async def fetch(path: str) -> httpx.Response | None:
        async with limit:
            try:
                return await client.get(base + path)
            except (httpx.HTTPError, ValueError):
                return None

    responses = dict(zip(paths, await asyncio.gather(*(fetch(p) for p in paths)), strict=True))
    responses["/"] = root
    seen: set[str] = set()
    for sig in SIGNATURES:
        r = responses.get(sig.path)
        if r is None or sig.vendor in seen:
            continue
        matched = sig.matches(r.status_code, _header_lines(r), r.text)
        if matched is None:
            continue
        seen.add(sig.vendor)
        result.portals.append(sig.vendor)
        seen_as = {"vendor": sig.vendor, "path": sig.path, "status": r.status_code, "matched": matched[:80],
                   "source": sig.source}
        if sig.kind == "pbx":
            result.hits.append(said("pbx-web-exposed", *where, "evidence.portal", **seen_as))
            continue
        result.hits.append(said("vpn-portal-exposed", *where, "evidence.portal", **seen_as))
        if not _mfa_hint(sig, responses):
            result.hits.append(said("vpn-portal-no-mfa-hint", *where, "evidence.portal_no_mfa", vendor=sig.vendor,
                                    path=sig.path))


def _mfa_hint(sig: Signature, responses: dict[str, httpx.Response]) -> bool:
    """Any hint of a second factor on the matched page or on the vendor's login page."""
    pages = [responses.get(sig.path)] + [responses.get(s.path) for s in SIGNATURES if s.vendor == sig.vendor]
    return any(MFA_HINTS.search(r.text) for r in pages if r is not None)
