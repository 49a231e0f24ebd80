from cchc_desktop.domain.search import matches, search_key


def test_search_key_folds_diacritics_case_and_d_bar() -> None:
    assert search_key("Đường Tuyên truyền") == "duong tuyen truyen"
    assert search_key("ĐẨY MẠNH cải cách") == "day manh cai cach"
    assert search_key("  Văn   phòng\tSở ") == "van phong so"


def test_decomposed_input_matches_composed() -> None:
    decomposed = "Tuye\u0302n truye\u0302\u0300n"
    assert search_key(decomposed) == "tuyen truyen"


def test_matches_every_word_anywhere() -> None:
    assert matches("tuyen truyen", "Tuyên truyền CCHC")
    assert matches("cchc van phong", "Tuyên truyền CCHC", "Văn phòng Sở")
    assert not matches("kiem soat", "Tuyên truyền CCHC")
    assert matches("", "anything")
