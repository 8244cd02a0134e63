"""Reading nmap (and masscan) XML as a stream: every run, every host record, whatever the damage.

Scanners hand us files no XML parser accepts whole: nmap killed mid-run (cut short), old nmap
writing control characters into names and banners, ``--append-output`` leaving several
``<nmaprun>`` documents in one file, masscan writing one ``<host>`` per open port, Windows
PowerShell saving UTF-16. So the file is read in chunks and cut at the top level into the few
elements we need — ``<nmaprun>``, ``<scaninfo>``, ``<finished>``, ``<hosts>`` and each
``<host>…</host>`` record — and each record is parsed on its own with ElementTree. Damage costs
only the record it is in, and is reported with its line. Memory holds one record at a time plus
the merged results (see bench/probes.py for the 60 MB figure).

Host records for one address (masscan, several runs) are merged: ports are the union.
Element and attribute names follow nmap's DTD (https://nmap.org/book/nmap-dtd.html).
"""

from __future__ import annotations

import codecs
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from posture.findings import address_key, run_message
from posture.i18n import LANGS, _, fmt
from posture.probes._errors import NmapFailed

MSG = {
    "not_xml": _("is not nmap XML output (-oX){encoding}: {detail}"),
    "read_as": _(" (read as {encoding})"),
    "no_nmaprun": _("<nmaprun> not found"),
    "normal_output": _("looks like nmap's normal output (-oN); export with -oX"),
    "grepable_output": _("looks like nmap's grepable output (-oG); export with -oX"),
    "empty": _("the file is empty"),
    "no_scan": _("holds no scan: <nmaprun> closes with no host and no run statistics (<runstats>)"),
    "entities": _("declares XML entities (<!ENTITY>) at line {line}; nmap never writes them and posture does not "
                  "expand them (refused for safety)"),
}
CHUNK = 1 << 20
MAX_RECORD = 16 << 20  # one <host> record; nmap's largest real ones (many scripts) are well under 1 MB

# XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_TOKEN = re.compile(r"<(nmaprun|scaninfo|finished|hosts|host|prescript|postscript)(?=[\s/>])|<!--|</nmaprun\s*>")
_SCRIPT_ID = re.compile(r"""<script\s[^>]*?id\s*=\s*["']([^"']+)["']""")
_TAG_REST = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_NESTED = re.compile(r"<(?:host|nmaprun|runstats)(?=[\s/>])")
_ADDRESS = re.compile(r"""<address\s[^>]*?addr\s*=\s*["']([0-9A-Fa-f.:]+)["'][^>]*?addrtype\s*=\s*["']ipv[46]["']""")
_ENTITY = re.compile(r"<!ENTITY\s")
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(slots=True)
class PortResult:
    port: int
    protocol: str
    state: str
    service: str = ""
    product: str = ""
    version: str = ""
    extrainfo: str = ""
    tunnel: str = ""
    devicetype: str = ""
    cpe: tuple[str, ...] = ()
    scripts: dict[str, str] = field(default_factory=dict)  # NSE script id → its output text
    tables: dict[str, object] = field(default_factory=dict)  # script id → its <table>/<elem> as dict/list
    cert_not_after: str = ""  # ssl-cert validity/notAfter, when nmap ran that script

    @property
    def open(self) -> bool:
        return self.state == "open"

    @property
    def banner(self) -> str:
        return " ".join(x for x in (self.product, self.version, self.extrainfo) if x)


@dataclass(slots=True)
class HostResult:
    address: str
    state: str
    hostname: str = ""  # the name the operator gave, when the target was a name
    ptr: str = ""  # the reverse-DNS (PTR) name nmap found; never used to judge a certificate's names
    cut: bool = False  # the record was cut short (file ends inside it): only its complete <port>s were kept
    timedout: bool = False
    ports: list[PortResult] = field(default_factory=list)  # open and open|filtered ports only
    scripts: tuple[str, ...] = ()  # ids of the host's <hostscript> NSE scripts
    starttime: int | None = None  # epoch seconds, from the record
    endtime: int | None = None
    line: int = 0

    def open_ports(self) -> list[PortResult]:
        return [p for p in self.ports if p.open]


