"""The Textual assessor app: ``posture`` with no arguments, or ``posture open FILE``."""

from __future__ import annotations

from pathlib import Path


def launch(lang: str | None = None, path: str | Path | None = None, passphrase: str | None = None) -> int:
    """Open the app (on ``path`` if given) and return the exit code; heavy imports wait until here."""
    from posture.tui.app import PostureApp

    app = PostureApp(lang=lang, path=path, passphrase=passphrase)
    app.run()
    return int(app.return_code or 0)
