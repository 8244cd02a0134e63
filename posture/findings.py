"""Probe results as the core sees them: findings, runs, and contradictions with answers.

The probes adapter produces these; the assessment stores them; scoring, the plan and the
reports read them. Nothing here runs a network tool.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import asdict, dataclass, field, replace

from posture.content import Checklist
from posture.i18n import Localized, Plural, _, _n, tr
from posture.vocabulary import Severity

SEVERITIES = Severity.values()  # worst first
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# An answer scoring at least this much claims the control is in place; a finding on one of
# the question's probe checks then contradicts it ("yes", or maturity 3 and above).
CLAIMED_THRESHOLD = 0.6


def where(host: str, port: int | None = None, protocol: str = "") -> str:
    """``host:port/protocol``, with an IPv6 address in brackets (RFC 3986 §3.2.2): ``[2001:db8::2]:3389/tcp``.

    Without a port the address is returned bare (nothing to confuse it with).
    """
    if port is None:
        return host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}/{protocol}" if protocol else f"{host}:{port}"


@functools.lru_cache(maxsize=65536)
def address_key(address: str) -> tuple:
    """Sort key putting addresses in numeric order (IPv4 before IPv6, then names as text).

    ``203.0.113.9`` sorts before ``203.0.113.10``; a CIDR sorts by its network address.
    """
    text = address.strip("[]")
    try:
        ip = ipaddress.ip_address(text.split("%")[0])
        return (ip.version, int(ip), 0, text)
    except ValueError:
        pass
    try:
        net = ipaddress.ip_network(text, strict=False)
        return (net.version, int(net.network_address), net.prefixlen, text)
    except ValueError:
        return (9, 0, 0, text.lower())


def sort_addresses(addresses) -> list[str]:
    return sorted(addresses, key=address_key)


# Messages stored in a run as {"id": ..., "params": {...}} and rendered in the reader's language
# when shown (CLI, app, report), so a Spanish report of an English session reads Spanish.
RUN_MESSAGES = {
    "import.source": _("scan imported from {file}"),
    "import.no_authorization": _("no authorization reference given (scan imported from {file})"),
    "import.cut": _("the XML ends at line {line} without closing (the scan did not finish writing); complete hosts "
                    "are kept"),
    "import.cut_host": _("the XML ends at line {line} inside the host record that starts at line {start} (the scan "
                         "did not finish writing)"),
    "import.no_runstats": _("the scan closes without its run statistics (<runstats>): nmap did not record that it "
                            "finished"),
    "import.run_cut": _("scan {run} of the {runs} in the file did not finish (no <runstats>)"),
    # a third-party message stays as it was written, quoted after posture's own words
    "import.nmap_error": _("nmap stopped with an error: {message}"),
    "import.cut_host_at": _("the XML ends at line {line} inside the record of host {host}, which starts at line "
                            "{start} (the scan did not finish writing); its complete ports are kept"),
    "import.damaged_host_at": _("line {line}: damaged record of host {host} skipped ({detail})"),
    "import.damaged_host": _("line {line}: damaged host record skipped ({detail})"),
    "import.host_no_address": _("line {line}: <host> record without an IP address, skipped"),
    "import.port_no_state": _("line {line}: <port> {port} of {host} without <state>, skipped"),
    "import.bad_portid": _("line {line}: <port> of {host} with portid '{value}' that is not a port number, skipped"),
    "import.timedout": _("{host}: nmap host timeout; ports not reported may still be open"),
    "import.replaced_chars": _n("1 character XML forbids was replaced before reading (at line {line}: {chars})",
                                "{count} characters XML forbids were replaced before reading (the first at line "
                                "{line}: {chars})",
                                count="count"),
    "import.bad_bytes": _n("1 byte sequence not valid {encoding} was replaced (at line {line})",
                           "{count} byte sequences not valid {encoding} were replaced (the first at line {line})",
                           count="count"),
    "import.encoding": _("read as {encoding}"),
    "import.runs": _("the file holds {runs} scans (--append-output): all were read and merged"),
    "import.scripts_unused": _("NSE scripts in the file that no check evaluates: {scripts}"),
    # evidence of findings (Finding.evidence_msg): what the scan showed, in the reader's language
    "evidence.open": _("{port}/{protocol} open: {service}"),
    # an imported certificate judged at the scan's date (days: a whole number ≥ 0, before or after that date)
    "evidence.cert_expired_at_scan": _n("ssl-cert: valid until {not_after}, expired {days} day before the nmap "
                                        "scan of {date}",
                                        "ssl-cert: valid until {not_after}, expired {days} days before the nmap "
                                        "scan of {date}", count="days"),
    "evidence.cert_expiring_at_scan": _n("ssl-cert: valid until {not_after}, {days} day left at the nmap scan of "
                                         "{date}",
                                         "ssl-cert: valid until {not_after}, {days} days left at the nmap scan of "
                                         "{date}", count="days"),
    "evidence.cert_not_after": _("ssl-cert: valid until {not_after}"),  # as read from a file of an older posture
    "evidence.self_signed": _("ssl-cert: self-signed, CN={cn}"),
    "evidence.name_mismatch": _("scanned as {name}; ssl-cert names: {names}"),
    "evidence.legacy_tls": _("ssl-enum-ciphers: {versions} accepted"),
    "evidence.weak_ciphers": _("ssl-enum-ciphers: {ciphers}"),
    "evidence.host_timedout": _("<host timedout=\"true\">"),
    "evidence.no_hsts": _("http-headers: no Strict-Transport-Security header"),
    "evidence.short_hsts": _("http-headers: Strict-Transport-Security: {value} (max-age under {min})"),
    "evidence.nmap_host_timeout": _("nmap host timeout: ports not reported may still be open"),
    "evidence.scan_incomplete": _("{file}: {reason}"),
    # evidence of the live probes (posture.probes): protocol transcripts (GET … → 200, PING → +PONG) stay as
    # they are; the words around them are posture's
    "evidence.port_open": _("{port}/{protocol} open"),
    "evidence.nmap_udp_open": _("nmap -sU: open"),
    "evidence.nmap_stopped": _("nmap stopped: {reason}"),
    "evidence.tls_legacy": _("handshake accepted with {versions}"),
    "evidence.cert_expired": _n("valid until {stamp} ({days} day ago), CN={cn}",
                                "valid until {stamp} ({days} days ago), CN={cn}", count="days"),
    "evidence.cert_expiring": _n("valid until {stamp} ({days} day left), CN={cn}",
                                 "valid until {stamp} ({days} days left), CN={cn}", count="days"),
    "evidence.cert_self_signed": _("self-signed, CN={cn}: {error}"),
    "evidence.cert_issuer": _("issuer {issuer}, CN={cn}: {error}"),
    "evidence.cert_names": _("probed as {name}; certificate names: {names}"),
    "evidence.http_no_redirect": _("GET {url} → {status}, no redirect to HTTPS"),
    "evidence.http_redirect": _("GET {url} → {status}, Location: {location}"),
    "evidence.http_no_hsts": _("GET {url}: no Strict-Transport-Security header"),
    "evidence.http_short_hsts": _("GET {url}: Strict-Transport-Security: {value} (max-age under {min})"),
    "evidence.http_missing_headers": _("GET {url} lacks: {headers}"),
    "evidence.portal": _("{vendor}: GET {path} → {status}, matched '{matched}' ({source})"),
    "evidence.portal_no_mfa": _("{vendor}: login page at {path} mentions no token, OTP, SAML or MFA"),
    "evidence.mongodb_open": _("MongoDB listDatabases answered without authentication"),
    "evidence.mongodb_refused": _("MongoDB listDatabases refused: {detail}"),
    "evidence.elasticsearch_auth": _("Elasticsearch GET / → 401 (authentication required)"),
    "evidence.telnet_iac": _("IAC negotiation {banner}"),
    "evidence.mysql_handshake": _("MySQL handshake, version {version}"),
    "evidence.ike": _("IKE response, version {version}, exchange type {exchange}"),
    "evidence.snmp": _("SNMPv3 report ({size} bytes)"),
    # why nmap stopped, nested in probe.nmap_cut and evidence.nmap_stopped
    "reason.timeout": _("timeout"),
    "reason.truncated": _("truncated output"),
    "reason.nmap": _("{text}"),
    "probe.interrupted": _("interrupted: partial results"),
    "probe.timedout": _("{host}: nmap hit the per-host timeout; partial results"),
    "probe.nmap_cut": _("nmap did not finish ({reason}); partial results"),
    "probe.ports": _("ports looked at: TCP {tcp}; UDP {udp}. No other port was looked at (add ports with --ports or "
                     "ports: in the scope file)"),
    "probe.udp_skipped": _("UDP {ports} not looked at: without privileges posture only asks UDP services it knows "
                           "({roles}); give the role (5080/udp=sip) or use --privileged"),
    "import.ports": _("ports the scan looked at: {ports}; no other port was looked at"),
    "import.masscan_ports": _("masscan does not record which ports it looked at: only the open ports it found are "
                              "known"),
    "import.no_ports": _("the scan looked at no port (host discovery only)"),
    "import.stray": _("line {line}: damaged text outside a host record ignored ({detail})"),
    # why a record or a tag could not be read (the {detail} above): expat's errors in posture's words
    "import.no_host_end": _("no </host> before the next record"),
    "import.record_too_big": _("record larger than {limit_bytes}"),
    "import.xml.tag_mismatch": _("a closing tag (</…>) does not match the open tag"),
    "import.xml.invalid_token": _("a character or mark that XML does not allow"),
    "import.xml.unclosed_token": _("a tag that is not closed"),
    "import.xml.no_elements": _("no element in it"),
    "import.xml.junk_after": _("text after the record's end"),
    "import.xml.undefined_entity": _("an entity (&name;) that is not defined"),
    "import.xml.duplicate_attribute": _("an attribute given twice in one tag"),
    "import.xml.bad_char_ref": _("a character reference (&#…;) to a character XML does not allow"),
    "import.xml.unbound_prefix": _("a namespace prefix that is not declared"),
    "import.xml.other": _("XML that cannot be read (expat's message: “{original}”)"),
}


# English sentences that older versions of posture stored as plain text (a finding's ``evidence`` with no
# ``evidence_msg``, a run's ``incomplete`` reasons): read back as message ids with parameters when a file is
# loaded (:func:`legacy_message`), so they are shown in the reader's language. Each pattern is an English
# template with {placeholders}; every current English template of RUN_MESSAGES is known as well (older files
# used the same words before the messages were stored as ids).
LEGACY_MESSAGES = (
    ("ssl-cert notAfter={not_after} · nmap {date}: {days} d", "evidence.cert_expiry"),
    ("ssl-cert notAfter={not_after}", "evidence.cert_not_after"),
    ("notAfter={stamp} ({days} days ago), CN={cn}", "evidence.cert_expired"),
    ("notAfter={stamp} ({days} day ago), CN={cn}", "evidence.cert_expired"),
    ("notAfter={stamp} ({days} days left), CN={cn}", "evidence.cert_expiring"),
    ("notAfter={stamp} ({days} day left), CN={cn}", "evidence.cert_expiring"),
    ("{host}: nmap host timeout", "import.timedout"),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def _legacy_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(regex, message id) of every known English sentence, the most specific (longest fixed text) first.
    A template with no letters of its own (``{file}: {reason}``, ``{text}``) would match any text: left out."""
    templates = list(LEGACY_MESSAGES)
    templates += [(t.msgid or t["en"], mid) for mid, t in RUN_MESSAGES.items() if not isinstance(t, Plural)]
    patterns = []
    for template, msg_id in templates:
        fixed = _PLACEHOLDER.sub("", template)
        if not any(c.isalpha() for c in fixed):
            continue
        parts, names = _PLACEHOLDER.split(template), set()
        regex = ""
        for i, part in enumerate(parts):
            if i % 2 == 0:
                regex += re.escape(part)
            elif part in names:
                regex += f"(?P={part})"
            else:
                names.add(part)
                regex += f"(?P<{part}>.+?)"
        patterns.append((len(fixed), re.compile(regex, re.DOTALL), msg_id))
    patterns.sort(key=lambda p: -p[0])
    return tuple((regex, msg_id) for _, regex, msg_id in patterns)


