"""File → plain domain objects for services to store: plan .docx, filled unit forms .xlsx.

Every reader calls :func:`cchc_desktop.imports.safe_zip.check_office_file` first.
"""
