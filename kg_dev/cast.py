"""The cast of the synthetic corpus: invented officials with their names, posts and ranks.

Names are combined from syllable and family-name lists (no list holds a whole name); ranks, posts'
heads and countries come from `ontology/lexicon/`. The cast of a corpus depends on its seed alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from kg import lexicon

FIRST_DAY = date(2015, 1, 1)

# Syllables names are combined from (no list holds a whole name).
MIDDLE: tuple[str, ...] = (
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Thanh",
    "Xuân",
    "Ngọc",
    "Công",
    "Đình",
)
MIDDLE += ("Mạnh", "Trọng", "Bá", "Thế", "Tiến", "Duy", "Hồng", "Kim", "Anh")
GIVEN: tuple[str, ...] = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
)
GIVEN += ("Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Hòa", "Lâm", "Khoa")
GIVEN += ("Hiếu", "Toàn", "Thịnh", "Tài", "Lộc", "Đạt", "Kiên", "Hưng", "Phúc", "Thành", "Tú")
FOREIGN_HEADS: tuple[str, ...] = (
    "Ka",
    "Mo",
    "Ri",
    "Sa",
    "To",
    "Na",
    "Be",
    "La",
    "Vi",
    "Do",
    "Ste",
    "Mar",
    "Len",
)
FOREIGN_HEADS += ("Ol", "An", "Ro", "Ha", "Ju", "Pe", "Ki", "Ta", "Su", "Mi", "Go", "Er", "Ya")
FOREIGN_MIDS: tuple[str, ...] = (
    "ra",
    "no",
    "ki",
    "ma",
    "li",
    "ta",
    "de",
    "ro",
    "sa",
    "ve",
    "mu",
    "ne",
    "",
)
FOREIGN_TAILS: tuple[str, ...] = (
    "ski",
    "son",
    "ra",
    "no",
    "ka",
    "sen",
    "ev",
    "ez",
    "ton",
    "ard",
    "mura",
    "wa",
)
FOREIGN_TAILS += ("lin", "ov", "ni", "er", "moto", "sch", "dt", "ya", "sky", "tti", "gan", "ez")

MILITARY_RANKS: tuple[str, ...] = (
    "thiếu tá",
    "trung tá",
    "thượng tá",
    "đại tá",
    "thiếu tướng",
    "trung tướng",
)
MILITARY_RANKS += ("thượng tướng",)
FOREIGN_TITLES = ("ông", "bà", "ngài", "đại tá", "chuẩn đô đốc", "thiếu tướng", "trung tướng")

# (post, organisation) pairs of Vietnamese officials; the post's head is in posts.tsv.
VN_POSTS = (
    ("Thứ trưởng", "Bộ Quốc phòng"),
    ("Phó Tổng Tham mưu trưởng", "Quân đội nhân dân Việt Nam"),
    ("Cục trưởng", "Cục Đối ngoại"),
    ("Phó Cục trưởng", "Cục Đối ngoại"),
    ("Cục trưởng", "Cục Gìn giữ hòa bình Việt Nam"),
    ("Phó Cục trưởng", "Cục Gìn giữ hòa bình Việt Nam"),
    ("Giám đốc", "Học viện Quốc phòng"),
    ("Phó Giám đốc", "Học viện Chính trị"),
    ("Cục trưởng", "Cục Quân y"),
    ("Giám đốc", "Bệnh viện Trung ương Quân đội 108"),
    ("Tư lệnh", "Quân chủng Hải quân"),
    ("Phó Tư lệnh", "Quân chủng Phòng không – Không quân"),
    ("Tư lệnh", "Bộ đội Biên phòng"),
    ("Giám đốc", "Trung tâm Bom mìn Việt Nam"),
    ("Vụ trưởng", "Vụ Đông Nam Á, Bộ Ngoại giao"),
    ("Phó Chủ nhiệm", "Tổng cục Chính trị"),
    ("Viện trưởng", "Viện Chiến lược Quốc phòng"),
)
MILITARY_REGIONS: tuple[str, ...] = (
    "Quân khu 1",
    "Quân khu 2",
    "Quân khu 3",
    "Quân khu 4",
    "Quân khu 5",
)
MILITARY_REGIONS += ("Quân khu 7", "Quân khu 9")
# Posts of foreign officials; {c} is their country.
FOREIGN_POSTS = (
    "Bộ trưởng Quốc phòng {c}",
    "Thứ trưởng Quốc phòng {c}",
    "Tùy viên Quốc phòng {c} tại Việt Nam",
    "Đại sứ {c} tại Việt Nam",
    "Tư lệnh Hải quân {c}",
    "Tổng Tham mưu trưởng Quân đội {c}",
    "Giám đốc hợp tác quốc phòng, Bộ Quốc phòng {c}",
    "Cục trưởng Cục Hợp tác quốc tế, Bộ Quốc phòng {c}",
    "Trưởng nhóm chuyên gia gìn giữ hòa bình {c}",
)


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    post: str
    first_rank: int  # index into MILITARY_RANKS, promoted every four years
    title: str = ""  # foreign people: a fixed title instead of a Vietnamese rank


# ---------------------------------------------------------------- the cast


@cache
def countries() -> tuple[str, ...]:
    return tuple(r["name"] for r in lexicon.table("countries") if r["name"] != "Việt Nam")


@cache
def cities() -> tuple[str, ...]:
    return tuple(r["name"] for r in lexicon.table("places") if r["kind"] == "City")


@cache
def provinces() -> tuple[str, ...]:
    return tuple(r["name"] for r in lexicon.table("provinces"))


def vietnamese_name(rng: random.Random) -> str:
    surname = rng.choice(lexicon.words("surnames"))
    given = rng.choice(GIVEN) if rng.random() < 0.7 else f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}"
    return f"{surname} {rng.choice(MIDDLE)} {given}"


def foreign_name(rng: random.Random) -> str:
    def word() -> str:
        return rng.choice(FOREIGN_HEADS) + rng.choice(FOREIGN_MIDS) + rng.choice(FOREIGN_TAILS)

    return f"{word()} {word()}"


@cache
def cast(seed: int, size: int = 4000) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """(Vietnamese officials, foreign officials) of a corpus: fixed by the seed alone."""
    rng = random.Random(f"cast:{seed}")
    regions = tuple(("Tư lệnh", r) for r in MILITARY_REGIONS)
    posts = VN_POSTS + regions
    home = tuple(
        Person(
            vietnamese_name(rng),
            "Việt Nam",
            "{} {}".format(*rng.choice(posts)),
            rng.randrange(2, len(MILITARY_RANKS) - 2),
        )
        for _ in range(size)
    )
    foreign = []
    for _ in range(size // 2):
        country = rng.choice(countries())
        post = rng.choice(FOREIGN_POSTS).format(c=country)
        foreign.append(Person(foreign_name(rng), country, post, 0, rng.choice(FOREIGN_TITLES)))
    return home, tuple(foreign)


def pick(rng: random.Random, people: tuple[Person, ...]) -> Person:
    """Skewed choice: a few people appear in many articles, most in a few."""
    return people[int(len(people) * rng.random() ** 3)]


def rank_on(person: Person, day: date) -> str:
    """A Vietnamese officer is promoted every four years (so ranks change across articles)."""
    step = (day.year - FIRST_DAY.year) // 4
    return MILITARY_RANKS[min(person.first_rank + step, len(MILITARY_RANKS) - 1)]
