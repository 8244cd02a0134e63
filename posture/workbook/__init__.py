"""The workbook adapter: the vendor questionnaire as an .xlsx file, written and read back with openpyxl.

Only this package imports openpyxl; what a cell means is decided in the core (``posture.questionnaire``).
"""

from posture.workbook._read import (
    MAX_CELLS,
    MAX_ENTRIES,
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    check_archive,
    read_workbook,
)
from posture.workbook._write import METADATA_SHEET, sheet_name, workbook_bytes, write_questionnaire

__all__ = ["MAX_CELLS", "MAX_ENTRIES", "MAX_EXPANDED_BYTES", "MAX_FILE_BYTES", "MAX_RATIO", "MAX_ROWS", "MAX_SHEETS",
           "METADATA_SHEET", "check_archive", "read_workbook", "sheet_name", "workbook_bytes", "write_questionnaire"]
