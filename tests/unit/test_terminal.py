"""Text for a terminal: control characters escaped, tables fitted to the width."""

from __future__ import annotations

import pandas as pd

from kg.query import render
from kg.terminal import clip, safe, table, width


def test_control_characters_and_bidi_overrides_are_escaped() -> None:
    assert (
        safe("Đại tá\x1b[31m Lê\x07 Văn\u202e An\n") == "Đại tá\\x1b[31m Lê\\x07 Văn\\u202e An\\n"
    )


def test_vietnamese_and_wide_characters_are_counted_by_the_columns_they_take() -> None:
    assert width("Thượng tướng") == 12
    assert width("中国") == 4
    assert width("Hòa\u200b") == 3


def test_a_cell_too_long_is_cut_with_an_ellipsis() -> None:
    assert clip("Bộ Quốc phòng Việt Nam", 10) == "Bộ Quốc p…"
    assert clip("Huế", 10) == "Huế"


def test_a_wide_table_fits_the_width_and_keeps_short_columns_whole() -> None:
    sentence = "Trước đó, chiều 10-10, thượng tướng Phùng Sĩ Tấn đã tiếp bà Matsuzawa Tomoko. " * 5
    lines = table(["subject", "relation", "evidence"], [["Phùng Sĩ Tấn", "received", sentence]], 80)
    assert max(width(line) for line in lines) <= 80
    assert lines[1].startswith("Phùng Sĩ Tấn  received  Trước đó") and lines[1].endswith("…")


def test_query_tables_are_fitted_and_escaped_where_csv_keeps_full_values() -> None:
    frame = pd.DataFrame({"name": ["Lê Văn\x1b[2J An"], "evidence": ["câu dài " * 40]})
    shown = render(frame, "table", width=60)
    assert "\x1b" not in shown and "\\x1b[2J" in shown
    assert max(width(line) for line in shown.splitlines()) <= 60
    assert "câu dài " * 40 in render(frame, "csv")


def test_explain_lines_are_terminal_safe() -> None:
    from kg.query import Explanation

    item = Explanation(
        "https://w3id.org/kg-vn/id/person/x",
        "PERSON",
        ["Lê Văn\x1b]0;pwned\x07 An"],
        ["Person"],
        [],
        [],
        [("tin\u202e.txt", 3, "Đại tá Lê Văn\x1b]0;pwned\x07 An tiếp đoàn.")],
    )
    shown = "\n".join(item.lines())
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "Lê Văn\\x1b]0;pwned\\x07 An" in shown and "tin\\u202e.txt" in shown