def legacy_message(text: str) -> dict | None:
    """``{"id", "params"}`` for an English sentence an older posture stored as text (``'1723/tcp open: pptp
    (Microsoft PPTP)'`` → ``evidence.open`` with port, protocol and service); None for any other text (a
    banner, a transcript: shown as seen)."""
    if not isinstance(text, str) or not text.strip():
        return None
    for regex, msg_id in _legacy_patterns():
        m = regex.fullmatch(text.strip())
        if m:
            return {"id": msg_id, "params": m.groupdict()}
    return None


def message(item: dict | str, lang: str, *, dates: bool = True) -> str:
    """A stored run message in ``lang``: ``{"id", "params"}`` rendered, or a legacy string as is.

    Dates and moments among the parameters (``date``, ``stamp``, ``not_after``) are written as ``lang`` writes
    them (CLDR); ``dates=False`` keeps them ISO 8601, for the English text stored beside the message for
    machines (a finding's ``evidence`` in the JSON export)."""
    if isinstance(item, str):
        return item
    params = item.get("params", {})
    msg_id = item.get("id", "")
    if msg_id == _SIGNED_CERT_DAYS:
        msg_id, params = _cert_at_scan(params)
    template = RUN_MESSAGES.get(msg_id)
    # a message nested as a parameter (the reason inside a finding's evidence) is rendered in the same language
    params = {k: message(v, lang, dates=dates) if isinstance(v, dict) and "id" in v
              else _param(k, v, lang, dates=dates) for k, v in params.items()}
    if template is None:
        return f"{item.get('id', '?')} {params}"
    text = _form(template, lang, params)
    try:  # a parameter missing from a run stored by an older version reads "?"
        return text.format_map(_Lenient(params))
    except (IndexError, ValueError):
        return text


