"""The walk's left column: sections with their progress, and each question with its answer mark."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets.tree import TreeNode

from posture.content import NA_VALUE
from posture.plan import is_gap
from posture.session import AssessmentSession
from posture.tui.widgets.literal import Tree

# One mark per state, each distinct (docs/guides/assessor.*.md): partial is a gap in the plan, so it
# never shares the ✓ of an answer that closes the question.
MARKS = {
    "yes": ("✓", "green"), "partial": ("◐", "yellow"), "no": ("✗", "red"), NA_VALUE: ("–", "blue"),
    None: ("·", "dim"), "contradicted": ("⚠", "bold red"), "carried": ("↻", "magenta"),
    "by_probe": ("✗", "bold red"), "vendor_declared": ("◇", "cyan"),
}
_MARKS = MARKS  # kept for older imports
_NO_STYLE = Style()


class SectionTree(Tree):
    """Built once; an answer only relabels its own node and its section's."""

    def __init__(self, session: AssessmentSession, lang: str, *, current: str | None = None, **kwargs):
        """``current``: the question shown first; its section starts expanded (the first layout then already
        has its line, instead of a second layout after expanding it)."""
        super().__init__("", **kwargs)
        self.session = session
        self.lang = lang
        self.show_root = False
        self.guide_depth = 2
        self.question_nodes: dict[str, TreeNode] = {}
        self.section_nodes: dict[str, TreeNode] = {}
        self._populate(current)

    def _populate(self, current: str | None) -> None:
        in_scope = {q.id for q in self.session.questions}
        for section in self.session.checklist.sections:
            questions = [q for q in section.questions if q.id in in_scope]
            if not questions:
                continue
            node = self.root.add(self._section_label(section.id), data=("section", section.id),
                                 expand=any(q.id == current for q in questions))
            self.section_nodes[section.id] = node
            for q in questions:
                self.question_nodes[q.id] = node.add_leaf(self._question_label(q.id), data=("question", q.id))
        self.root.expand()

    def _section_label(self, section_id: str) -> Text:
        section = self.session.checklist.section(section_id)
        done, total = self.session.section_progress(section_id)
        style = "green" if done == total else ""
        return Text.assemble((section.title[self.lang], "bold"), " ", (f"{done}/{total}", style or "dim"))

    def render_label(self, node: TreeNode, base_style, style) -> Text:
        """A section's label fits the column: a long title is cut with «…» and its progress (12/18) stays in view
        (Textual would crop the line at the edge, mid-word, progress and all)."""
        text = super().render_label(node, base_style, style)
        if not (node.data and node.data[0] == "section"):  # a question's label is short: no room to measure
            return text
        # room as if the vertical scrollbar were shown: Textual caches a line by the widget's width, so a label
        # fitted before the scrollbar appeared would lose its last column to it
        room = min(self.scrollable_content_region.width,
                   self.content_region.width - self.styles.scrollbar_size_vertical)
        if room <= 0 or text.cell_len <= room:
            return text
        done, total = self.session.section_progress(node.data[1])
        tail = f" {done}/{total}"
        head_room = room - len(tail)
        if head_room < 4:  # too narrow for both: the title alone, cut
            text.truncate(room, overflow="ellipsis")
            return text
        cut = len(text.plain) - len(tail)  # the tail is plain ASCII: its characters are its cells
        head = text[:cut]
        head.truncate(head_room, overflow="ellipsis")
        return head + text[cut:]

    def mark_of(self, qid: str) -> str:
        """The state a question's mark shows: yes, partial, no, na, None (unanswered), contradicted,
        carried, vendor_declared (questionnaire) or by_probe (unanswered, failed by a probe finding)."""
        answer = self.session.answer_of(qid)
        scored = self.session.card.questions.get(qid)
        if answer is None:
            return "by_probe" if scored is not None and scored.by_probe else None
        if answer.na:
            return NA_VALUE
        if qid in self.session.card.contradicted:
            return "contradicted"
        if answer.carried_over:
            return "carried"
        if answer.vendor_declared:  # only the vendor's word: confirm it at the interview
            return "vendor_declared"
        if scored is None:
            return "yes"
        if scored.failed:
            return "no"
        return "partial" if is_gap(scored.score) else "yes"

    def _question_label(self, qid: str) -> Text:
        mark, style = MARKS[self.mark_of(qid)]
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

    # The tree's size is known at the screen's first layout. Textual's Tree builds its lines (and so its virtual
    # size) when it first draws, and again after every style update or resize, each time asking for a layout:
    # at the start that was a second layout and draw of the whole first screen (the tree's virtual size went
    # from nothing to its lines, the scrollbar appeared) and a third after the tree's first resize. Here the
    # lines are built at mount, rebuilt at once when a mounted tree is invalidated, and the virtual size does
    # not depend on the column's width (a section's title is fitted to the column when drawn, render_label;
    # the column never scrolls sideways, posture.tcss): a layout is asked for only when the lines change.

    def get_label_width(self, node: TreeNode) -> int:
        """The label's width as Textual draws it, before a section's title is fitted to the column."""
        return super().render_label(node, _NO_STYLE, _NO_STYLE).cell_len

    def _invalidate(self) -> None:
        if not self.is_mounted:
            super()._invalidate()
            return
        self._clear_line_cache()
        self._updates += 1
        self.root._reset()
        self._build()  # sets the virtual size: Textual asks for a layout only if it changed
        self.refresh()

    def on_mount(self) -> None:
        self._build()
