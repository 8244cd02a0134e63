"""The walk's centre: the question, its answer and method, notes, then guidance, evidence and references."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import TextArea

from posture import l10n
from posture.content import NA_LABEL, articles_for
from posture.session import AssessmentSession
from posture.shown import has_controls, visible
from posture.tui.bindings import keys_of
from posture.tui.strings import t
from posture.tui.widgets.line import Line
from posture.tui.widgets.literal import Static, Tree
from posture.tui.widgets.phrases import Phrases
from posture.vocabulary import AnswerValue


class NotesArea(TextArea):
    """Notes: the walk saves them when the assessor leaves the field or pauses typing.

    Read-only (the assessment is open elsewhere), a key that would type is refused out loud
    (:class:`NotesArea.Refused`) instead of being silently dropped."""

    class Refused(Message):
        """A key that would have changed the note while it cannot be saved."""

    def render_line(self, y: int):
        """The note as written, its control characters drawn visible (posture.shown: ESC → ␛), never sent to
        the terminal; the note itself is not changed (one character for one: the cursor stays put)."""
        strip = super().render_line(y)
        if not any(has_controls(segment.text) for segment in strip):
            return strip
        from rich.segment import Segment
        from textual.strip import Strip

        shown = Strip([Segment(visible(s.text), s.style, s.control) for s in strip])
        return shown.crop_extend(0, strip.cell_length, None)  # the width the text area laid out

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and (event.is_printable or event.key in ("enter", "backspace", "delete")):
            event.stop()
            event.prevent_default()
            self.post_message(self.Refused())
            return
        await super()._on_key(event)


class QuestionPane(VerticalScroll):
    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="q-head")
        yield Static(id="q-text")
        yield Line(id="q-answer")
        yield Static(id="q-keys")
        yield NotesArea(id="notes", soft_wrap=True, tab_behavior="focus")
        yield Static(id="q-details")

    def show(self, session: AssessmentSession, qid: str, lang: str) -> None:
        q = session.question(qid)
        ids = [x.id for x in session.questions]
        position = t("question_of", lang, n=ids.index(qid) + 1, total=len(ids))
        head = Text.assemble((q.id, "bold"), "  ", (position, "dim"))
        if q.critical:
            head.append(f"  ● {t('critical', lang)}", "red")
        self.query_one("#q-head", Static).update(head)
        self.query_one("#q-text", Static).update(Text(q.text[lang], "bold"))
        self.show_answer(session, qid, lang)
        keys = self.answer_keys(session, qid, lang)
        self.query_one("#q-keys", Static).update(Phrases.of(f"{keys} · {t('keys_more', lang, **self._keys())}"))

        notes = self.query_one(NotesArea)
        notes.border_title = t("notes", lang, **self._keys())
        text = session.note_of(qid)
        if notes.text != text:
            notes.load_text(text)
        self.show_details(session, qid, lang)

    def _keys(self) -> dict[str, str]:
        """The walk's keys (and the section tree's Enter, which opens the notes) for the hints."""
        return keys_of(type(self.screen), Tree)

    @staticmethod
    def answer_keys(session: AssessmentSession, qid: str, lang: str) -> str:
        """The keys that answer this question, from its scale: N/A only where the scale allows it."""
        scale = session.checklist.scale_of(session.question(qid))
        if scale.id == "yes-no":
            keys = t("keys_yn", lang)
        elif scale.id == "maturity":
            keys = t("keys_mat", lang)
        else:
            keys = " · ".join(f"{o.key} {o.label[lang]}" for o in scale.options)
        return f"{keys} · a {AnswerValue.NA.short[lang]}" if scale.allow_na else keys  # «No aplica» / "N/A"

    def show_answer(self, session: AssessmentSession, qid: str, lang: str) -> None:
        """Only the answer line: what an answer key changes (the cheap redraw after each answer)."""
        q = session.question(qid)
        answer = session.answer_of(qid)
        scale = session.checklist.scale_of(q)
        line = Text(f"{t('answer', lang)}: ")
        if answer is None:
            line.append(t("unanswered", lang), "dim italic")
        else:
            option = scale.option(answer.value)
            label = NA_LABEL[lang] if answer.na else (option.label[lang] if option else answer.value)
            line.append(label, "bold reverse")
            line.append(f"   {t('method', lang)}: {t('m_' + answer.method, lang)}")
            if answer.carried_over:
                since = f" ({l10n.short_date(answer.answered_at, lang)})" if answer.answered_at else ""
                line.append(f"   ↻ {t('carried', lang)}{since}", "magenta")
            elif not answer.na and answer.method != "interview" and not answer.evidenced:
                line.append(f"   {t('no_evidence', lang)}", "yellow")
            if qid in session.card.contradicted:
                line.append(f"   ⚠ {t('contradicted', lang)}", "red")
        if answer is not None and answer.na:
            line.append(f"\n{t('na_just', lang)}: {answer.na_justification}", "yellow")
        if answer is not None and qid in session.card.contradicted:
            # which finding says otherwise, where, and what it saw
            for f in session.assessment.findings():
                if f.check_id in q.probe_checks and f.actionable:
                    line.append(f"\n  ⚠ {f.title[lang]} ({f.where})", "red")
                    evidence = f.evidence_text(lang)
                    if evidence:
                        line.append(f": {evidence}", "dim")
        self.query_one("#q-answer", Line).show(line)

    def show_details(self, session: AssessmentSession, qid: str, lang: str) -> None:
        q = session.question(qid)
        answer = session.answer_of(qid)
        details = Text()
        details.append(f"{t('guidance', lang)}\n", "bold underline")
        details.append(q.guidance[lang] + "\n\n")
        if q.evidence:
            details.append(f"{t('evidence_request', lang)}\n", "bold underline")
            for item in q.evidence:
                details.append(f"• {item[lang]}\n")
            details.append("\n")
        if answer is not None and answer.evidence:
            details.append(f"{t('evidence_files', lang)}\n", "bold underline")
            for ev in answer.evidence:
                details.append(f"• {ev.path}  sha256:{ev.sha256[:12]}…  {ev.added_at}\n")
            details.append("\n")
        details.append(f"{t('references', lang)}\n", "bold underline")
        catalogs = session.library.catalogs
        for fw, controls in q.maps_to.items():
            name = catalogs[fw].short_name if fw in catalogs else fw
            details.append(f"{name}: ", "bold")
            details.append(", ".join(controls) + "\n")
        cited = articles_for(q.maps_to, catalogs)
        if cited:
            numbers = ", ".join(c.article.number for c in cited)
            details.append(t("law_refs_hint", lang, articles=numbers, **self._keys()) + "\n", "dim")
        self.query_one("#q-details", Static).update(details)