def _form(template: Localized | Plural, lang: str, params: dict) -> str:
    """The text of ``template`` in ``lang``; a plural's form from its count parameter (the plural without one)."""
    if not isinstance(template, Plural):
        return tr(template, lang)
    try:
        n = int(params.get(template.count))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        n = 2
    return template.form(lang, n)


# Parameters that hold a date or a moment, stored as ISO 8601 (machine exports keep it): shown as the
# reader's language writes them (CLDR, posture.l10n), never as 2025-12-31T23:59:59.
_WHEN = {"date": "short_date", "not_after": "moment", "stamp": "moment"}


def _param(key: str, value: object, lang: str, *, dates: bool = True) -> object:
    """A stored message's parameter as ``lang`` writes it: a size (``*_bytes``) always; a date or moment
    (``_WHEN``) unless ``dates`` is False (ISO 8601 kept for machines)."""
    if key.endswith("_bytes") and type(value) is int:  # a size, written as people write sizes (dates or not)
        from posture import l10n

        return l10n.size(value, lang)
    if not dates:
        return value
    kind = _WHEN.get(key)
    if kind is None or not isinstance(value, str) or not value:
        return value
    from posture import l10n

    return getattr(l10n, kind)(value, lang)


# Stored by posture before 2026-12: a certificate's days to the scan's date signed ("-69", "+5") under one id,
# shown as «-69 días». Read as the expired / expiring message with the days counted.
_SIGNED_CERT_DAYS = "evidence.cert_expiry"


