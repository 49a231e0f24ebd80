""" "In phụ lục nhiệm vụ" and the body's pointer to its appendix (issue 15, item 1).

Gio Sơn's office wrote no appendix: the plan prints none (one portrait section, the body
whole, the tasks still stored for the check-ins); switched on, the body carries the
reference sentence where its tasks begin, before the appendix. The setting and the sentence
travel through the database (migration 0005), the JSON (optional keys) and the window.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT

from cchc_desktop.domain.model import DEFAULT_APPENDIX_REFERENCE, SectionKind
from cchc_desktop.exports.docx_plan import write_plan_docx
from cchc_desktop.interchange import dump_plan, read_plan_file
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import upgrade
from tests.exports.conftest import PLANS
from tests.exports.nd30_checker import check_nd30, split_parts
from tests.exports.test_docx_plan import expected_body

GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"
HAI_DUONG = PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"


def _all_text(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(texts)


def test_gio_son_without_appendix_prints_no_appendix_and_loses_nothing(tmp_path: Path) -> None:
    plan = read_plan_file(GIO_SON)
    assert plan.appendix_title == "" and plan.tasks and not plan.print_appendix
    out = tmp_path / "gio-son.docx"
    write_plan_docx(plan, out)
    parts = check_nd30(out, doc_type="KẾ HOẠCH", kind="KH")
    assert parts.appendix is None
    sections = docx.Document(str(out)).sections
    assert len(sections) == 1 and sections[0].orientation == WD_ORIENT.PORTRAIT
    assert parts.body_texts == expected_body(plan)  # every paragraph and heading
    text = _all_text(out)
    assert "Phụ lục" not in text and "CÁC NHIỆM VỤ, SẢN PHẨM" not in text
    assert DEFAULT_APPENDIX_REFERENCE not in text


def test_gio_son_with_appendix_the_reference_precedes_it(tmp_path: Path) -> None:
    plan = read_plan_file(GIO_SON)
    plan.print_appendix = True
    plan.appendix_reference = "(Chi tiết các nhiệm vụ tại Phụ lục kèm theo)"
    out = tmp_path / "gio-son-phu-luc.docx"
    write_plan_docx(plan, out)
    parts = check_nd30(out, doc_type="KẾ HOẠCH", kind="KH")
    assert parts.appendix is not None
    body = parts.body_texts
    at = body.index("(Chi tiết các nhiệm vụ tại Phụ lục kèm theo)")
    assert body[at - 1] == "II. NỘI DUNG VÀ HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN"
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts.index("(Chi tiết các nhiệm vụ tại Phụ lục kèm theo)") < texts.index("Phụ lục")
    assert len(document.sections) == 2
    assert document.sections[1].orientation == WD_ORIENT.LANDSCAPE


def test_office_own_pointer_is_not_doubled(tmp_path: Path) -> None:
    plan = read_plan_file(HAI_DUONG)  # its body says "(Có Phụ lục các nhiệm vụ … kèm theo)"
    assert plan.print_appendix
    out = tmp_path / "hai-duong.docx"
    write_plan_docx(plan, out)
    body = split_parts(docx.Document(str(out))).body_texts
    assert sum("phụ lục" in t.lower() for t in body) == 1
    assert DEFAULT_APPENDIX_REFERENCE not in body


def test_json_keys_optional_and_old_files_unchanged(tmp_path: Path) -> None:
    for fixture in (GIO_SON, HAI_DUONG):
        text = fixture.read_text(encoding="utf-8")
        assert "print_appendix" not in text
        assert dump_plan(read_plan_file(fixture)) == text  # written back byte for byte
    plan = read_plan_file(GIO_SON)
    plan.print_appendix = True
    plan.appendix_reference = "(Xem Phụ lục)"
    data = json.loads(dump_plan(plan))["plan"]
    assert (data["print_appendix"], data["appendix_reference"]) == (True, "(Xem Phụ lục)")
    path = tmp_path / "p.plan.json"
    path.write_text(dump_plan(plan), encoding="utf-8")
    back = read_plan_file(path)
    assert (back.print_appendix, back.appendix_reference) == (True, "(Xem Phụ lục)")


def test_stored_and_read_back(db: Database) -> None:
    plan = read_plan_file(GIO_SON)
    plan.print_appendix = True
    plan.appendix_reference = "(Xem Phụ lục)"
    plan.extra_columns = ["Kinh phí"]
    plan.tasks[0].extra = {"Kinh phí": "15 triệu"}
    plan.sections[0].children[0].kind = SectionKind.ITEM
    back = load_plan(db, save_new_plan(db, plan))
    assert (back.print_appendix, back.appendix_reference) == (True, "(Xem Phụ lục)")
    assert back.extra_columns == ["Kinh phí"] and back.tasks[0].extra == {"Kinh phí": "15 triệu"}
    assert back.tasks[1].extra == {}
    assert back.sections[0].children[0].kind.value == "item"
    rows = (
        db.engine.connect()
        .exec_driver_sql("SELECT print_appendix, appendix_reference, extra_columns FROM plan")
        .all()
    )
    assert rows == [(1, "(Xem Phụ lục)", '["Kinh phí"]')]


def test_migration_0005_turns_the_appendix_on_where_the_office_titled_one(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = Database.for_path(path)
    upgrade(old, "0003")
    old.dispose()
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO organization (id, parent, name, abbreviation, place, cutoff_day)
            VALUES (1, '', 'SỞ NỘI VỤ', 'SNV', 'Kon Tum', 15);
        INSERT INTO plan (id, organization_id, year, number, symbol, issued_on, doc_type, title,
            archive, signer_authority, signer_title, signer_name, appendix_title, created_at,
            updated_at)
            VALUES (1, 1, 2022, '1', 'KH-SNV', '', 'KẾ HOẠCH', 'Có phụ lục', 'VT', '', '', '',
                    'CÁC NHIỆM VỤ', '2022-01-01', '2022-01-01'),
                   (2, 1, 2022, '2', 'KH-SNV', '', 'KẾ HOẠCH', 'Không phụ lục', 'VT', '', '',
                    '', '', '2022-01-01', '2022-01-01');
        INSERT INTO section (id, plan_id, parent_id, position, heading)
            VALUES (1, 2, NULL, 0, 'MỤC ĐÍCH'),
                   (2, 2, 1, 0, 'Mục đích'),
                   (3, 2, 1, 1, 'Tăng cường kiểm tra việc thực hiện nhiệm vụ cải cách hành '
                                || 'chính tại các cơ quan, đơn vị.');
    """)
    conn.commit()
    conn.close()
    db = open_database(path)
    first, second = load_plan(db, 1), load_plan(db, 2)
    assert (first.print_appendix, second.print_appendix) == (True, False)
    assert first.appendix_reference == DEFAULT_APPENDIX_REFERENCE
    assert second.sections[0].kind.value == "heading" and second.sections[0].heading == "MỤC ĐÍCH"
    # A sub-section whose heading is a sentence was an untitled khoản all along.
    assert [c.kind.value for c in second.sections[0].children] == ["heading", "item"]
    assert first.extra_columns == []
    db.dispose()
