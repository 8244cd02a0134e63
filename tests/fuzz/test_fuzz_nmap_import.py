"""The nmap/masscan import under mutated real scan files: a ProbeRun or one clean NmapFailed, never an
internal error (a mutation fuzz of real scans found 3.3 % of inputs ending in a traceback before).

Seeds are the field cases and the saved real runs in tests/data/nmap; bounded example counts keep CI's time.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate_lines

from posture.findings import ProbeRun
from posture.probes import NmapFailed, import_nmap
from posture.probes._nmap_xml import parse_nmap_xml

NMAP = Path(__file__).parent.parent / "data" / "nmap"
SEEDS = sorted([*NMAP.glob("*.xml"), *(NMAP / "field").glob("*.xml")])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

XML_TOKENS = st.sampled_from([
    "<host>", "</host>", "<port protocol=\"tcp\" portid=\"x\">", "<port portid=\"99999\"/>", "<state/>",
    "<address addr=\"\" addrtype=\"ipv4\"/>", "<address addr=\"2001:db8::9\" addrtype=\"ipv6\"/>", "</ports>",
    "<runstats>", "<finished exit=\"error\" errormsg=\"x\"/>", "<nmaprun>", "</nmaprun>", "<!--", "-->",
    "&#1;", "&bogus;", "\x01", "\x00", "é", "<script id=\"ssl-enum-ciphers\"><table key=\"TLSv1.0\"/></script>",
    "<script id=\"ssl-cert\"><table key=\"validity\"><elem key=\"notAfter\">not a date</elem></table></script>",
    "<service name=\"http\" tunnel=\"ssl\" product=\"Asterisk\"/>", "<host timedout=\"true\">", "<", ">", "\"",
    "<status state=\"down\"/>", "<hosts total=\"x\"/>", "<nmaprun scanner=\"masscan\" start=\"notanumber\">",
])


def _import(tmp_path: Path, raw: bytes) -> ProbeRun | None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(raw)
    try:
        run = import_nmap(path)
    except NmapFailed as exc:
        (line,) = exc.lines("en")
        assert line.startswith(str(path)) or "fuzz.xml" in line
        assert exc.message["es"] and exc.message["en"]
        return None
    assert run.complete == (not run.incomplete)
    for text in run.incomplete_messages("es") + run.note_messages("es"):
        assert text  # every stored message renders
    return run


@FUZZ
@given(st.data(), st.sampled_from(SEEDS))
def test_mutated_scan_files(tmp_path_factory, data, seed):
    raw = seed.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = raw.decode("utf-16").encode("utf-8")
    mutated = mutate_lines(data, raw.split(b"\n"), XML_TOKENS)
    _import(tmp_path_factory.mktemp("fuzz"), mutated)


@FUZZ
@given(st.lists(XML_TOKENS, max_size=60).map("".join))
def test_xml_shaped_text(text):
    with contextlib.suppress(NmapFailed):
        parse_nmap_xml("<nmaprun>" + text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(tmp_path_factory, raw):
    _import(tmp_path_factory.mktemp("fuzz"), raw)
