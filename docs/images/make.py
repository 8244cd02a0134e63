"""Regenerate every image the guides and the README show, from the real program, on the demo.

    .venv/bin/python docs/images/make.py

(a) Drives the Textual app headless (``App.run_test``, 100×32) on the demo assessment, installed in a
    throw-away workspace, and saves SVG screenshots, in English and Spanish, of: home, the walk (a
    question with its guidance), the N/A justification dialog, the help screen, the probe screen and
    the report screen → ``docs/images/app-<screen>.<lang>.svg``.
(b) Writes the demo's PDF report in each language and converts three pages with ``pdftoppm`` — the
    scorecard (page 2), the first page of the remediation plan (page 3) and the first page of the
    LFPDPPP obligations (found by its heading) → ``docs/images/report-scorecard.<lang>.png``,
    ``docs/images/report-plan.<lang>.png`` and ``docs/images/report-lfpdppp.<lang>.png``.

Nothing outside ``docs/images/`` and a temporary folder is written. Needs poppler-utils (pdftoppm).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SIZE = (100, 32)
LANGS = ("en", "es")
DEMO = "centro-de-contacto-demo"
# the question the walk and N/A shots show: a critical one with guidance and evidence to request
QUESTION = "FLR-05"
# a page number, or the heading (per language) of the chapter whose first page is shown
PAGES = {"report-scorecard": 2, "report-plan": 3,
         "report-lfpdppp": {"es": "LFPDPPP 2025: obligaciones", "en": "LFPDPPP 2025: obligations"}}
# the workspace the home screen names: fixed, so the images do not change from run to run
WORKSPACE = Path(tempfile.gettempdir()) / "posture-demo"
# what the probe screenshot finds: services on loopback ports that greet like an SSH server and an
# Asterisk manager interface (a real probe of 127.0.0.1, through the app, as an assessor would run it)
# (fixed ports, so the image is the same from run to run; any free port if one is taken)
GREETINGS = {"ssh": (10022, b"SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n"),
             "ami": (15038, b"Asterisk Call Manager/5.0.2\r\n")}


def install_demo(workspace: Path) -> Path:
    """The demo, installed by the real command into ``workspace``; returns its assessment.yaml."""
    subprocess.run([sys.executable, "-m", "posture", "demo", "--no-app", "--workspace", str(workspace)],
                   check=True, capture_output=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    return workspace / DEMO / "assessment.yaml"


@contextlib.contextmanager
def listeners():
    """One TCP listener per GREETINGS entry on 127.0.0.1; yields {port: role}."""
    servers, stop = [], threading.Event()

    def serve(server: socket.socket, greeting: bytes) -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn, contextlib.suppress(OSError):
                conn.sendall(greeting)

    roles = {}
    for role, (port, greeting) in GREETINGS.items():
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind(("127.0.0.1", port))
        except OSError:
            server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.2)
        threading.Thread(target=serve, args=(server, greeting), daemon=True).start()
        servers.append(server)
        roles[server.getsockname()[1]] = role
    try:
        yield roles
    finally:
        stop.set()
        for server in servers:
            server.close()


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def app_shots(lang: str, assessment: Path, out: Path, ports: dict[int, str]) -> list[Path]:
    from textual.widgets import Checkbox, Input

    from posture.assessment import Workspace
    from posture.probes import PortProfile
    from posture.tui.app import PostureApp

    written: list[Path] = []

    def shot(app, name: str) -> None:
        path = out / f"app-{name}.{lang}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        written.append(path)

    home = PostureApp(lang=lang, workspace=Workspace())
    async with home.run_test(size=SIZE) as pilot:
        await settle(home, pilot)
        shot(home, "home")
        await pilot.press("question_mark")
        await pilot.pause()
        shot(home, "help")

    walk = PostureApp(lang=lang, path=assessment, workspace=Workspace(),
                      probe_options={"profile": PortProfile(tcp=ports, udp={}), "privileged": False})
    async with walk.run_test(size=SIZE) as pilot:
        await settle(walk, pilot)
        await pilot.press("ctrl+p", *QUESTION)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(walk, pilot)
        shot(walk, "walk")
        await pilot.press("a")
        await pilot.pause()
        reason = "La campaña no atiende pagos" if lang == "es" else "The campaign takes no payments"
        await pilot.press(*[("space" if c == " " else c) for c in reason])
        await pilot.pause()
        shot(walk, "na")
        await pilot.press("escape")  # nothing is changed
        await pilot.pause()
        await pilot.press("s")
        await settle(walk, pilot)
        screen = walk.screen
        screen.query_one("#targets", Input).value = "127.0.0.1"
        screen.query_one("#authorized", Input).value = "OT-2026-031"
        screen.query_one("#confirm", Checkbox).value = True
        await pilot.press("ctrl+r")
        await settle(walk, pilot)
        shot(walk, "probes")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await settle(walk, pilot)
        shot(walk, "report")
    return written


def pdf_pages(lang: str, assessment: Path, tmp: Path, out: Path) -> list[Path]:
    pdf = tmp / f"demo-{lang}.pdf"
    subprocess.run([sys.executable, "-m", "posture", "report", str(assessment), "-o", str(pdf), "--lang", lang],
                   check=True, capture_output=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    written = []
    for name, page in PAGES.items():
        if isinstance(page, dict):
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout.split("\f")
            page = next(n for n, p in enumerate(text, 1) if page[lang] in p and n > 3)  # not the contents
        target = out / f"{name}.{lang}"
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile",
                        str(pdf), str(target)], check=True)
        written.append(target.with_suffix(f".{lang}.png"))
    return written


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils (bash setup.sh does)", file=sys.stderr)
        return 1
    written = []
    with tempfile.TemporaryDirectory(prefix="posture-images-") as tmp_name, listeners() as ports:
        tmp = Path(tmp_name)
        os.environ["POSTURE_WORKSPACE"] = str(WORKSPACE)
        os.environ.setdefault("POSTURE_CACHE_DIR", str(tmp / "cache"))
        try:
            for lang in LANGS:  # a fresh demo for each language: the probe shot attaches its findings
                shutil.rmtree(WORKSPACE, ignore_errors=True)
                assessment = install_demo(WORKSPACE)
                written += pdf_pages(lang, assessment, tmp, HERE)
                written += asyncio.run(app_shots(lang, assessment, HERE, ports))
        finally:
            shutil.rmtree(WORKSPACE, ignore_errors=True)
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
