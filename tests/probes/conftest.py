"""Real listeners on 127.0.0.1 for the probe tests, each on a random high port, in threads.

They imitate just enough of each service for the probes to recognise it: an Apache-like HTTP
server, a FortiGate-like TLS portal that still accepts TLS 1.0, an expired-certificate server,
SIP on UDP and TCP, Redis PING and MongoDB responders, AMI/ESL/FTP/Telnet greetings, IKE, OpenVPN and SNMP.
"""

from __future__ import annotations

import datetime as dt
import socket
import socketserver
import ssl
import struct
import threading
import warnings
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

HOST = "127.0.0.1"


def make_cert(tmp_path, name: str, days_left: float, common_name: str = "portal.example.test"):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=400))
            .not_valid_after(now + dt.timedelta(days=days_left))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Quiet(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, dict, str]] = {}
    server_version = "Apache/2.4.41"
    sys_version = ""

    def do_GET(self):
        status, headers, body = self.pages.get(self.path.split("?")[0], (404, {}, "not found"))
        data = body.encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def _http_server(pages, server_header="Apache/2.4.41", tls: ssl.SSLContext | None = None):
    handler = type("Handler", (_Quiet,), {"pages": pages, "server_version": server_header})
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        # Handshake in the handler thread, so a bad client never blocks the accept loop.
        orig = handler.setup

        def setup(self, _orig=orig):
            try:
                self.request.do_handshake()
            except (ssl.SSLError, OSError):
                self.request.close()
                raise
            _orig(self)
        handler.setup = setup
        handler.handle_error = lambda *a: None
        server.handle_error = lambda *a: None
    return server


FORTIGATE_ROOT = '<html><script language="javascript">top.location="/remote/login";</script></html>'
FORTIGATE_LOGIN = ('<html><head><title>Fortinet Login</title></head><body><form action="/remote/logincheck">'
                   '<input name="username"><input type="password" name="credential"></form></body></html>')
ES_BODY = '{"name":"n1","cluster_name":"clientes","version":{"number":"7.10.2"},"tagline":"You Know, for Search"}'


class _Greeter(socketserver.BaseRequestHandler):
    reply: bytes = b""
    answers: dict[bytes, bytes] = {}

    def handle(self):
        if self.reply:
            self.request.sendall(self.reply)
        self.request.settimeout(2)
        try:
            data = self.request.recv(4096)
        except OSError:
            return
        for prefix, answer in self.answers.items():
            if data.startswith(prefix):
                self.request.sendall(answer)


def _tcp(reply: bytes = b"", answers: dict | None = None):
    handler = type("H", (_Greeter,), {"reply": reply, "answers": answers or {}})
    server = socketserver.ThreadingTCPServer((HOST, 0), handler)
    server.daemon_threads = True
    return server


def sip_answer(request: bytes) -> bytes:
    lines = request.decode().split("\r\n")
    keep = [ln for ln in lines if ln.split(":")[0] in ("Via", "From", "To", "Call-ID", "CSeq")]
    return ("SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nServer: Asterisk PBX 18.10.0\r\n"
            "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\nContent-Length: 0\r\n\r\n").encode()


class _Udp(socketserver.BaseRequestHandler):
    respond = staticmethod(lambda data: b"")

    def handle(self):
        data, sock = self.request
        answer = self.respond(data)
        if answer:
            sock.sendto(answer, self.client_address)


def ike_answer(data: bytes) -> bytes:
    body = data[4:] if data[:4] == b"\x00" * 4 else data
    notify = struct.pack("!BBHIBBH", 0, 0, 12, 1, 1, 0, 14)  # NO-PROPOSAL-CHOSEN
    header = body[:8] + b"\x11" * 8 + struct.pack("!BBBBII", 11, 0x10, 5, 0, 0, 28 + len(notify))
    return header + notify


def mongo_answer() -> bytes:
    """OP_MSG reply {ok: 1}: what an unauthenticated mongod says to listDatabases."""
    body = b"\x10ok\x00" + struct.pack("<i", 1)
    doc = struct.pack("<i", len(body) + 5) + body + b"\x00"
    payload = b"\x00\x00\x00\x00" + b"\x00" + doc
    return struct.pack("<iiii", 16 + len(payload), 1, 0, 2013) + payload


def _udp(respond, port: int = 0):
    handler = type("U", (_Udp,), {"respond": staticmethod(respond)})
    server = socketserver.ThreadingUDPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


