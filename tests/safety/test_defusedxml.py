"""defusedxml is a dependency because openpyxl uses it (issue 18, item 5): with it installed
openpyxl parses every worksheet through ``defusedxml.ElementTree.iterparse``, which refuses
entity declarations even if a file got past ``imports/safe_zip``."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import pytest
from openpyxl.xml import DEFUSEDXML, functions


def test_openpyxl_reads_worksheets_through_defusedxml() -> None:
    assert DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml.")


def test_an_entity_in_a_worksheet_is_refused_by_openpyxl_itself(tmp_path: Path) -> None:
    good = io.BytesIO()
    openpyxl.Workbook().save(good)
    bad = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY e "boom">]>' + data  # openpyxl writes no prolog
            out.writestr(item, data)
    with pytest.raises(ValueError, match="could not read worksheets") as caught:
        openpyxl.load_workbook(bad)
    assert isinstance(caught.value.__cause__, defusedxml.EntitiesForbidden)
