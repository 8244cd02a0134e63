"""Reading nmap XML: python-nmap's dictionary for ports and services, ElementTree for what it drops.

python-nmap discards ``service@tunnel`` (so "ssl/http" reads as "http"), ``host@timedout`` (a
timed-out host reads as up and clean) and ``runstats/finished@exit``/``errormsg``, and it raises on
a document cut short (nmap killed). We pull-parse the raw text, keep every host element that was
complete, and hand python-nmap a well-formed document rebuilt from them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import nmap

from posture.i18n import both, fmt
from posture.probes._errors import NmapFailed

MSG = {
    "not_xml": both("{source}: no es una salida XML de nmap (-oX): {detail}",
                    "{source}: is not nmap XML output (-oX): {detail}"),
}


@dataclass
class PortResult:
    port: int
    protocol: str
    state: str
    service: str = ""
    product: str = ""
    version: str = ""
    extrainfo: str = ""
    tunnel: str = ""
    scripts: dict[str, str] = field(default_factory=dict)
    cert_not_after: str = ""  # ssl-cert validity/notAfter, when nmap ran that script

    @property
    def open(self) -> bool:
        return self.state == "open"

    @property
    def banner(self) -> str:
        return " ".join(x for x in (self.product, self.version, self.extrainfo) if x)


@dataclass
class HostResult:
    address: str
    state: str
    hostname: str = ""  # the name the operator gave, when the target was a name
    timedout: bool = False
    ports: list[PortResult] = field(default_factory=list)

    def open_ports(self) -> list[PortResult]:
        return [p for p in self.ports if p.open]


@dataclass
class ScanResult:
    hosts: list[HostResult] = field(default_factory=list)
    finished: bool = False  # runstats present: nmap ended on its own
    exit: str = ""
    errormsg: str = ""
    scan_type: str = ""
    command_line: str = ""
    version: str = ""


def _events_until_error(parser: ET.XMLPullParser):
    """The events before a syntax error (a cut or damaged file); the error itself ends the stream."""
    events = parser.read_events()
    while True:
        try:
            yield next(events)
        except (StopIteration, ET.ParseError):
            return


def _collect(text: str, source: str) -> tuple[ET.Element | None, list[ET.Element], ET.Element | None, list]:
    parser = ET.XMLPullParser(events=("start", "end"))
    root = None
    hosts: list[ET.Element] = []
    finished = None
    scaninfo: list[ET.Element] = []
    depth = 0
    try:
        parser.feed(text)
        parser.close()
    except ET.ParseError as exc:
        if root is None and not text.lstrip().startswith("<?xml") and "<nmaprun" not in text:
            raise NmapFailed(fmt(MSG["not_xml"], source=source, detail=str(exc))) from None
    for event, elem in _events_until_error(parser):
        if event == "start":
            depth += 1
            if depth == 1:
                root = elem
            continue
        depth -= 1
        if depth == 1 and elem.tag == "host":
            hosts.append(elem)
        elif elem.tag == "finished":
            finished = elem
        elif depth == 1 and elem.tag == "scaninfo":
            scaninfo.append(elem)
    if root is None or root.tag != "nmaprun":
        raise NmapFailed(fmt(MSG["not_xml"], source=source, detail="<nmaprun> not found"))
    return root, hosts, finished, scaninfo


def parse_nmap_xml(text: str, source: str = "nmap") -> ScanResult:
    """Every complete host in ``text``; a truncated document yields ``finished=False``."""
    root, host_elems, finished, scaninfo = _collect(text, source)
    result = ScanResult(finished=finished is not None, command_line=root.get("args", ""),
                        version=root.get("version", ""))
    if finished is not None:
        result.exit = finished.get("exit", "")
        result.errormsg = finished.get("errormsg", "")
    if scaninfo:
        result.scan_type = scaninfo[0].get("type", "")
    port_dicts = _python_nmap_view(root, host_elems, scaninfo)
    for elem in host_elems:
        host = _host(elem, port_dicts)
        if host is not None:
            result.hosts.append(host)
    return result


def _python_nmap_view(root: ET.Element, hosts: list[ET.Element], scaninfo: list[ET.Element]) -> dict:
    """python-nmap's per-host dictionary, from a rebuilt complete document."""
    doc = ET.Element("nmaprun", dict(root.attrib))
    doc.extend(scaninfo)
    doc.extend(hosts)
    runstats = ET.SubElement(doc, "runstats")
    ET.SubElement(runstats, "finished", {"timestr": "", "elapsed": "0", "exit": "success"})
    ET.SubElement(runstats, "hosts", {"up": "0", "down": "0", "total": str(len(hosts))})
    # The constructor would run `nmap -V`; parsing needs no binary, so skip it.
    scanner = nmap.PortScanner.__new__(nmap.PortScanner)
    scanner._scan_result = {}
    scanner._nmap_last_output = ""
    return scanner.analyse_nmap_xml_scan(ET.tostring(doc, encoding="unicode")).get("scan", {})


def _host(elem: ET.Element, port_dicts: dict) -> HostResult | None:
    address = next((a.get("addr") for a in elem.findall("address") if a.get("addrtype") in ("ipv4", "ipv6")), None)
    if address is None:
        return None
    status = elem.find("status")
    user_name = next((h.get("name", "") for h in elem.findall("hostnames/hostname") if h.get("type") == "user"), "")
    host = HostResult(address=address, state=status.get("state", "") if status is not None else "unknown",
                      hostname=user_name, timedout=elem.get("timedout") == "true")
    view = port_dicts.get(address, {})
    for port_elem in elem.findall("ports/port"):
        protocol = port_elem.get("protocol", "")
        portid = int(port_elem.get("portid", "0"))
        info = view.get(protocol, {}).get(portid, {})
        service = port_elem.find("service")
        result = PortResult(
            port=portid, protocol=protocol, state=info.get("state", ""), service=info.get("name", ""),
            product=info.get("product", ""), version=info.get("version", ""), extrainfo=info.get("extrainfo", ""),
            tunnel=service.get("tunnel", "") if service is not None else "",
            scripts=dict(info.get("script", {})),
        )
        not_after = port_elem.find("script[@id='ssl-cert']/table[@key='validity']/elem[@key='notAfter']")
        if not_after is not None and not_after.text:
            result.cert_not_after = not_after.text
        host.ports.append(result)
    return host
