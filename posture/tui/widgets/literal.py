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


class Static(widgets.Static):
    """``textual.widgets.Static`` with markup off: a ``str`` is shown as written."""

    def __init__(self, content="", *, expand=False, shrink=False, markup=False, name=None, id=None,
                 classes=None, disabled=False) -> None:
        super().__init__(content, expand=expand, shrink=shrink, markup=markup, name=name, id=id,
                         classes=classes, disabled=disabled)


class Label(widgets.Label):
    """``textual.widgets.Label`` with markup off."""

    def __init__(self, content="", *, variant=None, expand=False, shrink=False, markup=False, name=None,
                 id=None, classes=None, disabled=False) -> None:
        super().__init__(content, variant=variant, expand=expand, shrink=shrink, markup=markup, name=name,
                         id=id, classes=classes, disabled=disabled)


def _literal(cell):
    return Text(cell, end="") if isinstance(cell, str) else cell


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


class Tree(widgets.Tree):
    """``textual.widgets.Tree`` whose ``str`` labels are literal."""

    def process_label(self, label):
        return Text(label) if isinstance(label, str) else label