@dataclass
class ScanResult:
    hosts: list[HostResult] = field(default_factory=list)  # one per address, in numeric order
    finished: bool = False  # every run has <runstats>: the scanner ended on its own
    exit: str = ""  # "error" if any run says so, else the last run's
    errormsg: str = ""
    scan_type: str = ""
    command_line: str = ""
    version: str = ""
    scanner: str = ""  # "nmap" or "masscan"
    runs: int = 0  # <nmaprun> documents in the file
    started: int | None = None  # epoch seconds: earliest run start
    ended: int | None = None  # latest run finish
    total: int = 0  # addresses scanned, as the runs' <hosts total> say (or as listed, if more)
    encoding: str = ""
    services: dict[str, str] = field(default_factory=dict)  # protocol → the ports the scan looked at (scaninfo)
    run_scripts: list[str] = field(default_factory=list)  # ids of prescript/postscript NSE scripts
    reasons: list[dict] = field(default_factory=list)  # why incomplete: run_message dicts
    notes: list[dict] = field(default_factory=list)  # what was repaired: run_message dicts

    @property
    def up(self) -> list[HostResult]:
        return [h for h in self.hosts if h.state == "up"]


@dataclass
class _Run:
    attrs: dict
    finished: dict | None = None
    closed: bool = False
    total: int | None = None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def _fix_refs(segment: str, found: list[str] | None = None) -> str:
    """Character references to code points XML forbids (``&#5;``) become U+FFFD; each one is added to ``found``."""
    def repl(m: re.Match) -> str:
        cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        ok = cp in (9, 10, 13) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF
        if ok:
            return m.group(0)
        if found is not None:
            found.append(m.group(0))
        return "&#xFFFD;"
    return _CHAR_REF.sub(repl, segment) if "&#" in segment else segment


def _tag(text: str) -> dict:
    """Attributes of one start tag (``<finished ... />`` or ``<nmaprun ...>``)."""
    text = _fix_refs(text)
    if not text.endswith("/>"):
        text = text[:-1] + "/>"
    # a lone start tag or <host> record cannot declare a DTD, so no entity expansion is possible
    return dict(ET.fromstring(text).attrib)  # noqa: S314


def _script_data(elem: ET.Element) -> object:
    """An NSE ``<script>``/``<table>``: keyed children become a dict, unkeyed ones a list."""
    keyed: dict[str, object] = {}
    listed: list[object] = []
    for child in elem:
        if child.tag not in ("table", "elem"):
            continue
        value = _script_data(child) if child.tag == "table" else (child.text or "")
        key = child.get("key")
        if key is None:
            listed.append(value)
        else:
            keyed[key] = value
    if listed and keyed:
        keyed[""] = listed
        return keyed
    return listed if listed else keyed


# the replacement _Decoder makes, for trying a codec: a codec that cannot take it is refused before reading
codecs.register_error("posture-try", lambda exc: ("\ufffd", exc.end))


def _text_codec(declared: str) -> str:
    """The codec of the encoding a file declares, if it can be the file's; LookupError otherwise. The declaration
    was read as ASCII, so the codec must read those bytes as the same text (XML 1.0 Appendix F): UTF-16, UTF-32
    or EBCDIC declared in an 8-bit file are contradicted by its bytes. It must also take posture's replacement
    of bad bytes, which Python's codecs that are no text encoding do not: bytes to bytes (base64, zlib, hex, uu,
    bz2, quopri), text to text (rot13), without custom error handling (idna, punycode, undefined). UTF-7 and
    the escape codecs are refused too: they can yield lone surrogates, which XML forbids (see _FIRST_BAD)."""
    info = codecs.lookup(declared)
    sample = b'<?xml version="1.0"?>'
    try:
        text = codecs.getincrementaldecoder(info.name)(errors="posture-try").decode(sample, True)
    except Exception as exc:  # TypeError, AssertionError, UnicodeError…: whatever the codec raises
        raise LookupError(declared) from exc
    if text != sample.decode("ascii") or info.name in ("utf-7", "unicode-escape", "raw-unicode-escape"):
        raise LookupError(declared)
    return info.name


_FIRST_BAD = "\udcff"  # _Decoder's mark of the file's first bad bytes, at once replaced by U+FFFD: no codec it uses
# yields a lone surrogate (UTF-8/16/32 count them as bad bytes; UTF-7 and the escape codecs are refused above)