@dataclass
class Lab:
    ports: dict[str, int] = field(default_factory=dict)
    servers: list = field(default_factory=list)

    def start(self, name: str, server) -> None:
        server.handle_error = lambda *a: None  # nmap's connect scan resets connections; that is expected
        self.servers.append(server)
        self.ports[name] = server.server_address[1]
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


def _free_port_both() -> int:
    """A port free on both TCP and UDP, for SIP."""
    for _ in range(50):
        t = socket.socket()
        t.bind((HOST, 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind((HOST, port))
        except OSError:
            t.close()
            continue
        t.close()
        u.close()
        return port
    raise RuntimeError("no port free on both TCP and UDP")


def build_lab(tmp_path) -> Lab:
    lab = Lab()
    lab.start("http", _http_server({"/": (200, {}, "<html><title>Intranet</title></html>")}))
    cert, key = make_cert(tmp_path, "portal", days_left=10)
    legacy = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():  # the point of this server is to accept TLS 1.0
        warnings.simplefilter("ignore", DeprecationWarning)
        legacy.minimum_version = ssl.TLSVersion.TLSv1
    legacy.set_ciphers("DEFAULT:@SECLEVEL=0")
    legacy.load_cert_chain(cert, key)
    lab.start("fortigate", _http_server({"/": (200, {}, FORTIGATE_ROOT), "/remote/login": (200, {}, FORTIGATE_LOGIN)},
                                        server_header="xxxxxxxx-xxxxx", tls=legacy))
    cert2, key2 = make_cert(tmp_path, "expired", days_left=-5, common_name="old.example.test")
    modern = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    modern.load_cert_chain(cert2, key2)
    hsts = {"Strict-Transport-Security": "max-age=63072000", "Content-Security-Policy": "default-src 'self'",
            "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    lab.start("expired", _http_server({"/": (200, hsts, "ok")}, server_header="nginx", tls=modern))
    lab.start("es", _http_server({"/": (200, {"Content-Type": "application/json"}, ES_BODY)}, server_header="es"))
    lab.start("redis", _tcp(answers={b"*1\r\n$4\r\nPING": b"+PONG\r\n"}))
    lab.start("mongodb", _tcp(answers={b"": mongo_answer()}))  # answers any request
    lab.start("ami", _tcp(b"Asterisk Call Manager/5.0.2\r\n"))
    lab.start("esl", _tcp(b"Content-Type: auth/request\n\n"))
    lab.start("ftp", _tcp(b"220 (vsFTPd 3.0.3)\r\n"))
    lab.start("telnet", _tcp(b"\xff\xfd\x18\xff\xfd\x20Ubuntu 22.04 LTS\r\nlogin: "))
    sip_port = _free_port_both()
    lab.start("sip", _udp(sip_answer, sip_port))
    sip_tcp = socketserver.ThreadingTCPServer((HOST, sip_port), type("S", (_Greeter,), {"answers": {}}))
    sip_tcp.RequestHandlerClass.handle = lambda self: self.request.sendall(sip_answer(self.request.recv(4096)))
    lab.start("sip-tcp", sip_tcp)
    lab.start("ike", _udp(ike_answer))
    lab.start("openvpn", _udp(lambda d: bytes([8 << 3]) + b"\x22" * 8 + b"\x00" * 5 if d[:1] == b"\x38" else b""))
    lab.start("snmp", _udp(lambda d: d if d[:1] == b"\x30" else b""))
    return lab


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    lab = build_lab(tmp_path_factory.mktemp("lab"))
    yield lab
    lab.stop()


def lab_profile(lab: Lab):
    from posture.probes import PortProfile

    p = lab.ports
    tcp = {p["http"]: "http", p["fortigate"]: "https", p["expired"]: "https", p["es"]: "elasticsearch",
           p["redis"]: "redis", p["mongodb"]: "mongodb", p["ami"]: "", p["esl"]: "", p["ftp"]: "", p["telnet"]: "",
           p["sip-tcp"]: "sip"}
    udp = {p["sip"]: "sip", p["ike"]: "ike", p["openvpn"]: "openvpn", p["snmp"]: "snmp"}
    return PortProfile(tcp=tcp, udp=udp)


@pytest.fixture(scope="module")
def profile(lab):
    return lab_profile(lab)
