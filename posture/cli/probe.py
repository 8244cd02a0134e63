"""``posture probe``: what a vendor's firewall and VPN really expose, within an authorized scope."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from posture import l10n
from posture.cli._argparse_i18n import METAVARS
from posture.cli._context import Context
from posture.errors import PostureError
from posture.findings import SEVERITIES, ProbeRun, address_key, sort_addresses, where
from posture.i18n import LANGS, _, _n, fmt, tr
from posture.vocabulary import Severity

HELP = _("network probe of the vendor's perimeter (authorized scope only)")

_MSG = {
    "epilog": _("It never logs in, guesses passwords or exploits anything. Exit status: 0 finished, 1 error, 3 "
                "incomplete (a host did not finish; not finding something does not mean it is absent), 4 with "
                "--attach, the assessment was opened by another process during the run (the run is kept pending "
                "beside it), 130 interrupted with Ctrl-C (what was found is kept)."),
    "targets": _("IPs, CIDRs or host names to probe"),
    "authorized_by": _("reference of the written authorization (required to scan)"),
    "scope": _("scope YAML file (targets, exclusions, authorization, contact, window)"),
    "exclude": _("IP or CIDR not to touch (repeatable)"),
    "import": _("read an nmap XML (-oX) instead of scanning"),
    "json": _("JSON output (schema probe-run.schema.json)"),
    "attach": _("add the findings to this assessment (its id in the workspace, its folder or its assessment.yaml "
                "file): score, plan and contradictions use them"),
    "max_hosts": _("maximum hosts per run (default 256)"),
    "privileged": _("SYN and UDP scans (needs root or CAP_NET_RAW); detected by default"),
    "unprivileged": _("TCP connect scan and UDP probes from Python"),
    "ports": _("ports to add to the contact-center profile: 8443, 9000-9010, 5080/udp, 2222/tcp=ssh (repeatable)"),
    "ports_import": _("--ports adds ports to a scan; an imported XML already says which ports were looked at"),
    "stopping": _("stopping… (what was found is kept)"),
    "timeout": _("nmap time limit in seconds (default 600)"),
    "need_target": _("give targets with --authorized-by, a --scope or an --import-nmap"),
    "both": _("use targets or --scope, not both"),
    "header": _("Probe {id} · authorization: {auth} · targets: {targets} · {mode}"),
    "privileged_mode": _("privileged (SYN/UDP)"),
    "unprivileged_mode": _("unprivileged (TCP connect, UDP from Python)"),
    "imported_mode": _("imported from nmap"),
    "import_header": _("Import {id} · {scanner} {version} · file {file} · authorization: {auth}"),
    "import_times": _("scan ran: {start} – {end} · imported: {imported}"),
    "import_counts": _("{total}, {up}, {open}, {findings}"),
    "targets_line": _("hosts up: {targets}"),
    "more": _("{shown} … and {rest} more"),
    "hosts": _("{hosts}, {open}, {findings}"),
    "none": _("No findings on the ports probed."),
    "none_incomplete": _("No findings in what could be read; the run is incomplete (see below)."),
    "not_for_import": _n("{options} does not apply to --import-nmap: the XML already says what was scanned; remove "
                         "it or scan without --import-nmap",
                         "{options} do not apply to --import-nmap: the XML already says what was scanned; remove "
                         "them or scan without --import-nmap",
                         count="count"),  # the number of options given (not shown)
    "none_scripts": _("No check produced a finding; the file carries NSE scripts posture does not evaluate (see the "
                      "note)."),
    "no_auth": _("none given (an import does not invent one)"),
    "note": _("note: {text}"),
    "quiet_ports": _("open ports with no finding (no check recognises them): {ports}"),
    "evidence": _("evidence"),
    "controls": _("controls"),
    "incomplete": _("INCOMPLETE: the probe did not finish; not finding something does not mean it is absent:"),
    "contradiction": _("CONTRADICTION: {message}"),
    "attached": _("Attached to {path}: {findings}, {contradictions}."),
    "attach_pending": _("attach to this assessment the runs left pending because it was open in another process, "
                        "then exit"),
    "kept_pending": _("{error}. The run is not lost: it is kept in {pending} and will be attached the next time the "
                      "assessment is opened for editing, or with: posture probe --attach-pending {path}"),
    "attached_before": _("warning: this scan ({file}) was already attached as run {id}; it is attached again as "
                         "{new}"),
    "no_pending": _("No pending runs for {path}."),
    "attached_pending": _n("Attached to {path}: run {id} ({n} finding).",
                           "Attached to {path}: run {id} ({n} findings)."),
}
_MSG["remove"] = _("remove run RUN and its findings from the assessment FILE (the only TARGET)")
_MSG["remove_one"] = _("--remove needs exactly one assessment file")
_MSG["removed"] = _n("Removed run {run} from {path} ({n} finding).", "Removed run {run} from {path} ({n} findings).")

# counted nouns, singular and plural (the forms of each language come from its catalog)
_COUNTED = {
    "addresses": _n("{n} address scanned", "{n} addresses scanned"),
    "up": _n("{n} up", "{n} up"),
    "hosts": _n("{n} host", "{n} hosts"),
    "open": _n("{n} open port", "{n} open ports"),
    "findings": _n("{n} finding", "{n} findings"),
    "contradictions": _n("{n} contradiction", "{n} contradictions"),
}


def _count(kind: str, n: int) -> dict[str, str]:
    """``n`` with its noun in the singular or plural, in every language."""
    return fmt(_COUNTED[kind], n=n)


def _counts(template: dict[str, str], **counts: tuple[str, int]) -> dict[str, str]:
    return {lang: template[lang].format(**{k: _count(kind, n)[lang] for k, (kind, n) in counts.items()})
            for lang in LANGS}


KEPT_PENDING = 4  # exit status: scanned, but the assessment was locked; the run waits beside it


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("probe", help=ctx.t(HELP), description=ctx.t(HELP), epilog=ctx.t(_MSG["epilog"]))
    p.add_argument("targets", nargs="*", metavar="TARGET", help=ctx.t(_MSG["targets"]))
    p.add_argument("--authorized-by", metavar="REF", help=ctx.t(_MSG["authorized_by"]))
    p.add_argument("--scope", type=Path, metavar="FILE", help=ctx.t(_MSG["scope"]))
    p.add_argument("--exclude", action="append", default=[], metavar="IP/CIDR", help=ctx.t(_MSG["exclude"]))
    p.add_argument("--import-nmap", type=Path, metavar="XML", help=ctx.t(_MSG["import"]))
    p.add_argument("--json", action="store_true", help=ctx.t(_MSG["json"]))
    p.add_argument("--attach", metavar="ID|FILE", help=ctx.t(_MSG["attach"]))
    p.add_argument("--remove", metavar="RUN", help=ctx.t(_MSG["remove"]))
    p.add_argument("--attach-pending", metavar="ID|FILE", help=ctx.t(_MSG["attach_pending"]))
    p.add_argument("--max-hosts", type=int, metavar="N", help=ctx.t(_MSG["max_hosts"]))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--privileged", dest="privileged", action="store_true", default=None,
                      help=ctx.t(_MSG["privileged"]))
    mode.add_argument("--unprivileged", dest="privileged", action="store_false", help=ctx.t(_MSG["unprivileged"]))
    p.add_argument("--ports", action="append", default=[], metavar="PORTS", help=ctx.t(_MSG["ports"]))
    p.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS", help=ctx.t(_MSG["timeout"]))
    p.set_defaults(func=run)


class _StderrProgress:
    """One line per phase change and at most one a second, on stderr only."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.last = 0.0
        self.phase = ""

    def __call__(self, event) -> None:
        now = time.monotonic()
        if event.phase == self.phase and now - self.last < 1.0 and event.fraction < 1.0:
            return
        self.phase, self.last = event.phase, now
        print(f"… {self.ctx.t(event.message)}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture import probes
    from posture.errors import LockHeld

    for option in ("attach", "attach_pending"):  # an id, a folder or a file, as every command that opens one
        given = getattr(args, option)
        if given is not None:
            from posture.assessment import Workspace

            setattr(args, option, Workspace().locate(given))
    if args.remove:
        return _remove(args, ctx)
    if args.attach_pending is not None:
        return _attach_pending(ctx, args.attach_pending)
    if args.attach is not None:
        from posture.assessment import check_unlocked, load_assessment

        load_assessment(args.attach)  # fail before scanning, not after
        check_unlocked(args.attach)  # open in the app: refused now (exit 1, nothing scanned), not after the scan
    if args.import_nmap is not None:
        _refuse_scan_options(args)
        probe_run = probes.import_nmap(args.import_nmap, authorized_by=args.authorized_by or "")
        mode = ctx.t(_MSG["imported_mode"])
    else:
        if args.scope is not None and args.targets:
            raise PostureError(dict(_MSG["both"]))
        if args.scope is not None:
            scope = probes.load_scope(args.scope, max_hosts=args.max_hosts)
        elif args.targets:
            scope = probes.scope_from_args(args.targets, args.authorized_by, exclusions=args.exclude,
                                           max_hosts=args.max_hosts or probes.DEFAULT_MAX_HOSTS)
        else:
            raise PostureError(dict(_MSG["need_target"]))
        if args.ports:
            scope.ports = {**scope.ports, **probes.ports_from_args(args.ports)}
        probe_run = probes.run_probe(scope, privileged=args.privileged, timeout=args.timeout,
                                     host_timeout=min(60.0, args.timeout), progress=_StderrProgress(ctx),
                                     on_interrupt=lambda: print(ctx.t(_MSG["stopping"]), file=sys.stderr,
                                                                flush=True))
        mode = ctx.t(_MSG["privileged_mode" if probe_run.privileged else "unprivileged_mode"])
    kept = None
    try:
        contradictions = _attach(args.attach, probe_run, ctx) if args.attach is not None else []
    except LockHeld as exc:  # taken during the scan: print the run, keep it beside the assessment
        from posture.assessment import save_pending_run

        kept, contradictions = (exc, save_pending_run(args.attach, probe_run)), []
    if args.json:
        ctx.json(to_json(probe_run, contradictions, ctx.lang))
    else:
        _print(ctx, probe_run, mode, contradictions, args.attach if kept is None else None)
    if kept is not None:
        ctx.err(fmt(_MSG["kept_pending"], error=kept[0].message[ctx.lang].rstrip("."), pending=str(kept[1]),
                    path=str(args.attach)))
        return KEPT_PENDING
    if probes.INTERRUPTED in probe_run.incomplete:
        return 130
    return 0 if probe_run.complete else 3


def _refuse_scan_options(args: argparse.Namespace) -> None:
    """Options that shape a live scan mean nothing for an import: refused in one line, never ignored."""
    given = [opt for opt, value in (("TARGET", args.targets), ("--scope", args.scope), ("--exclude", args.exclude),
                                    ("--max-hosts", args.max_hosts), ("--ports", args.ports),
                                    ("--privileged/--unprivileged", args.privileged),
                                    ("--timeout", args.timeout != 600.0 or None))
             if value not in (None, [], False) or (opt.startswith("--priv") and value is False)]
    if "--ports" in given and len(given) == 1:
        raise PostureError({k: f"posture probe: {v}" for k, v in _MSG["ports_import"].items()})
    if given:
        names = {lang: ", ".join(METAVARS[o][lang] if o in METAVARS else o for o in given) for lang in LANGS}
        said = fmt(_MSG["not_for_import"], options=names, count=len(given))
        raise PostureError({k: f"posture probe: {v}" for k, v in said.items()})


def _remove(args: argparse.Namespace, ctx: Context) -> int:
    from posture.assessment import Workspace, remove_probe_run

    if len(args.targets) != 1:
        raise PostureError(dict(_MSG["remove_one"]))
    path = Workspace().locate(args.targets[0])
    n = remove_probe_run(path, args.remove)
    if args.json:
        ctx.json({"removed": args.remove, "file": str(path), "findings": n})
    else:
        ctx.out(fmt(_MSG["removed"], run=args.remove, path=str(path), n=n))
    return 0


def _attach(path: Path, probe_run: ProbeRun, ctx: Context) -> list[tuple]:
    from posture.assessment import attach_probe_run, load_with_checklist

    assessment, checklist = load_with_checklist(path)
    source = probe_run.source
    if source.get("kind") == "import":  # the same scan attached again: said, not refused (a re-import may be meant)
        for old in assessment.probe_runs:
            if (old.source.get("kind") == "import" and old.source.get("file", "").rsplit("/", 1)[-1] ==
                    source.get("file", "").rsplit("/", 1)[-1] and old.source.get("scan_started") ==
                    source.get("scan_started")):
                ctx.err(fmt(_MSG["attached_before"], file=source.get("file", ""), id=old.id, new=probe_run.id))
                break
    found = attach_probe_run(path, probe_run, checklist)
    return [(c, {lang: c.message(checklist, lang) for lang in LANGS}) for c in found]


def _attach_pending(ctx: Context, path: Path) -> int:
    """``--attach-pending FILE``: what ``--attach`` could not write because the file was locked."""
    from posture.assessment import attach_pending_locked, load_with_checklist, pending_files, write_lock

    _, checklist = load_with_checklist(path)
    if not pending_files(path):
        ctx.out(fmt(_MSG["no_pending"], path=str(path)))
        return 0
    with write_lock(path):
        attached, errors = attach_pending_locked(path, checklist)
    for _file, run in attached:
        ctx.out(fmt(_MSG["attached_pending"], path=str(path), id=run.id, n=len(run.findings)))
    for exc in errors:  # left in place, named with line and field
        for line in exc.lines(ctx.lang):
            ctx.err(line)
    return 1 if errors else 0


def to_json(probe_run: ProbeRun, contradictions: list[tuple], lang: str) -> dict:
    run_dict = probe_run.to_dict()
    for f, d in zip(probe_run.findings, run_dict["findings"], strict=True):
        d["id"] = f.id
    return {
        "kind": "probe-run", "schema_version": 1, "lang": lang, "run": run_dict,
        "messages": {"authorization": probe_run.authorization(lang),
                     "incomplete": probe_run.incomplete_messages(lang), "notes": probe_run.note_messages(lang)},
        "contradictions": [{"question_id": c.question_id, "answer": c.answer, "finding_id": c.finding.id,
                            "message": message} for c, message in contradictions],
    }


MAX_LISTED = 50  # addresses printed in the header; the JSON output always has them all


def _addresses(ctx: Context, addresses: list[str]) -> str:
    ordered = sort_addresses(addresses)
    if len(ordered) <= MAX_LISTED:
        return ", ".join(ordered) or "—"
    return ctx.t(fmt(_MSG["more"], shown=", ".join(ordered[:MAX_LISTED]), rest=len(ordered) - MAX_LISTED))


def _open_without_finding(probe_run: ProbeRun) -> list[str]:
    """Open ports (host:port/protocol, IPv6 in brackets) that no check turned into a finding."""
    found = {(f.host, f.port, f.protocol) for f in probe_run.findings}
    quiet = []
    for host in sorted(probe_run.hosts, key=lambda h: address_key(h["address"])):
        for spec in host.get("open_ports", []):
            port, _, protocol = spec.partition("/")
            if (host["address"], int(port), protocol) not in found:
                quiet.append(where(host["address"], int(port), protocol))
    return quiet


def _moment(value: str | None, lang: str) -> str:
    """A time the scan file or the import recorded, as the reader's language writes it (CLDR); «?» if none."""
    return l10n.moment(value, lang) if value else "?"


def _print(ctx: Context, probe_run: ProbeRun, mode: str, contradictions: list[tuple], attach: Path | None) -> None:
    opened = sum(len(h.get("open_ports", [])) for h in probe_run.hosts)
    source = probe_run.source
    if source.get("kind") == "import":
        ctx.out(fmt(_MSG["import_header"], id=probe_run.id, scanner=source.get("scanner", "nmap"),
                    version=probe_run.tools.get(source.get("scanner", "nmap"), ""), file=source.get("file", ""),
                    auth=probe_run.authorized_by or ctx.t(_MSG["no_auth"])))
        ctx.out(fmt(_MSG["import_times"], start=_moment(source.get("scan_started"), ctx.lang),
                    end=_moment(source.get("scan_finished"), ctx.lang),
                    imported=_moment(source.get("imported_at"), ctx.lang)))
        ctx.out(_counts(_MSG["import_counts"], total=("addresses", source.get("addresses", len(probe_run.hosts))),
                        up=("up", source.get("up", len(probe_run.hosts))), open=("open", opened),
                        findings=("findings", len(probe_run.findings))))
        ctx.out(fmt(_MSG["targets_line"], targets=_addresses(ctx, probe_run.targets)))
    else:
        ctx.out(fmt(_MSG["header"], id=probe_run.id, auth=probe_run.authorization(ctx.lang),
                    targets=_addresses(ctx, probe_run.targets), mode=mode))
        ctx.out(_counts(_MSG["hosts"], hosts=("hosts", len(probe_run.hosts)), open=("open", opened),
                        findings=("findings", len(probe_run.findings))))
    if not probe_run.findings:
        unused = any(n.get("id") == "import.scripts_unused" for n in probe_run.notes)
        # an incomplete run never reads as clean: what was read gave nothing, the rest is unknown
        ctx.out(_MSG["none_incomplete" if not probe_run.complete else "none_scripts" if unused else "none"])
    for sev in SEVERITIES:
        for f in (f for f in probe_run.findings if f.severity == sev):
            ctx.out(f"[{ctx.t(Severity(sev).upper_label)}] {f.where}  {tr(f.title, ctx.lang)}  ({f.check_id})")
            ctx.out(f"    {ctx.t(_MSG['evidence'])}: {f.evidence_text(ctx.lang)}")
            controls = "; ".join(f"{k}: {', '.join(v)}" for k, v in f.maps_to.items())
            ctx.out(f"    {ctx.t(_MSG['controls'])}: {controls}")
    quiet = _open_without_finding(probe_run)
    if quiet:
        shown = ", ".join(quiet[:MAX_LISTED]) + (f" (+{len(quiet) - MAX_LISTED})" if len(quiet) > MAX_LISTED else "")
        ctx.out(fmt(_MSG["quiet_ports"], ports=shown))
    for note in probe_run.note_messages(ctx.lang):
        ctx.out(fmt(_MSG["note"], text=note))
    if not probe_run.complete:
        ctx.out(_MSG["incomplete"])
        for reason in probe_run.incomplete_messages(ctx.lang):
            ctx.out(f"  - {reason}")
    for _c, message in contradictions:
        ctx.out(fmt(_MSG["contradiction"], message=message[ctx.lang]))
    if attach is not None:
        ctx.out(fmt(_MSG["attached"], path=str(attach), findings=_count("findings", len(probe_run.findings)),
                    contradictions=_count("contradictions", len(contradictions))))