class _Decoder:
    """Bytes → text: BOM first, then a UTF-16 pattern without BOM, then the declared encoding, else UTF-8."""

    def __init__(self, head: bytes):
        if head.startswith(codecs.BOM_UTF8):
            self.name, codec = "UTF-8 (BOM)", "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            self.name, codec = "UTF-32", "utf-32"
        elif head.startswith(codecs.BOM_UTF16_LE):
            self.name, codec = "UTF-16LE", "utf-16"
        elif head.startswith(codecs.BOM_UTF16_BE):
            self.name, codec = "UTF-16BE", "utf-16"
        elif head[:2] == b"<\x00":
            self.name, codec = "UTF-16LE", "utf-16-le"
        elif head[:2] == b"\x00<":
            self.name, codec = "UTF-16BE", "utf-16-be"
        else:
            m = _DECLARED.search(head[:200])
            declared = m.group(1).decode("ascii") if m else "UTF-8"
            try:
                codec = _text_codec(declared)
                self.name = declared.upper()
            except LookupError:  # unknown, or contradicted by the bytes (UTF-16 declared in an 8-bit file…)
                codec, self.name = "utf-8", "UTF-8"
        self.bad = 0
        name = f"posture-count-{id(self)}"
        codecs.register_error(name, self._count)
        self._dec = codecs.getincrementaldecoder(codec)(errors=name)
        self._counted = 0  # bad bytes decoded so far; ``bad`` shows them once the text holding them is handed over
        self._first_now = False  # the file's first bad bytes were just decoded (as _FIRST_BAD)
        self._held = ""  # the text from the file's first bad bytes on, handed over by the next call

    def _count(self, exc: UnicodeDecodeError):
        self._counted += 1
        if self._counted > 1:
            return "\ufffd", exc.end
        self._first_now = True
        return _FIRST_BAD, exc.end

    def decode(self, data: bytes, final: bool = False) -> str:
        """``data`` as text, bad bytes replaced by U+FFFD and counted in ``bad``. The text from the file's first
        bad bytes on is handed over by the next call (the last call hands over everything), and ``bad`` grows
        with it: the reader, finding them as the first U+FFFD of that piece, places them on their own line, not
        on the line of a U+FFFD the file itself holds before them."""
        text, self._held = self._held + self._dec.decode(data, final), ""
        if self._first_now:
            self._first_now = False
            first = text.find(_FIRST_BAD)  # the error handler's answer is in the text of the call it served
            text = text[:first] + "\ufffd" + text[first + 1:]
            if not final:  # (from the start of this piece on, the piece comes whole with the next one)
                self._held = text[first:]
                return text[:first]
        self.bad = self._counted
        return text


# expat's error codes (by their names in xml.parsers.expat.errors) that a damaged nmap record shows → posture's
# words for them (run messages, findings.py)
_EXPAT_IDS = {expat.errors.codes[getattr(expat.errors, name)]: msg_id for name, msg_id in (
    ("XML_ERROR_TAG_MISMATCH", "import.xml.tag_mismatch"), ("XML_ERROR_INVALID_TOKEN", "import.xml.invalid_token"),
    ("XML_ERROR_UNCLOSED_TOKEN", "import.xml.unclosed_token"), ("XML_ERROR_NO_ELEMENTS", "import.xml.no_elements"),
    ("XML_ERROR_JUNK_AFTER_DOC_ELEMENT", "import.xml.junk_after"),
    ("XML_ERROR_UNDEFINED_ENTITY", "import.xml.undefined_entity"),
    ("XML_ERROR_DUPLICATE_ATTRIBUTE", "import.xml.duplicate_attribute"),
    ("XML_ERROR_BAD_CHAR_REF", "import.xml.bad_char_ref"), ("XML_ERROR_UNBOUND_PREFIX", "import.xml.unbound_prefix"))}


def _xml_problem(exc: ET.ParseError) -> dict:
    """Why ElementTree refused a record, as a run message: posture's words for the errors nmap files show, expat's
    own (English, quoted as such) for any other."""
    msg_id = _EXPAT_IDS.get(exc.code)
    if msg_id is not None:
        return run_message(msg_id)
    return run_message("import.xml.other", original=str(exc).split(":")[0])


def _chunks_of_text(text: str) -> Iterator[str]:
    for i in range(0, len(text), CHUNK):
        yield text[i:i + CHUNK]


