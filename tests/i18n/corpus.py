"""Every person-facing text of posture in one language, gathered from where it lives.

- the gettext catalog ``posture/locale/<lang>/LC_MESSAGES/posture.po`` when it exists (its msgstr for es,
  its msgid for en), read with ``babel.messages.pofile``;
- the ``both(es, en)`` calls and ``{"es": ..., "en": ...}`` literals in ``posture/**/*.py`` (an AST walk;
  only string constants, f-strings are not person-facing texts here);
- the ``es`` / ``en`` fields of the content YAML (checklists/, controls/, checks/, laws/).

Each text comes with where it was found, so a failing test names the file and the line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIRS = ("checklists", "controls", "checks", "laws")


@dataclass(frozen=True)
class Text:
    where: str  # "posture/cli/score.py:29" or "checklists/x.yaml: sections[0].title"
    text: str


def _const(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def code_texts(lang: str) -> Iterator[Text]:
    """The ``lang`` side of every ``both(es, en)`` call and ``{"es": …, "en": …}`` literal in the package."""
    index = 0 if lang == "es" else 1
    for path in sorted((ROOT / "posture").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "both"
                    and len(node.args) == 2):
                text = _const(node.args[index])
                if text is not None:
                    yield Text(f"{rel}:{node.lineno}", text)
            elif isinstance(node, ast.Dict):
                keys = [_const(k) if k is not None else None for k in node.keys]
                if "es" in keys and "en" in keys:
                    text = _const(node.values[keys.index(lang)])
                    if text is not None:
                        yield Text(f"{rel}:{node.lineno}", text)


def catalog_texts(lang: str) -> Iterator[Text]:
    """The translations of the gettext catalog of ``lang`` (English: the message ids of the Spanish one)."""
    from babel.messages.pofile import read_po

    po = ROOT / "posture" / "locale" / "es" / "LC_MESSAGES" / "posture.po"
    if not po.exists():
        return
    with po.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strs = message.string if isinstance(message.string, tuple | list) else (message.string,)
        # the code that shows it (its first location), then the catalog line: "posture/cli/score.py (posture.po:812)"
        shown_in = message.locations[0][0] if message.locations else po.relative_to(ROOT).as_posix()
        where = f"{shown_in} ({po.name}:{message.lineno})"
        for text in (strs if lang == "es" else ids):
            if text:
                yield Text(where, text)


def _walk_yaml(node, path: str, lang: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if lang in node and isinstance(node[lang], str) and ({"es", "en"} & set(node) == {"es", "en"}):
            yield path, node[lang]
        for k, v in node.items():
            yield from _walk_yaml(v, f"{path}.{k}" if path else str(k), lang)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_yaml(v, f"{path}[{i}]", lang)


def content_texts(lang: str) -> Iterator[Text]:
    """The ``lang`` field of every bilingual mapping in the bundled content YAML."""
    for d in CONTENT_DIRS:
        for path in sorted((ROOT / d).rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            rel = path.relative_to(ROOT).as_posix()
            for where, text in _walk_yaml(data, "", lang):
                yield Text(f"{rel}: {where}", text)


def all_texts(lang: str) -> list[Text]:
    return [*catalog_texts(lang), *code_texts(lang), *content_texts(lang)]
