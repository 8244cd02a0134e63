"""The walk's left column: sections with their progress, and each question with its answer mark."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.tree import TreeNode

from posture.content import NA_VALUE
from posture.tui.session import AssessmentSession
from posture.tui.widgets.literal import Tree

_MARKS = {None: ("·", "dim"), NA_VALUE: ("–", "yellow")}


class SectionTree(Tree):
    """Built once; an answer only relabels its own node and its section's."""

    def __init__(self, session: AssessmentSession, lang: str, **kwargs):
        super().__init__("", **kwargs)
        self.session = session
        self.lang = lang
        self.show_root = False
        self.guide_depth = 2
        self.question_nodes: dict[str, TreeNode] = {}
        self.section_nodes: dict[str, TreeNode] = {}
        self._populate()

    def _populate(self) -> None:
        in_scope = {q.id for q in self.session.questions}
        for section in self.session.checklist.sections:
            questions = [q for q in section.questions if q.id in in_scope]
            if not questions:
                continue
            node = self.root.add(self._section_label(section.id), data=("section", section.id), expand=False)
            self.section_nodes[section.id] = node
            for q in questions:
                self.question_nodes[q.id] = node.add_leaf(self._question_label(q.id), data=("question", q.id))
        self.root.expand()

    def _section_label(self, section_id: str) -> Text:
        section = self.session.checklist.section(section_id)
        done, total = self.session.section_progress(section_id)
        style = "green" if done == total else ""
        return Text.assemble((section.title[self.lang], "bold"), " ", (f"{done}/{total}", style or "dim"))

    def _question_label(self, qid: str) -> Text:
        answer = self.session.answer_of(qid)
        if answer is None:
            mark, style = _MARKS[None]
        elif answer.na:
            mark, style = _MARKS[NA_VALUE]
        elif qid in self.session.card.contradicted:
            mark, style = "⚠", "bold red"
        elif answer.carried_over:
            mark, style = "↻", "magenta"
        elif answer.vendor_declared:  # only the vendor's word: confirm it at the interview
            mark, style = "◇", "cyan"
        else:
            scored = self.session.card.questions.get(qid)
            mark, style = ("✓", "green") if scored is None or not scored.failed else ("✗", "red")
        return Text.assemble((mark, style), " ", qid)

    def refresh_question(self, qid: str) -> None:
        node = self.question_nodes.get(qid)
        if node is None:
            return
        node.set_label(self._question_label(qid))
        section_id = self.session.question(qid).section_id
        self.section_nodes[section_id].set_label(self._section_label(section_id))

    def refresh_language(self, lang: str) -> None:
        self.lang = lang
        for section_id, node in self.section_nodes.items():
            node.set_label(self._section_label(section_id))

    def refresh_all(self) -> None:
        for qid in self.question_nodes:
            self.question_nodes[qid].set_label(self._question_label(qid))
        self.refresh_language(self.lang)

    def show_question(self, qid: str) -> None:
        node = self.question_nodes.get(qid)
        if node is None:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        if node.line < 0:  # just expanded: its line exists after the next refresh
            self.call_after_refresh(self._place_cursor, node)
        else:
            self._place_cursor(node)

    def _place_cursor(self, node: TreeNode) -> None:
        if self.cursor_node is not node:
            self.move_cursor(node)