class _Reader:
    def __init__(self, source: str, on_host: Callable[[HostResult], None] | None = None):
        self.source = source
        self.on_host = on_host  # sees each record whole; the result then keeps only its open ports' numbers
        self.result = ScanResult()
        self.runs: list[_Run] = []
        self.by_address: dict[str, HostResult] = {}
        self.replaced = 0
        self.replaced_first: tuple[int, str] | None = None
        self.bad_bytes_line: int | None = None
        self.saw_text = ""

    # -- text -------------------------------------------------------------------------------------
    def _clean(self, chunk: str, line: int) -> str:
        """Forbidden control characters → U+FFFD, counted with the line of the first."""
        if not _FORBIDDEN.search(chunk):
            return chunk
        for m in _FORBIDDEN.finditer(chunk):
            self.replaced += 1
            if self.replaced_first is None:
                self.replaced_first = (line + chunk.count("\n", 0, m.start()), f"U+{ord(m.group(0)):04X}")
        return _FORBIDDEN.sub("\ufffd", chunk)

    def read(self, chunks: Iterable[str], decoder: _Decoder | None = None) -> ScanResult:
        buf = ""
        buf_line = 1  # line number of buf[0]
        pos = 0
        mark, mark_line = 0, 1  # a position in buf whose line is known
        eof = False
        it = iter(chunks)
        text_line = 1  # line at the start of the next chunk

        def line_at(p: int) -> int:  # p ≥ mark always: p is a token's start, searched for from pos ≥ mark
            nonlocal mark, mark_line
            mark_line += buf.count("\n", mark, p)
            mark = p
            return mark_line

        def more() -> bool:
            nonlocal buf, buf_line, pos, mark, mark_line, eof, text_line
            if eof:
                return False
            try:
                chunk = next(it)
            except StopIteration:
                eof = True
                return False
            if decoder and decoder.bad and self.bad_bytes_line is None:  # this chunk held the first bad bytes
                self.bad_bytes_line = text_line + chunk.count("\n", 0, max(chunk.find("\ufffd"), 0))
            chunk = self._clean(chunk, text_line)
            if not self.runs and (ent := _ENTITY.search(chunk)) is not None:
                # a DTD with entities (billion laughs, SYSTEM files): refused with its line, never expanded
                line = text_line + chunk.count("\n", 0, ent.start())
                raise NmapFailed({lang: MSG["not_xml"][lang].format(
                                     encoding="", detail=MSG["entities"][lang].format(line=line))
                                     for lang in LANGS})
            text_line += chunk.count("\n")
            if len(self.saw_text) < 4096:
                self.saw_text += chunk[:4096]
            # drop what is consumed, keep the line numbering
            buf_line += buf.count("\n", 0, pos)
            buf = buf[pos:] + chunk
            pos, mark, mark_line = 0, 0, buf_line
            return True

        more()
        while True:
            m = _TOKEN.search(buf, pos)
            if m is None:
                keep = max(pos, len(buf) - 16)  # a token may straddle the chunk boundary
                pos = keep
                if not more():
                    break
                continue
            start = m.start()
            kind = m.group(1)
            if kind is None and m.group(0) == "<!--":
                end = buf.find("-->", start + 4)
                if end < 0:
                    pos = start
                    if more():
                        continue
                    break
                if "masscan" in buf[start:end]:
                    self.result.scanner = "masscan"
                pos = end + 3
                continue
            if kind is None:  # </nmaprun>
                if self.runs:
                    self.runs[-1].closed = True
                pos = m.end()
                continue
            if kind in ("prescript", "postscript"):  # run-level NSE scripts: only their ids are kept (see notes)
                end = buf.find(f"</{kind}>", start)
                if end < 0 and len(buf) - start <= MAX_RECORD:
                    pos = start
                    if more():
                        continue
                    break
                stop = end if end >= 0 else m.end()
                self.result.run_scripts += _SCRIPT_ID.findall(buf, start, stop)
                pos = stop + len(f"</{kind}>") if end >= 0 else m.end()
                continue
            if kind == "host":
                end = buf.find("</host>", start)
                nested = _NESTED.search(buf, m.end(), end if end >= 0 else len(buf))
                if nested is not None:
                    # the record never closed before the next one began: damaged, skip to the next
                    self._damaged(line_at(start), run_message("import.no_host_end"), buf[start:nested.start()])
                    pos = nested.start()
                    continue
                if end < 0:
                    if len(buf) - start > MAX_RECORD:
                        self._damaged(line_at(start), run_message("import.record_too_big", limit_bytes=MAX_RECORD),
                                      buf[start:start + 4096])
                        pos = m.end()
                        continue
                    pos = start
                    if more():
                        continue
                    self._cut_host(line_at(start), line_at(len(buf)) if buf else start, buf[start:])
                    pos = len(buf)
                    break
                end += len("</host>")
                self._host(buf[start:end], line_at(start))
                pos = end
                continue
            # a single start tag: <nmaprun>, <scaninfo>, <finished>, <hosts> (a ">" may sit inside a quoted value)
            tag = _TAG_REST.match(buf, m.end())
            end = tag.end() - 1 if tag is not None else -1
            if end < 0 and len(buf) - start > MAX_RECORD:
                end = buf.find(">", m.end())  # an unbalanced quote: take the first ">" and let the parser judge
            if end < 0:
                pos = start
                if more():
                    continue
                break
            line = line_at(start)
            try:
                attrs = _tag(buf[start:end + 1])
            except ET.ParseError as exc:
                self.result.notes.append(run_message("import.stray", line=line, detail=_xml_problem(exc)))
                pos = end + 1
                continue
            if kind == "nmaprun":
                self.runs.append(_Run(attrs))
            elif self.runs:
                run = self.runs[-1]
                if kind == "finished":
                    run.finished = attrs
                elif kind == "hosts":
                    run.total = _int(attrs.get("total"))
                elif kind == "scaninfo":
                    self.result.scan_type = self.result.scan_type or attrs.get("type", "")
                    protocol, services = attrs.get("protocol", ""), attrs.get("services", "")
                    if protocol and services:
                        known = self.result.services.get(protocol, "")
                        self.result.services[protocol] = merge_port_lists(known, services)
            pos = end + 1
        self.end_line = buf_line + buf.count("\n")
        return self._finish(decoder)

    # -- records ----------------------------------------------------------------------------------
    def _damaged(self, line: int, detail: dict, segment: str = "") -> None:
        """A record no parser accepts: skipped, named by its address when the text still shows it. ``detail``:
        why, as a run message (rendered in the reader's language inside this one)."""
        m = _ADDRESS.search(segment)
        if m is not None:
            self.result.reasons.append(run_message("import.damaged_host_at", line=line, detail=detail,
                                                   host=m.group(1)))
        else:
            self.result.reasons.append(run_message("import.damaged_host", line=line, detail=detail))

    def _cut_host(self, start: int, line: int, segment: str = "") -> None:
        """The file ends inside a record: its address is named and its complete ``<port>`` elements kept."""
        m = _ADDRESS.search(segment)
        if m is None:
            self.result.reasons.append(run_message("import.cut_host", line=line, start=start))
        else:
            self.result.reasons.append(run_message("import.cut_host_at", line=line, start=start, host=m.group(1)))
            last = segment.rfind("</port>")
            head = segment[:last + len("</port>")] + "</ports></host>" if last >= 0 else ""
            if last < 0:  # no complete port: the record up to its address
                stop = segment.find(">", m.end()) + 1
                head = segment[:stop] + "</host>" if stop > 0 else ""
            if head:
                self._host(head, start, cut=True)
        if self.runs:
            self.runs[-1].closed = True  # already reported: do not report the run as cut again
            # the reader's own mark, under a key no XML attribute can have (a file's <finished _cut="1"> must not
            # make a finished run look cut)
            self.runs[-1].finished = self.runs[-1].finished or {"(cut)": "1"}

    def _host(self, segment: str, line: int, cut: bool = False) -> None:
        try:
            refs: list[str] = []
            elem = ET.fromstring(_fix_refs(segment, refs))  # noqa: S314 (no DTD possible inside a <host> record)
            if refs:
                self.replaced += len(refs)
                if self.replaced_first is None:
                    first = segment.find(refs[0])
                    self.replaced_first = (line + segment.count("\n", 0, first), refs[0])
        except ET.ParseError as exc:
            at = line + exc.position[0] - 1
            if not cut:
                self._damaged(at, _xml_problem(exc), segment)
            return
        address = next((a.get("addr") for a in elem.findall("address")
                        if a.get("addrtype") in ("ipv4", "ipv6") and a.get("addr")), None)
        if address is None:
            self.result.reasons.append(run_message("import.host_no_address", line=line))
            return
        status = elem.find("status")
        state = status.get("state", "") if status is not None else ""
        names = elem.findall("hostnames/hostname")
        user_name = next((h.get("name", "") for h in names if h.get("type") == "user"), "")
        ptr = next((h.get("name", "") for h in names if h.get("type", "").upper() == "PTR"), "")
        host = HostResult(address=sys.intern(address), state=state, hostname=user_name, ptr=ptr, cut=cut,
                          timedout=elem.get("timedout") == "true", starttime=_int(elem.get("starttime")),
                          endtime=_int(elem.get("endtime")), line=line)
        if host.starttime is None and host.endtime is None and self.runs:  # old nmap: the run's start stands in
            host.starttime = _int(self.runs[-1].attrs.get("start"))
        host.scripts = tuple(x.get("id", "") for x in elem.iterfind("hostscript/script"))
        for port_elem in elem.iterfind("ports/port"):
            port = self._port(port_elem, line, address, segment)
            if port is not None and port.state.startswith("open"):
                host.ports.append(port)
        if not state:  # masscan writes no <status>: a record with an open port is an answering host
            host.state = "up" if host.ports else "unknown"
        if self.on_host is not None:
            self.on_host(host)
            host.ports = [PortResult(p.port, p.protocol, p.state) for p in host.ports]
        self._merge(host)

    def _port(self, elem: ET.Element, line: int, address: str = "", segment: str = "") -> PortResult | None:
        """One ``<port>`` of a record starting at ``line``; a problem is placed on the port's own line in
        ``segment`` (the record's text), looked up only then."""
        portid = _int(elem.get("portid"))
        if portid is None or not 0 <= portid <= 65535:
            self.result.reasons.append(run_message("import.bad_portid", line=line + _line_offset(segment, elem),
                                                   value=elem.get("portid", ""), host=address))
            return None
        state_elem = elem.find("state")
        if state_elem is None or not state_elem.get("state"):
            self.result.reasons.append(run_message("import.port_no_state", line=line + _line_offset(segment, elem),
                                                   port=portid, host=address))
            return None
        state = state_elem.get("state", "")
        if not state.startswith("open"):
            return PortResult(portid, elem.get("protocol", ""), state)
        service = elem.find("service")
        s = service.attrib if service is not None else {}
        result = PortResult(
            port=portid, protocol=sys.intern(elem.get("protocol", "")), state=sys.intern(state),
            # masscan --banners writes the greeting as service@banner: it stands in for nmap's product
            service=sys.intern(s.get("name", "")),
            product=sys.intern(s.get("product", "") or " ".join(s.get("banner", "").split())[:200]),
            version=sys.intern(s.get("version", "")), extrainfo=sys.intern(s.get("extrainfo", "")),
            tunnel=sys.intern(s.get("tunnel", "")), devicetype=sys.intern(s.get("devicetype", "")),
            cpe=tuple(c.text or "" for c in service.findall("cpe")) if service is not None else (),
        )
        for script in elem.findall("script"):
            sid = script.get("id", "")
            result.scripts[sid] = script.get("output", "")
            if len(script):
                result.tables[sid] = _script_data(script)
        not_after = elem.find("script[@id='ssl-cert']/table[@key='validity']/elem[@key='notAfter']")
        if not_after is not None and not_after.text:
            result.cert_not_after = not_after.text
        # nmap 5.x / early 6.x write these scripts as output text only: read the text form
        if "ssl-cert" in result.scripts and "ssl-cert" not in result.tables:
            table = cert_from_text(result.scripts["ssl-cert"])
            if table:
                result.tables["ssl-cert"] = table
                result.cert_not_after = result.cert_not_after or table.get("validity", {}).get("notAfter", "")
        if "ssl-enum-ciphers" in result.scripts and "ssl-enum-ciphers" not in result.tables:
            table = ciphers_from_text(result.scripts["ssl-enum-ciphers"])
            if table:
                result.tables["ssl-enum-ciphers"] = table
        return result

    def _merge(self, host: HostResult) -> None:
        old = self.by_address.get(host.address)
        if old is None:
            self.by_address[host.address] = host
            return
        if host.state == "up" or old.state not in ("up",):
            old.state = host.state if host.state != "unknown" else old.state
        old.hostname = old.hostname or host.hostname
        old.ptr = old.ptr or host.ptr
        old.cut = old.cut or host.cut
        old.timedout = old.timedout or host.timedout
        if host.starttime is not None:
            old.starttime = min(x for x in (old.starttime, host.starttime) if x is not None)
        if host.endtime is not None:
            old.endtime = max(x for x in (old.endtime, host.endtime) if x is not None)
        index = {(p.port, p.protocol): i for i, p in enumerate(old.ports)}
        for p in host.ports:
            i = index.get((p.port, p.protocol))
            if i is None:
                old.ports.append(p)
            elif p.service or p.scripts or not old.ports[i].service:
                # the richer record wins; scripts seen on either are kept
                merged = dict(old.ports[i].scripts, **p.scripts)
                tables = dict(old.ports[i].tables, **p.tables)
                old.ports[i] = p
                p.scripts, p.tables = merged, tables

    # -- the whole file ---------------------------------------------------------------------------
    def _finish(self, decoder: _Decoder | None) -> ScanResult:
        r = self.result
        enc = decoder.name if decoder else ""
        r.encoding = enc
        if not self.runs and not self.saw_text.strip(" \t\r\n\ufeff\x00"):
            raise NmapFailed(fmt(MSG["empty"]))
        if not self.runs:
            detail = fmt(MSG["no_nmaprun"])
            head = self.saw_text.lstrip()
            if head.startswith("# Nmap") and "Host:" in head:
                detail = fmt(MSG["grepable_output"])
            elif "Nmap scan report for" in head or head.startswith(("Starting Nmap", "# Nmap")):
                detail = fmt(MSG["normal_output"])
            encoding = fmt(MSG["read_as"], encoding=enc) if enc and enc != "UTF-8" else dict.fromkeys(LANGS, "")
            raise NmapFailed({lang: MSG["not_xml"][lang].format(encoding=encoding[lang], detail=detail[lang])
                              for lang in LANGS})
        if not self.by_address and all(x.closed and x.finished is None for x in self.runs):
            raise NmapFailed(fmt(MSG["no_scan"]))  # «<nmaprun></nmaprun>»: nothing was cut, there is nothing
        first = self.runs[0].attrs
        r.runs = len(self.runs)
        r.command_line = first.get("args", "")
        r.version = first.get("version", "")
        r.scanner = r.scanner or ("masscan" if any(x.attrs.get("scanner") == "masscan" for x in self.runs)
                                  else first.get("scanner", "nmap") or "nmap")
        starts = [s for s in (_int(x.attrs.get("start")) for x in self.runs) if s is not None]
        ends = [e for e in (_int((x.finished or {}).get("time")) for x in self.runs) if e is not None]
        r.started = min(starts) if starts else None
        r.ended = max(ends) if ends else None
        r.finished = all(x.finished is not None and "(cut)" not in x.finished for x in self.runs)
        for i, run in enumerate(self.runs, 1):
            fin = run.finished
            if fin is None:
                if len(self.runs) == 1 and run.closed:  # </nmaprun> came, <runstats> never did
                    r.reasons.append(run_message("import.no_runstats"))
                elif len(self.runs) == 1:
                    r.reasons.append(run_message("import.cut", line=self.end_line))
                else:
                    r.reasons.append(run_message("import.run_cut", run=i, runs=len(self.runs)))
            elif fin.get("exit") == "error":
                r.exit = "error"
                message = " ".join((fin.get("errormsg") or "?").split())
                r.errormsg = "; ".join(x for x in (r.errormsg, message) if x)
                r.reasons.append(run_message("import.nmap_error", message=message))
            elif r.exit != "error":
                r.exit = fin.get("exit", "")
        if r.runs > 1:
            r.notes.append(run_message("import.runs", runs=r.runs))
        if enc and enc != "UTF-8":
            r.notes.append(run_message("import.encoding", encoding=enc))
        if decoder is not None and decoder.bad:
            r.notes.append(run_message("import.bad_bytes", count=decoder.bad, encoding=enc or "UTF-8",
                                       line=self.bad_bytes_line or 1))
        if self.replaced:
            line, chars = self.replaced_first
            r.notes.append(run_message("import.replaced_chars", count=self.replaced, line=line, chars=chars))
        r.hosts = sorted(self.by_address.values(), key=lambda h: address_key(h.address))
        r.total = len(r.hosts) if r.scanner == "masscan" else _total(self.runs, len(r.hosts))
        return r


