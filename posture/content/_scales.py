"""The two answer scales every checklist can use without defining them."""

from __future__ import annotations

from posture.content._models import Scale, ScaleOption
from posture.i18n import _
from posture.vocabulary import AnswerValue

NA_VALUE = AnswerValue.NA.value
NA_KEY = "a"
NA_LABEL = AnswerValue.NA.cap_label  # {"es": "No aplica", "en": "Not applicable"}

YES_NO = Scale(
    id="yes-no",
    label=_("Yes / Partial / No"),
    options=(
        ScaleOption(AnswerValue.YES.value, "y", 1.0, AnswerValue.YES.cap_label),
        ScaleOption(AnswerValue.PARTIAL.value, "p", 0.5, AnswerValue.PARTIAL.cap_label),
        ScaleOption(AnswerValue.NO.value, "n", 0.0, AnswerValue.NO.cap_label),
    ),
)

_MATURITY_NAMES = (
    ("Inexistente", "Non-existent"),
    ("Inicial", "Initial"),
    ("Repetible", "Repeatable"),
    ("Definido", "Defined"),
    ("Gestionado", "Managed"),
    ("Optimizado", "Optimized"),
)

MATURITY = Scale(
    id="maturity",
    label=_("Maturity 0–5"),
    options=tuple(
        ScaleOption(str(level), str(level), level / 5, {"es": f"{level} · {es}", "en": f"{level} · {en}"})
        for level, (es, en) in enumerate(_MATURITY_NAMES)
    ),
)

BUILTIN_SCALES = {YES_NO.id: YES_NO, MATURITY.id: MATURITY}