def _cert_at_scan(params: dict) -> tuple[str, dict]:
    try:
        days = int(float(str(params.get("days", "")).strip()))
    except ValueError:
        return "evidence.cert_expired_at_scan", params
    msg_id = "evidence.cert_expired_at_scan" if days < 0 else "evidence.cert_expiring_at_scan"
    return msg_id, {**params, "days": str(abs(days))}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


AS_RECORDED = _("as recorded in English: “{text}”")


def _as_recorded(text: str, lang: str) -> str:
    """English text an older posture stored in a pattern posture no longer knows: shown in another language
    as what it is, a quotation in its original language (never passed off as the reader's language)."""
    return text if lang == "en" else tr(AS_RECORDED, lang).format(text=text)


def run_message(msg_id: str, **params: object) -> dict:
    if msg_id not in RUN_MESSAGES:
        raise KeyError(msg_id)  # a bug: every id used is in RUN_MESSAGES
    return {"id": msg_id, "params": params}


@dataclass
class Finding:
    check_id: str
    severity: str
    host: str
    port: int | None
    protocol: str  # "tcp", "udp" or "" for host-level findings
    title: dict[str, str]
    description: dict[str, str]
    remediation: dict[str, str]
    evidence: str  # what was seen: a banner, a header, certificate dates (English for a message below)
    maps_to: dict[str, list[str]] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)  # checklist questions this check verifies
    observed_at: str = ""
    # the evidence as {"id", "params"} (RUN_MESSAGES), rendered in the reader's language; {} for plain text
    evidence_msg: dict = field(default_factory=dict)

    def evidence_text(self, lang: str) -> str:
        """The evidence in ``lang`` when stored as a message, else as seen (banners stay literal)."""
        if not self.evidence_msg:
            return self.evidence
        return message(self.evidence_msg, lang)
    # Set by dedupe(), never stored: ids of the runs that saw this finding, oldest first.
    runs: list[str] = field(default_factory=list, compare=False)

    @property
    def where(self) -> str:
        """``host:port/protocol`` (IPv6 in brackets) or the bare host for host-level findings."""
        return where(self.host, self.port, self.protocol)

    @property
    def id(self) -> str:
        return f"{self.check_id}@{self.where}"

    @property
    def actionable(self) -> bool:
        """Info findings describe; the others call for remediation."""
        return self.severity != "info"

    @property
    def key(self) -> tuple[str, str, int | None, str]:
        """What makes two observations the same finding: check, host, port, protocol."""
        return (self.check_id, self.host, self.port, self.protocol)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("runs")
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        return cls(
            check_id=d["check_id"], severity=d["severity"], host=d["host"], port=d.get("port"),
            protocol=d.get("protocol", ""), title=dict(d["title"]), description=dict(d["description"]),
            remediation=dict(d["remediation"]), evidence=d.get("evidence", ""),
            maps_to={k: list(v) for k, v in d.get("maps_to", {}).items()},
            questions=list(d.get("questions", [])), observed_at=d.get("observed_at", ""),
            evidence_msg=dict(d["evidence_msg"]) if isinstance(d.get("evidence_msg"), dict)
            else legacy_message(d.get("evidence", "")) or {},  # an older posture's English sentence, read back
        )