_TARGET_TOKEN = re.compile(r"^[0-9A-Fa-f.:,*/\[\]-]*[.:][0-9A-Fa-f.:,*/\[\]-]*$")


def _targets_of(args: str) -> tuple[str, ...]:
    """The address-like targets in an nmap command line (``10.0.0.0/24``, ``192.0.2.1-9``), in order."""
    tokens = args.split()
    out = []
    for i, tok in enumerate(tokens[1:], 1):
        if tok.startswith("-") or tokens[i - 1] in ("-p", "-oX", "-oN", "-oG", "-oA", "--exclude", "-iL"):
            continue
        if _TARGET_TOKEN.match(tok):
            out.append(tok)
    return tuple(out)


def _total(runs: list[_Run], distinct: int) -> int:
    """Addresses scanned, each counted once across ``--append-output`` runs.

    Runs over the same targets (same address-like arguments, or none visible) count once (the
    largest ``<hosts total>``); runs over different targets add up. Never fewer than the distinct
    addresses listed. An estimate only when runs with different targets overlap (nmap does not
    list the down hosts it skipped).
    """
    by_targets: dict[tuple, int] = {}
    for run in runs:
        if run.total is None:
            continue
        key = _targets_of(run.attrs.get("args", ""))
        by_targets[key] = max(by_targets.get(key, 0), run.total)
    return max(sum(by_targets.values()), distinct)


