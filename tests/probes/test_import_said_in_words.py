"""Why a record of a scan file could not be read is said in the reader's language: expat's English
("mismatched tag", "not well-formed (invalid token)") and "record larger than 16777216 bytes" were shown as
they came inside Spanish findings and reports. Stored as run messages, rendered when read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from posture.findings import message, run_message
from posture.probes import _nmap_xml
from posture.probes._nmap_xml import _xml_problem, parse_nmap_xml

HEAD = '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap 192.0.2.0/24" start="1700000000" version="7.94">\n'
TAIL = '<runstats><finished time="1700000100" exit="success"/></runstats>\n</nmaprun>\n'
ADDRESS = '<status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/>'


def _rendered(result, lang: str) -> list[str]:
    return [message(r, lang) for r in result.reasons] + [message(n, lang) for n in result.notes]


@pytest.mark.parametrize(("record", "es", "en"), [
    (f"<host>{ADDRESS}<ports><port protocol='tcp' portid='22'></ports></host>",
     "una etiqueta de cierre (</…>) no coincide con la etiqueta abierta",
     "a closing tag (</…>) does not match the open tag"),
    (f"<host>{ADDRESS}<ports a='1' a='2'/></host>",
     "un atributo repetido en una misma etiqueta", "an attribute given twice in one tag"),
    (f"<host>{ADDRESS}<x:ports/></host>",
     "un prefijo de espacio de nombres no declarado", "a namespace prefix that is not declared"),
    (f"<host>{ADDRESS}<hostnames>&copy;</hostnames></host>",
     "una entidad (&nombre;) no definida", "an entity (&name;) that is not defined"),
    (f"<host>{ADDRESS}<ports <port/></ports></host>",
     "un carácter o signo que XML no admite", "a character or mark that XML does not allow"),
])
def test_a_damaged_record_says_why_in_the_reader_s_language(record, es, en):
    result = parse_nmap_xml(HEAD + record + "\n" + TAIL)
    [said_es] = _rendered(result, "es")
    [said_en] = _rendered(result, "en")
    assert said_es == f"línea 3: registro dañado del equipo 192.0.2.9, omitido ({es})"
    assert said_en == f"line 3: damaged record of host 192.0.2.9 skipped ({en})"


def test_a_record_cut_by_the_next_and_one_past_the_cap_say_so_in_words_and_sizes(monkeypatch):
    cut = parse_nmap_xml(HEAD + f"<host>{ADDRESS}\n<host>{ADDRESS}</host>\n" + TAIL)
    assert _rendered(cut, "es") == ["línea 3: registro dañado del equipo 192.0.2.9, omitido (sin </host> antes del "
                                    "registro siguiente)"]
    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 2_500_000)
    big = parse_nmap_xml(HEAD + f"<host>{ADDRESS}<ports>" + " " * 2_600_000)  # never closed
    assert _rendered(big, "es")[0] == ("línea 3: registro dañado del equipo 192.0.2.9, omitido (registro de más de "
                                       "2.4 MB)")
    assert _rendered(big, "en")[0] == "line 3: damaged record of host 192.0.2.9 skipped (record larger than 2.4 MB)"


def test_a_stray_tag_outside_the_records_is_said_in_words_too():
    result = parse_nmap_xml(HEAD + '<scaninfo type="syn" type="connect" protocol="tcp" services="22"/>\n'
                            + f"<host>{ADDRESS}</host>\n" + TAIL)
    assert _rendered(result, "es") == ["línea 3: texto dañado fuera de un registro de equipo, ignorado (un atributo "
                                       "repetido en una misma etiqueta)"]


@pytest.mark.parametrize(("text", "msg_id"), [
    ("<a></b>", "import.xml.tag_mismatch"), ("<a>\x01</a>", "import.xml.invalid_token"),
    ("<a", "import.xml.unclosed_token"), ("", "import.xml.no_elements"), ("<a/><b/>", "import.xml.junk_after"),
    ("<a>&foo;</a>", "import.xml.undefined_entity"), ('<a x="1" x="2"/>', "import.xml.duplicate_attribute"),
    ("<a>&#1;</a>", "import.xml.bad_char_ref"), ("<x:a/>", "import.xml.unbound_prefix"),
])
def test_each_expat_error_an_nmap_record_can_show_has_posture_s_words(text, msg_id):
    with pytest.raises(ET.ParseError) as err:
        ET.fromstring(text)
    assert _xml_problem(err.value) == run_message(msg_id)
    assert message(_xml_problem(err.value), "es") != message(_xml_problem(err.value), "en")  # translated


def test_any_other_expat_error_is_quoted_as_expat_s_and_said_so():
    with pytest.raises(ET.ParseError) as err:
        ET.fromstring('<a><?xml version="1.0"?></a>')
    said = _xml_problem(err.value)
    assert said["id"] == "import.xml.other" and said["params"]["original"] == str(err.value).split(":")[0]
    assert message(said, "es") == f"XML que no se puede leer (mensaje de expat: «{said['params']['original']}»)"


def test_a_run_stored_before_keeps_its_english_detail_as_it_was():
    """Runs saved by earlier versions hold the detail as text: shown as stored, never an error."""
    old = run_message("import.damaged_host", line=3, detail="mismatched tag")
    assert message(old, "es") == "línea 3: registro de equipo dañado, omitido (mismatched tag)"


def test_a_reason_with_a_size_is_not_repeated_as_english_recorded_text(tmp_path, monkeypatch):
    """The English kept for older readers writes the size as people do; the list of reasons compared it with a
    rendering that left the size in bytes, took it for an older posture's unknown text and showed it again
    "as recorded in English" inside the Spanish output (newcomer)."""
    from posture.probes import _import

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 3 << 20)
    path = tmp_path / "huge.xml"
    path.write_text(HEAD + f"<host>{ADDRESS}<ports>" + " " * (4 << 20), encoding="utf-8")
    run = _import.import_nmap(path, authorized_by="OT-1")
    said = run.incomplete_messages("es")
    assert "línea 3: registro dañado del equipo 192.0.2.9, omitido (registro de más de 3 MB)" in said
    assert not any("inglés" in line for line in said), said
    english = run.incomplete_messages("en")
    assert english[0] == "line 3: damaged record of host 192.0.2.9 skipped (record larger than 3 MB)"


def test_a_record_past_the_cap_is_placed_at_its_first_line_whatever_it_holds(monkeypatch):
    """Rule: the damaged record is named at the line where it starts, not where the text read so far ends (a record
    of many lines: the reader's buffer ends many lines below its start)."""
    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 3000)
    result = parse_nmap_xml(HEAD + f"<host>{ADDRESS}<ports>" + "<!-- -->\n" * 1000)  # never closed
    assert result.reasons[0]["params"]["line"] == 3
    assert message(result.reasons[0], "en") == ("line 3: damaged record of host 192.0.2.9 skipped (record larger "
                                                "than 2.9 kB)")
