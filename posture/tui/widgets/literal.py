"""Widgets that show text literally: user text is never parsed as Textual or Rich markup.

A vendor named ``Cobranza [/] Norte`` (which ``posture new`` accepts) killed the home screen with a
MarkupError; ``Telemarketing [i]nbound`` lost its ``[i]``; a workspace path with ``[/`` crashed the
same way. posture's own strings carry no markup either (styles are given as ``rich.text.Text``
styles), so every ``str`` that reaches one of these widgets is shown as written: vendor, site,
notes, paths, finding names, file names, question texts.

Screens import ``Static``, ``Label``, ``DataTable`` and ``Tree`` from here instead of
``textual.widgets``; ``tests/tui/test_literal_text.py`` opens every screen with hostile names and
checks that nothing in ``posture.tui`` imports the markup-parsing versions.
"""

from __future__ import annotations

from rich.text import Text
from textual import widgets

from posture.shown import has_controls, visible


def shown(content):
    """``content`` (a ``str`` or a ``rich.text.Text``) with its control characters made visible
    (``posture.shown.visible``: ESC → ␛): a name holding an escape sequence is drawn, never sent to the
    terminal to obey. Other renderables pass as they are."""
    if isinstance(content, str):
        return visible(content)
    if isinstance(content, Text) and has_controls(content.plain):
        copy = content.copy()
        copy.plain = visible(content.plain)  # one character for one: the styles stay on their characters
        return copy
    return content


class Static(widgets.Static):
    """``textual.widgets.Static`` with markup off: a ``str`` is shown as written, control characters
    visible."""

    def __init__(self, content="", *, expand=False, shrink=False, markup=False, name=None, id=None,
                 classes=None, disabled=False) -> None:
        super().__init__(shown(content), expand=expand, shrink=shrink, markup=markup, name=name, id=id,
                         classes=classes, disabled=disabled)

    def update(self, content="", *, layout: bool = True) -> None:
        super().update(shown(content), layout=layout)


class Label(widgets.Label):
    """``textual.widgets.Label`` with markup off, control characters visible."""

    def __init__(self, content="", *, variant=None, expand=False, shrink=False, markup=False, name=None,
                 id=None, classes=None, disabled=False) -> None:
        super().__init__(shown(content), variant=variant, expand=expand, shrink=shrink, markup=markup, name=name,
                         id=id, classes=classes, disabled=disabled)

    def update(self, content="", *, layout: bool = True) -> None:
        super().update(shown(content), layout=layout)


def _literal(cell):
    return Text(visible(cell), end="") if isinstance(cell, str) else shown(cell)


class Tree(widgets.Tree):
    """``textual.widgets.Tree`` whose ``str`` labels are literal, control characters visible."""

    def process_label(self, label):
        return Text(visible(label)) if isinstance(label, str) else shown(label)


# DataTable, Checkbox and SelectionList are made on first use (``from posture.tui.widgets.literal import
# DataTable`` works as ever): their Textual modules cost ≈ 4 ms to import, and the first screen of
# ``posture open`` (the walk) uses none of them.


def _data_table():
    class DataTable(widgets.DataTable):
        """``textual.widgets.DataTable`` whose ``str`` cells, labels and headers are literal."""

        def add_column(self, label, *, width=None, key=None, default=None):
            return super().add_column(_literal(label), width=width, key=key, default=default)

        def add_row(self, *cells, height=1, key=None, label=None):
            return super().add_row(*(_literal(c) for c in cells), height=height, key=key, label=_literal(label))

        def update_cell(self, row_key, column_key, value, *, update_width=False):
            return super().update_cell(row_key, column_key, _literal(value), update_width=update_width)

        def update_cell_at(self, coordinate, value, *, update_width=False):
            return super().update_cell_at(coordinate, _literal(value), update_width=update_width)

    DataTable.__qualname__ = "DataTable"
    return DataTable


def _checkbox():
    class Checkbox(widgets.Checkbox):
        """``textual.widgets.Checkbox`` whose state shows without colour: ✓ when ticked, blank when not
        (Textual draws the same "X" in both states and tells them apart by colour alone; NO_COLOR
        terminals and colour-blind users could not)."""

        @property
        def _button(self):
            self.BUTTON_INNER = "✓" if self.value else " "
            return super()._button

        def watch_value(self) -> None:
            self.refresh()

        def get_content_height(self, container, viewport, width: int) -> int:
            """One line (Textual's), or as many as the label takes where the stylesheet lets it wrap
            (``text-wrap: wrap``): a long label, such as the probe screen's statement of authorization in
            Spanish at 80 columns, is read whole instead of cut."""
            if self.styles.text_wrap != "wrap":
                return 1
            return max(1, len(self.render().wrap(width)))

    Checkbox.__qualname__ = "Checkbox"
    return Checkbox


def _selection_list():
    class SelectionList(widgets.SelectionList):
        """``textual.widgets.SelectionList`` whose ticks show without colour (✓ or blank), like Checkbox."""

        def render_line(self, y: int):
            from rich.segment import Segment
            from textual.strip import Strip

            strip = super().render_line(y)
            segments = list(strip)
            if len(segments) >= 3 and segments[1].text == widgets.Checkbox.BUTTON_INNER:
                index = (segments[1].style.meta or {}).get("option") if segments[1].style else None
                if index is not None:
                    ticked = self.get_option_at_index(index).value in self._selected
                    segments[1] = Segment("✓" if ticked else " ", segments[1].style)
                    return Strip(segments, strip.cell_length)
            return strip

    SelectionList.__qualname__ = "SelectionList"
    return SelectionList


_MADE_ON_FIRST_USE = {"DataTable": _data_table, "Checkbox": _checkbox, "SelectionList": _selection_list}


def __getattr__(name: str):
    make = _MADE_ON_FIRST_USE.get(name)
    if make is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    made = globals()[name] = make()
    return made