def _port_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.replace(";", ",").split(","):
        a, _, b = part.strip().partition("-")
        try:
            lo = int(a)
            hi = int(b) if b else lo
        except ValueError:
            continue
        ranges.append((min(lo, hi), max(lo, hi)))
    return ranges


def merge_port_lists(*lists: str) -> str:
    """nmap services lists (``1-1000,3389``) merged into one, sorted, adjacent ranges joined: ``22,3389``."""
    merged: list[list[int]] = []
    for lo, hi in sorted(r for text in lists for r in _port_ranges(text)):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return ",".join(f"{lo}-{hi}" if hi > lo else str(lo) for lo, hi in merged)


_CERT_NAME = re.compile(r"^\s*(Subject|Issuer):\s*(.+?)\s*$", re.M)
_CERT_DATE = re.compile(r"^\s*Not valid (before|after):\s*(\S+(?:[ T]\d\d:\d\d:\d\d)?)", re.M)


def _dn(text: str) -> dict[str, str]:
    """``commonName=a/organizationName=b`` (nmap's text form; ``/`` or ``,`` between parts) → dict."""
    out = {}
    for part in re.split(r"/(?=[A-Za-z]+=)|,\s*(?=[A-Za-z]+=)", text):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


def cert_from_text(output: str) -> dict:
    """ssl-cert's text output (nmap before 6.x) as the table newer nmap writes: subject, issuer,
    validity.notBefore/notAfter (ISO 8601). Empty when the text shows none of them."""
    table: dict = {}
    for kind, value in _CERT_NAME.findall(output):
        table[kind.lower()] = _dn(value)
    validity = {("notBefore" if which == "before" else "notAfter"): value.replace(" ", "T")
                for which, value in _CERT_DATE.findall(output)}
    if validity:
        table["validity"] = validity
    return table


