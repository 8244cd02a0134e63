"""The scope of a probe run: targets, exclusions, who authorized it, when, and how many hosts at most."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime

from posture.content import validate_doc
from posture.errors import ContentError, Problem
from posture.i18n import LANGS, _, fmt
from posture.probes._errors import ScopeError
from posture.probes._profile import parse_ports
from posture.probes._targets import DEFAULT_MAX_HOSTS, Target, check_limits, parse_exclusion, parse_target
from posture.safe_yaml import YamlDoc, display_name, format_path, load_yaml

COMMAND_LINE = "posture probe"  # errors in arguments name the command instead of a file

MSG = {
    "no_auth": _("missing the authorization reference (--authorized-by or authorized_by in the scope); nothing is "
                 "scanned without it"),
    "bad_time": _("'{value}' is not an ISO 8601 date and time (e.g. 2026-05-01T09:00-06:00)"),
    "window_order": _("the window ends before it starts"),
    "outside": _("the current time ({now}) is outside the authorized window {start} – {end}"),
    "not_scope": _("is not a scope file (kind: scope)"),
}


@dataclass
class Scope:
    targets: list[Target]
    authorized_by: str
    exclusions: list[Target] = field(default_factory=list)
    contact: str = ""
    window: tuple[datetime, datetime] | None = None
    max_hosts: int = DEFAULT_MAX_HOSTS
    source: str = COMMAND_LINE
    window_at: tuple[int | None, int | None] = (None, None)  # line and column of window in the scope file
    ports: dict[tuple[int, str], str] = field(default_factory=dict)  # added to the profile: (port, proto) → role

    @property
    def window_text(self) -> str:
        return f"{self.window[0].isoformat()}/{self.window[1].isoformat()}" if self.window else ""

    def check_window(self, now: datetime | None = None) -> None:
        if self.window is None:
            return
        now = now or datetime.now().astimezone()
        start, end = self.window
        if not start <= now <= end:
            from posture import l10n

            def when(moment: datetime) -> dict[str, str]:  # as each language writes it (CLDR)
                return {lang: l10n.moment(moment, lang) for lang in LANGS}
            message = fmt(MSG["outside"], now=when(now.replace(second=0, microsecond=0)), start=when(start),
                          end=when(end))
            raise _problem(self.source, message, "window", *self.window_at)


def _problem(file: str, message: dict, path: str, line: int | None = None, col: int | None = None) -> ScopeError:
    return ScopeError(message, problems=[Problem(file, message, line=line, col=col, path=path, code="scope")])


def scope_from_args(targets: list[str], authorized_by: str | None, *, exclusions: list[str] = (),
                    max_hosts: int = DEFAULT_MAX_HOSTS) -> Scope:
    """A scope from command-line targets; errors name the argument."""
    if not authorized_by or not authorized_by.strip():
        raise _problem(COMMAND_LINE, dict(MSG["no_auth"]), "--authorized-by")
    parsed, excluded = [], []
    for i, value in enumerate(targets):
        try:
            parsed.append(parse_target(value))
        except ValueError as exc:
            raise _problem(COMMAND_LINE, exc.args[0], f"TARGET[{i + 1}]") from None
    for i, value in enumerate(exclusions):
        try:
            excluded.append(parse_exclusion(value))
        except ValueError as exc:
            raise _problem(COMMAND_LINE, exc.args[0], f"--exclude[{i + 1}]") from None
    try:
        check_limits(parsed, excluded, max_hosts)
    except ValueError as exc:
        raise _problem(COMMAND_LINE, exc.args[0], "TARGET") from None
    return Scope(parsed, authorized_by.strip(), excluded, max_hosts=max_hosts)


def ports_from_args(values: list[str]) -> dict[tuple[int, str], str]:
    """``--ports`` values → {(port, protocol): role}; errors name the option."""
    try:
        return parse_ports(values)
    except ValueError as exc:
        raise _problem(COMMAND_LINE, exc.args[0], "--ports") from None


def load_scope(path: str | os.PathLike, *, max_hosts: int | None = None) -> Scope:
    """A scope YAML, validated against its schema; every error names file:line:col and field."""
    doc = load_yaml(path)
    name = display_name(path)
    if doc.data.get("kind") != "scope":
        line, col = doc.where(("kind",))
        raise _problem(name, dict(MSG["not_scope"]), "kind", line, col)
    problems = validate_doc(doc, "scope")
    if problems:
        raise ContentError(problems[0].message, problems=problems[:1])
    d = doc.data
    targets = [_parse(doc, name, ("targets", i), v, parse_target) for i, v in enumerate(d["targets"])]
    exclusions = [_parse(doc, name, ("exclusions", i), v, parse_exclusion)
                  for i, v in enumerate(d.get("exclusions", []))]
    limit = max_hosts if max_hosts is not None else d.get("max_hosts", DEFAULT_MAX_HOSTS)
    try:
        check_limits(targets, exclusions, limit)
    except ValueError as exc:
        line, col = doc.where(("targets",))
        raise _problem(name, exc.args[0], "targets", line, col) from None
    window = None
    if "window" in d:
        start = _time(doc, name, ("window", "start"))
        end = _time(doc, name, ("window", "end"))
        if end < start:
            line, col = doc.where(("window", "end"))
            raise _problem(name, dict(MSG["window_order"]), "window.end", line, col)
        window = (start, end)
    ports: dict[tuple[int, str], str] = {}
    for i, value in enumerate(d.get("ports", [])):
        try:
            ports.update(parse_ports(str(value)))
        except ValueError as exc:
            line, col = doc.where(("ports", i))
            raise _problem(name, exc.args[0], f"ports[{i}]", line, col) from None
    return Scope(targets, d["authorized_by"].strip(), exclusions, d.get("contact", ""), window, limit, name,
                 doc.where(("window",)), ports)


def _parse(doc: YamlDoc, name: str, where: tuple, value: str, parser) -> Target:
    try:
        return parser(value)
    except ValueError as exc:
        line, col = doc.where(where)
        raise _problem(name, exc.args[0], format_path(where), line, col) from None


def _time(doc: YamlDoc, name: str, where: tuple) -> datetime:
    value = doc.data["window"][where[1]]
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        line, col = doc.where(where)
        raise _problem(name, fmt(MSG["bad_time"], value=value), format_path(where), line, col) from None
    # A time without offset is the operator's local time.
    return moment if moment.tzinfo else moment.astimezone()
