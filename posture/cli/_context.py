"""What every subcommand gets: the chosen language and a way to print bilingual text."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from posture.i18n import Localized, tr


@dataclass
class Context:
    lang: str

    def t(self, text: Localized | str) -> str:
        return tr(text, self.lang)

    def out(self, text: Localized | str = "") -> None:
        print(self.t(text))

    def err(self, text: Localized | str) -> None:
        print(self.t(text), file=sys.stderr)

    def json(self, data) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