_VERSION_LINE = re.compile(r"^\s{1,4}(SSLv2|SSLv3|TLSv1\.[0-3]):?\s*$")
_CIPHER_LINE = re.compile(r"^\s+((?:TLS|SSL)_[A-Z0-9_]+)(?:\s+\([^)]*\))?\s+-\s+(\S+)\s*$")


def ciphers_from_text(output: str) -> dict:
    """ssl-enum-ciphers' text output (old nmap: ``TLSv1.0`` then ``NAME - weak``/``NAME (rsa 2048) - C``)
    as the table newer nmap writes: ``{version: {"ciphers": [{"name", "strength"}]}}``."""
    table: dict = {}
    current = None
    for line in output.splitlines():
        if m := _VERSION_LINE.match(line):
            current = table.setdefault(m.group(1), {"ciphers": []})
        elif current is not None and (m := _CIPHER_LINE.match(line)):
            current["ciphers"].append({"name": m.group(1), "strength": m.group(2)})
    return table


_PORT_TAG = re.compile(r"<port\s[^>]*>")
_PORT_ATTR = re.compile(r"""\b(portid|protocol)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _line_offset(segment: str, elem: ET.Element) -> int:
    """Lines from the record's start to a port element: the first ``<port>`` tag in the text with the element's
    portid and protocol (53/udp is not 53/tcp), in either quotes; 0 if none is found (no portid, or written
    with character references)."""
    wanted = {"portid": elem.get("portid"), "protocol": elem.get("protocol", "")}
    if wanted["portid"] is None:
        return 0
    for tag in _PORT_TAG.finditer(segment):
        attrs = {"protocol": ""} | {m[1]: m[2] if m[2] is not None else m[3] for m in _PORT_ATTR.finditer(tag[0])}
        if attrs == wanted:
            return segment.count("\n", 0, tag.start())
    return 0


def parse_nmap_xml(text: str, source: str = "nmap") -> ScanResult:
    """Every host record in ``text`` (already decoded); problems as ``reasons``/``notes``, never an exception
    except NmapFailed when there is no ``<nmaprun>`` at all."""
    return _Reader(source).read(_chunks_of_text(text))


def read_nmap_xml(fh, source: str = "nmap", on_host: Callable[[HostResult], None] | None = None) -> ScanResult:
    """Stream a binary file object: encoding from its BOM or declaration (UTF-8, UTF-16, UTF-32…).

    With ``on_host``, each host record is handed over whole as it is read (before merging) and the
    result keeps only port numbers and states: memory then follows the number of hosts, not their detail.
    """
    head = fh.read(CHUNK)
    decoder = _Decoder(head)

    def chunks() -> Iterator[str]:
        data = head
        while data:
            yield decoder.decode(data)
            data = fh.read(CHUNK)
        tail = decoder.decode(b"", final=True)
        if tail:
            yield tail

    return _Reader(source, on_host).read(chunks(), decoder)
