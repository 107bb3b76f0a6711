"""Dates: every form Vietnamese news uses, with ISO values and inferred years."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates, infer_years, iso_datatype


@pytest.mark.parametrize(
    ("text", "written", "iso"),
    [
        ("Ngày 15-9-2015, hai bên ký kết.", "15-9-2015", "2015-09-15"),
        ("ngày 20/11/2024 tại Huế", "20/11/2024", "2024-11-20"),
        ("ngày 2.9.1945 lịch sử", "2.9.1945", "1945-09-02"),
        ("vào ngày 3 tháng 5 năm 2021", "3 tháng 5 năm 2021", "2021-05-03"),
        ("Từ ngày 6-10/6/2022, hội thảo", "6-10/6/2022", "2022-06-06/2022-06-10"),
        ("từ 5 đến 9/8/2023 tại Lào", "5 đến 9/8/2023", "2023-08-05/2023-08-09"),
        ("diễn tập (tháng 12-2022)", "tháng 12-2022", "2022-12"),
        ("trong tháng 4/2023 sẽ họp", "tháng 4/2023", "2023-04"),
        ("vào tháng 7 năm 2020", "tháng 7 năm 2020", "2020-07"),
        ("chủ tịch năm 2023", "năm 2023", "2023"),
        ("Chiều 10-10, thượng tướng", "10-10", None),
        ("Sáng 7/6, lễ khai mạc", "7/6", None),
        ("tối 31/12, pháo hoa", "31/12", None),
        ("hội nghị (11-10) bàn", "11-10", None),
        ("Trong hai ngày 14 và 15/6, diễn tập", "14 và 15/6", None),
        ("trong các ngày 10, 11 và 12-5-2024 tại", "10, 11 và 12-5-2024", "2024-05-10/2024-05-12"),
        ("vào ngày 3 và 4 tháng 10 năm 2024", "3 và 4 tháng 10 năm 2024", "2024-10-03/2024-10-04"),
        ("từ ngày 28/2 đến ngày 2/3/2025 tại", "28/2 đến ngày 2/3/2025", "2025-02-28/2025-03-02"),
        ("từ 30-11 đến 2-12 tại Hà Nội", "30-11 đến 2-12", None),
    ],
)
def test_date_forms(text: str, written: str, iso: str | None) -> None:
    dates = find_dates(text)
    assert [(d.text, d.iso) for d in dates] == [(written, iso)]


def test_numbered_units_joined_by_va_are_no_pair_of_days() -> None:
    """`ngày 14 và 15/6` is two days; `Trung đoàn 5 và 6/2024`, `Tiểu đoàn 3 và 4 tháng 10` are not."""
    assert find_dates("Trung đoàn 5 và 6/2024 hành quân") == []
    assert [d.text for d in find_dates("Tiểu đoàn 3 và 4 tháng 10")] == ["4 tháng 10"]


def test_scores_and_invalid_days_are_not_dates() -> None:
    assert find_dates("thắng với tỷ số 2-1") == []
    assert find_dates("ngày 32/13/2020") == []


def test_day_month_takes_the_publication_year() -> None:
    dates = infer_years(find_dates("Sáng 7/6, lễ khai mạc"), "2022-06-08")
    assert dates[0].iso == "2022-06-07" and dates[0].year_inferred


def test_day_month_takes_the_year_of_a_dated_mention_of_that_month() -> None:
    dates = infer_years(find_dates("Từ ngày 6-10/6/2022, hội nghị. Sáng 7/6, lễ khai mạc."), None)
    assert [(d.text, d.iso, d.year_inferred) for d in dates] == [
        ("6-10/6/2022", "2022-06-06/2022-06-10", False),
        ("7/6", "2022-06-07", True),
    ]


def test_day_month_without_any_year_stays_open() -> None:
    dates = infer_years(find_dates("Ngày 11-10, tại Hà Nội. Năm 2015 hai bên ký kết."), None)
    assert dates[0].iso is None


def test_iso_datatypes() -> None:
    assert [
        iso_datatype(x) for x in ("2022-06-07", "2022-06", "2022", "2022-06-06/2022-06-10")
    ] == [
        "date",
        "gYearMonth",
        "gYear",
        "string",
    ]