@dataclass
class ProbeRun:
    """One probe run: what was authorized, what was scanned, what was found, whether it finished."""

    id: str
    authorized_by: str
    started_at: str
    finished_at: str
    targets: list[str]
    findings: list[Finding] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    contact: str = ""
    window: str = ""
    privileged: bool = False
    complete: bool = True
    incomplete: list[str] = field(default_factory=list)  # hosts or steps that did not finish, and why
    hosts: list[dict] = field(default_factory=list)  # per host: address, state, open ports seen
    tools: dict[str, str] = field(default_factory=dict)  # tool → version
    # An imported scan: {"kind": "import", "format", "scanner", "file", "imported_at", "scan_started",
    # "scan_finished", "runs", "addresses", "up"}; empty for a live probe.
    source: dict = field(default_factory=dict)
    reasons: list[dict] = field(default_factory=list)  # why incomplete, as {"id", "params"} (see RUN_MESSAGES)
    notes: list[dict] = field(default_factory=list)  # what the reader should know, as {"id", "params"}

    def to_dict(self) -> dict:
        d = asdict(self)
        d["findings"] = [f.to_dict() for f in self.findings]
        return d

    def add_reason(self, msg_id: str, **params: object) -> None:
        """Mark the run incomplete: the id + params are stored, English kept in ``incomplete`` for old readers."""
        item = run_message(msg_id, **params)
        self.reasons.append(item)
        self.incomplete.append(message(item, "en"))
        self.complete = False

    def incomplete_messages(self, lang: str) -> list[str]:
        """Why the run is incomplete, in ``lang`` (stored ids rendered; legacy text as stored)."""
        rendered = [message(r, lang) for r in self.reasons]
        english = {message(r, "en", dates=dates) for r in self.reasons for dates in (False, True)}
        return rendered + [_as_recorded(text, lang) for text in self.incomplete if text not in english]

    def note_messages(self, lang: str) -> list[str]:
        return [message(n, lang) for n in self.notes]

    def authorization(self, lang: str) -> str:
        """The authorization reference, or for an import without one, that none was given and where it came from."""
        if self.authorized_by:
            return self.authorized_by
        if self.source.get("file"):
            return message(run_message("import.no_authorization", file=self.source["file"]), lang)
        return "—"

    @classmethod
    def from_dict(cls, d: dict) -> ProbeRun:
        return cls(
            id=d["id"], authorized_by=d["authorized_by"], started_at=d["started_at"],
            finished_at=d.get("finished_at", ""), targets=list(d.get("targets", [])),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            exclusions=list(d.get("exclusions", [])), contact=d.get("contact", ""), window=d.get("window", ""),
            privileged=bool(d.get("privileged", False)), complete=bool(d.get("complete", True)),
            incomplete=list(d.get("incomplete", [])), hosts=list(d.get("hosts", [])),
            tools=dict(d.get("tools", {})), source=dict(d.get("source", {})),
            reasons=[dict(r) for r in d.get("reasons", []) if isinstance(r, dict)],
            notes=[dict(n) for n in d.get("notes", []) if isinstance(n, dict)],
        )._read_legacy_reasons()

    def _read_legacy_reasons(self) -> ProbeRun:
        """A reason an older posture stored only as English text, in a pattern posture knows, becomes a message
        id with parameters (its English rendering replaces the old text in ``incomplete``)."""
        known = {message(r, "en", dates=False) for r in self.reasons}
        for i, text in enumerate(self.incomplete):
            if text in known:
                continue
            found = legacy_message(text)
            if found is not None:
                self.reasons.append(found)
                self.incomplete[i] = message(found, "en", dates=False)
        return self


