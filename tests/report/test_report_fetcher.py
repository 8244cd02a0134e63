"""The URL fetcher denies by default: hostile HTML loads nothing, attaches nothing, requests nothing."""

from __future__ import annotations

import http.server
import threading

import pytest
from pdftext import embedded_files, flat, pdf_text

from posture.report._fetcher import SCHEME, AssetFetcher, assets
from posture.report._pdf import RenderStats, html_to_pdf


@pytest.fixture
def listener():
    """A real HTTP server on loopback that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def test_fetcher_serves_only_package_assets():
    fetcher = AssetFetcher()
    name = next(iter(assets()))
    assert fetcher.fetch(SCHEME + name).read() == assets()[name][0]
    for url in ("file:///etc/passwd", "http://127.0.0.1:1/", "data:text/plain,hi", SCHEME + "../../etc/passwd",
                SCHEME + "missing.css", "https://example.com/x.png", "ftp://127.0.0.1/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


def test_raw_hostile_html_loads_nothing(listener, tmp_path):
    """Even unescaped markup (the templates escape it; this is defence in depth) cannot reach out."""
    port, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN-4711")
    html = f"""<html><head>
      <link rel="attachment" href="file://{secret}">
      <link rel="stylesheet" href="http://127.0.0.1:{port}/sheet.css">
      <style>@import url(http://127.0.0.1:{port}/import.css);
             body {{ background: url(http://127.0.0.1:{port}/bg.png) }}</style></head>
      <body><p>visible body</p><img src="file://{secret}"><img src="http://127.0.0.1:{port}/img.png">
      <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      <object data="file://{secret}"></object><iframe src="file:///etc/hostname"></iframe></body></html>"""
    css = f"p {{ background: url(http://127.0.0.1:{port}/css.png) }}"
    stats = RenderStats()
    pdf = html_to_pdf(html, css, stats)
    assert hits == []
    assert embedded_files(pdf) == []
    assert b"TOP-SECRET-TOKEN-4711" not in pdf
    assert "TOP-SECRET" not in pdf_text(pdf)
    assert "visible body" in flat(pdf_text(pdf))
    refused = " ".join(stats.refused)
    assert str(secret) in refused and f"127.0.0.1:{port}/img.png" in refused and f":{port}/css.png" in refused
