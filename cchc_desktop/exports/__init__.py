"""Pure functions from a loaded Plan aggregate to a file (.docx, .xlsx).

Nothing is imported here: python-docx and openpyxl are heavy, so callers import the module
they need (``cchc_desktop.exports.docx_plan``, ...) when they need it.
"""