def dedupe(runs: list[ProbeRun]) -> list[Finding]:
    """One finding per (check, host, port, protocol) across ``runs``: the latest observation
    (latest ``observed_at``, then the later run), with ``runs`` listing every run that saw it.

    Order: first seen first. Idempotent: deduplicating runs that hold the result changes nothing."""
    latest: dict[tuple, tuple[tuple[str, int], Finding]] = {}
    seen_in: dict[tuple, list[str]] = {}
    for order, run in enumerate(runs):
        for f in run.findings:
            rank = (f.observed_at or run.finished_at or run.started_at, order)
            if f.key not in latest or rank >= latest[f.key][0]:
                latest[f.key] = (rank, f)
            ids = seen_in.setdefault(f.key, [])
            if run.id not in ids:
                ids.append(run.id)
    return [replace(f, runs=list(seen_in[key])) for key, (_, f) in latest.items()]  # copies: runs stay untouched


@dataclass(frozen=True)
class Contradiction:
    question_id: str
    answer: str
    finding: Finding

    def answer_label(self, checklist: Checklist, lang: str) -> str:
        """The answer as the assessor gave it ("Sí", "3 · Definido"), never the stored value ("yes")."""
        q = checklist.question(self.question_id)
        option = checklist.scale_of(q).option(self.answer) if q else None
        return option.label[lang] if option else self.answer

    def message(self, checklist: Checklist, lang: str) -> str:
        q = checklist.question(self.question_id)
        text = q.text[lang] if q else self.question_id
        f = self.finding
        answer = self.answer_label(checklist, lang)
        if lang == "es":
            return f"Se respondió «{answer}» a «{text}»; el sondeo encontró {f.title['es']} (en {f.where})."
        return f"Answered “{answer}” to “{text}”; the probe found {f.title['en']} (on {f.where})."


def questions_for_check(checklist: Checklist, check_id: str) -> list[str]:
    return [q.id for q in checklist.questions if check_id in q.probe_checks]


def contradictions(checklist: Checklist, answers: dict[str, str], findings: list[Finding]) -> list[Contradiction]:
    """Answers that claim a control is in place while a probe finding says otherwise.

    ``answers`` maps question id → answer value ("yes", "partial", "no", "na", "0".."5").
    Findings are de-duplicated by (check, host, port, protocol) first, so a probe run twice does not
    count twice; several findings on one question are several contradictions of that one question
    (count questions with ``len({c.question_id for c in ...})``).
    """
    out: list[Contradiction] = []
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique[f.key] = f
    for finding in unique.values():
        if not finding.actionable:
            continue
        for q in checklist.questions:
            if finding.check_id not in q.probe_checks or q.id not in answers:
                continue
            option = checklist.scale_of(q).option(answers[q.id])
            if option is not None and option.score >= CLAIMED_THRESHOLD:
                out.append(Contradiction(q.id, answers[q.id], finding))
    return out
