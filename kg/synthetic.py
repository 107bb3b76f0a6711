"""Synthetic corpus: Vietnamese defence-diplomacy news articles of our own, for benchmarks and tests.

Everything is invented: people are combined from syllable and family-name lists, dates drawn at
random, sentences filled from templates written for this project, and each article carries the web
noise real pages have (photo credits, agency lines, share widgets, related-news teasers, adverts).
Ranks, posts' heads, countries and organisations come from `ontology/lexicon/`.

Article `i` of seed `s` depends on `(s, i)` only, so a 1k corpus is the first thousand articles of
the 10k one, and article 10,000 is a new one for that corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from . import lexicon

SHARD_SIZE = 1000
FIRST_DAY = date(2015, 1, 1)
DAYS = 3652  # ten years of news

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
FIELDS = (
    "gìn giữ hòa bình Liên hợp quốc",
    "quân y",
    "tìm kiếm cứu nạn",
    "an ninh mạng",
    "rà phá bom mìn",
    "đào tạo ngoại ngữ",
    "khắc phục hậu quả chiến tranh",
    "ứng phó thảm họa",
    "công nghiệp quốc phòng",
    "an ninh biển",
    "hỗ trợ nhân đạo",
    "huấn luyện công binh",
)
MISSIONS = (
    "Phái bộ Liên hợp quốc tại Nam Sudan",
    "Lực lượng An ninh lâm thời Liên hợp quốc tại Abyei",
    "Phái bộ ổn định đa chiều tổng hợp của Liên hợp quốc tại Cộng hòa Trung Phi",
)
UNITS = ("Bệnh viện dã chiến cấp 2 số {n}", "Đội Công binh số {n}", "Đội Cảnh sát số {n}")
FORUMS = (
    "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng (ADMM+)",
    "Diễn đàn Khu vực ASEAN (ARF)",
    "Hiệp hội các Trung tâm gìn giữ hòa bình châu Á – Thái Bình Dương (AAPTC)",
)
OUTLETS = ("QĐND", "TTXVN", "VOV", "Báo Quốc phòng", "Báo Biên phòng", "Tạp chí Quốc phòng")
AGENCIES = ("QĐND", "TTXVN", "VOV", "VOV5", "CAND")
SITES = ("qdnd.vn", "vov.vn", "bienphong.vn", "tapchiqptd.vn", "baotintuc.vn")
PARTS_OF_DAY = ("Sáng", "Chiều", "Tối", "Ngày")
SLOGANS = (
    "Hai bên nhất trí tiếp tục duy trì các cơ chế đối thoại, trao đổi đoàn các cấp và phối hợp "
    "chặt chẽ tại các diễn đàn đa phương.",
    "Các đại biểu đã trao đổi ý kiến về tình hình khu vực và quốc tế cùng quan tâm, đồng thời "
    "đề xuất nhiều giải pháp thiết thực nhằm nâng cao hiệu quả hợp tác trong thời gian tới.",
    "Hoạt động lần này góp phần tăng cường hiểu biết, tin cậy lẫn nhau, thúc đẩy quan hệ hữu "
    "nghị và hợp tác quốc phòng song phương ngày càng đi vào chiều sâu, thực chất.",
    "Thời gian qua, hợp tác quốc phòng giữa hai nước đã có những bước phát triển tích cực trên "
    "nhiều lĩnh vực như trao đổi đoàn, đào tạo, hợp tác hải quân và khắc phục hậu quả chiến tranh.",
    "Phía bạn đánh giá cao những đóng góp của Việt Nam trong hoạt động gìn giữ hòa bình Liên hợp "
    "quốc, nhất là kết quả hoàn thành nhiệm vụ của các lực lượng được triển khai.",
)


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    post: str
    first_rank: int  # index into MILITARY_RANKS, promoted every four years
    title: str = ""  # foreign people: a fixed title instead of a Vietnamese rank


@dataclass(frozen=True)
class Article:
    """One synthetic article: its text (noise included) and the metadata a .meta.json holds."""

    doc_id: str
    title: str
    text: str
    published: str
    outlet: str

    def meta(self) -> dict[str, str]:
        return {"title": self.title, "published": self.published, "outlet": self.outlet}


# ---------------------------------------------------------------- the cast


@cache
def _countries() -> tuple[str, ...]:
    return tuple(r["name"] for r in lexicon.table("countries") if r["name"] != "Việt Nam")


@cache
def _cities() -> tuple[str, ...]:
    return tuple(r["name"] for r in lexicon.table("places") if r["kind"] == "City")


@cache
def _provinces() -> tuple[str, ...]:
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
        country = rng.choice(_countries())
        post = rng.choice(FOREIGN_POSTS).format(c=country)
        foreign.append(Person(foreign_name(rng), country, post, 0, rng.choice(FOREIGN_TITLES)))
    return home, tuple(foreign)


def _pick(rng: random.Random, people: tuple[Person, ...]) -> Person:
    """Skewed choice: a few people appear in many articles, most in a few."""
    return people[int(len(people) * rng.random() ** 3)]


def rank_on(person: Person, day: date) -> str:
    """A Vietnamese officer is promoted every four years (so ranks change across articles)."""
    step = (day.year - FIRST_DAY.year) // 4
    return MILITARY_RANKS[min(person.first_rank + step, len(MILITARY_RANKS) - 1)]


# ---------------------------------------------------------------- sentences


@dataclass
class _Scene:
    """One paragraph's cast: its date, a Vietnamese host, a foreign guest, another official."""

    rng: random.Random
    day: date
    host: Person
    guest: Person
    other: Person
    field: str
    city: str

    def named(self, person: Person, cap: bool = False) -> str:
        text = f"{self._rank(person)} {person.name}"
        return _cap(text) if cap else text

    def _rank(self, person: Person) -> str:
        return person.title or rank_on(person, self.day)

    def short(self, person: Person) -> str:
        """How an article names someone the second time: rank and name, or title and surname."""
        if person.title:
            return f"{person.title} {person.name.split()[0]}"
        return f"{self._rank(person)} {person.name}"

    def date_text(self, with_year: bool = False) -> str:
        text = f"{self.day.day}-{self.day.month}"
        return f"{text}-{self.day.year}" if with_year else text

    def when(self) -> str:
        return f"{self.rng.choice(PARTS_OF_DAY)} {self.date_text()}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _reception(s: _Scene) -> str:
    return (
        f"{s.when()}, tại {s.city}, {s.named(s.host)} – {s.host.post} – đã tiếp "
        f"{s.named(s.guest)}, {s.guest.post}, nhân dịp đoàn sang thăm và làm việc tại Việt Nam. "
        f"Tại buổi tiếp, {s.short(s.host)} nhấn mạnh quan hệ hợp tác quốc phòng Việt Nam – "
        f"{s.guest.country} thời gian qua phát triển tích cực, trong đó hợp tác về {s.field} là "
        f"lĩnh vực được hai bên quan tâm, ưu tiên thúc đẩy."
    )


def _talks(s: _Scene) -> str:
    return (
        f"Trước đó, {s.when().lower()}, {s.named(s.host)}, {s.host.post}, đã hội đàm với "
        f"{s.named(s.guest)}, {s.guest.post}. Hai bên đã thông báo cho nhau tình hình mỗi nước, "
        f"đánh giá kết quả hợp tác thời gian qua và thống nhất phương hướng hợp tác trong lĩnh vực "
        f"{s.field} giai đoạn {s.day.year + 1} – {s.day.year + 3}."
    )


def _meeting(s: _Scene) -> str:
    forum = s.rng.choice(FORUMS)
    return (
        f"Ngày {s.date_text()}, tại {s.city}, kỳ họp lần thứ {s.rng.randrange(2, 30)} nhóm chuyên "
        f"gia về {s.field} trong khuôn khổ {forum} đã khai mạc. Hội nghị do Bộ Quốc phòng Việt Nam "
        f"tổ chức với sự đồng chủ trì của {s.named(s.host)} – {s.host.post} và "
        f"{s.named(s.guest)} – {s.guest.post}. Các đại biểu đã tập trung thảo luận kế hoạch hoạt "
        f"động của nhóm chuyên gia trong chu kỳ mới và việc chia sẻ kinh nghiệm giữa các nước."
    )


def _seminar(s: _Scene) -> str:
    return (
        f"{s.when()}, Hội thảo quốc tế về {s.field} khu vực châu Á – Thái Bình Dương năm "
        f"{s.day.year} đã diễn ra tại {s.city} theo hình thức trực tiếp kết hợp trực tuyến. "
        f"{s.named(s.other, cap=True)}, {s.other.post}, chủ trì hội thảo. Tham dự có đại diện của "
        f"{s.rng.randrange(8, 25)} quốc gia và nhiều tổ chức quốc tế."
    )


def _signing(s: _Scene) -> str:
    return (
        f"Ngày {s.date_text(with_year=True)}, Bộ Quốc phòng Việt Nam và Bộ Quốc phòng "
        f"{s.guest.country} đã ký kết bản ghi nhớ về hợp tác trong lĩnh vực {s.field}, đặt nền "
        f"móng cho việc mở rộng hợp tác giữa hai nước. {s.named(s.host, cap=True)} và "
        f"{s.named(s.guest)} đã chứng kiến lễ ký kết."
    )


def _course(s: _Scene) -> str:
    end = s.day + timedelta(days=s.rng.randrange(5, 15))
    return (
        f"Từ ngày {s.day.day}-{end.day}/{end.month}/{end.year}, tại {s.city}, Khóa huấn luyện về "
        f"{s.field} năm {s.day.year} đã được tổ chức với sự tham gia của {s.rng.randrange(20, 60)} "
        f"học viên đến từ {s.rng.randrange(3, 12)} quốc gia. Phát biểu tại lễ khai mạc, "
        f"{s.named(s.other)}, {s.other.post}, cho biết khóa học giúp học viên nắm vững quy trình "
        f"chuẩn bị trước khi triển khai làm nhiệm vụ."
    )


def _exercise(s: _Scene) -> str:
    province = s.rng.choice(_provinces())
    return (
        f"Sáng {s.day.day}/{s.day.month}, tại {province}, Diễn tập {s.field} {province} "
        f"{s.day.year} đã diễn ra với sự tham gia của hàng trăm cán bộ, chiến sĩ. "
        f"{s.named(s.other, cap=True)} – {s.other.post} – chủ trì diễn tập và đánh giá cao "
        f"tinh thần phối hợp của các lực lượng."
    )


def _deployment(s: _Scene) -> str:
    unit = s.rng.choice(UNITS).format(n=s.rng.randrange(1, 9))
    return (
        f"Cũng trong tháng {s.day.month}-{s.day.year}, {unit} của Việt Nam đã lên đường làm "
        f"nhiệm vụ tại {s.rng.choice(MISSIONS)}. {s.named(s.other, cap=True)}, {s.other.post}, đã "
        f"dự lễ xuất quân và giao nhiệm vụ cho lực lượng."
    )


def _visit(s: _Scene) -> str:
    return (
        f"Nhân dịp này, đoàn đại biểu {s.guest.country} đã đến thăm {s.rng.choice(VN_POSTS)[1]} "
        f"và làm việc với lãnh đạo đơn vị. {s.named(s.other, cap=True)}, {s.other.post}, đã giới "
        f"thiệu với đoàn về chức năng, nhiệm vụ và kết quả hợp tác quốc tế của đơn vị."
    )


def _remarks(s: _Scene) -> str:
    return (
        f"{s.named(s.guest, cap=True)} cảm ơn sự đón tiếp chu đáo của phía Việt Nam và khẳng định "
        f"{s.guest.country} mong muốn tăng cường hợp tác với Việt Nam trong lĩnh vực {s.field}. "
        f"{s.rng.choice(SLOGANS)}"
    )


def _prose(s: _Scene) -> str:
    return " ".join(s.rng.sample(SLOGANS, 2))


SCENES: tuple[Callable[[_Scene], str], ...] = (
    _talks,
    _meeting,
    _seminar,
    _signing,
    _course,
    _exercise,
    _deployment,
    _visit,
    _remarks,
)
SCENES += (_prose,)


# ---------------------------------------------------------------- web noise


def _phone(rng: random.Random) -> str:
    return f"09{rng.randrange(10)}{rng.randrange(10)}.{rng.randrange(1000):03d}.{rng.randrange(1000):03d}"


def _noise(rng: random.Random, title: str) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return f"{title} - ảnh {rng.randrange(1, 4)}Các đại biểu chụp ảnh lưu niệm. Ảnh: {rng.choice(SITES)}"
    if kind == 1:
        return rng.choice(("Chia sẻ", "Bình luận", "In bài", "Lưu bài", "Feedback"))
    if kind == 2:
        return f"Tin liên quan: {rng.choice(FIELDS).capitalize()} – những kết quả nổi bật"
    if kind == 3:
        return f"Tags: {rng.choice(FIELDS)}, hợp tác quốc phòng, {rng.choice(_countries())}"
    if kind == 4:
        return (
            f"Công ty Vận tải {rng.choice(GIVEN)} {rng.choice(GIVEN)} xin cảm ơn quý khách đã tin "
            f"dùng dịch vụ. Vui lòng liên hệ hotline {_phone(rng)} để được tư vấn miễn phí."
        )
    return f"Theo {rng.choice(OUTLETS)}"


# ---------------------------------------------------------------- articles


def article(seed: int, index: int) -> Article:
    """Article `index` of the corpus of `seed` (2–4k characters, noise included)."""
    rng = random.Random(f"article:{seed}:{index}")
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    lead = _scene(rng, seed, day)
    title = f"Việt Nam – {lead.guest.country} tăng cường hợp tác trong lĩnh vực {lead.field}"
    lines = [title]
    if rng.random() < 0.5:
        lines.append(_noise(rng, title))
    lines.append(f"({rng.choice(AGENCIES)}) - " + _reception(lead))
    target = rng.randrange(2000, 4000)
    for write in rng.sample(SCENES, len(SCENES)):
        if sum(len(line) + 1 for line in lines) >= target:
            break
        same_guest = rng.random() < 0.5  # half the paragraphs stay with the lead's guest
        scene = _scene(rng, seed, day - timedelta(days=rng.randrange(0, 30)))
        if same_guest:
            scene.guest, scene.field = lead.guest, lead.field
        lines.append(write(scene))
        if rng.random() < 0.3:
            lines.append(_noise(rng, title))
    lines.append(_noise(rng, title))
    return Article(
        doc_id=f"synth-{seed}-{index:06d}",
        title=title,
        text="\n".join(lines) + "\n",
        published=day.isoformat(),
        outlet=rng.choice(OUTLETS),
    )


def _scene(rng: random.Random, seed: int, day: date) -> _Scene:
    home, foreign = cast(seed)
    cities = _cities()
    city = rng.choice(cities[:6]) if rng.random() < 0.7 else rng.choice(cities)
    return _Scene(
        rng, day, _pick(rng, home), _pick(rng, foreign), _pick(rng, home), rng.choice(FIELDS), city
    )


def articles(count: int, seed: int = 0, start: int = 0) -> Iterator[Article]:
    for index in range(start, start + count):
        yield article(seed, index)


def write_corpus(
    out: Path, count: int, seed: int = 0, fmt: str = "jsonl", start: int = 0
) -> list[Path]:
    """Write `count` articles: JSON Lines shards of SHARD_SIZE articles, or one .txt (with its
    .meta.json) per article in folders of SHARD_SIZE. Returns the files written."""
    if fmt not in {"jsonl", "txt"}:
        raise ValueError(f"unknown corpus format {fmt!r}: use jsonl or txt")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    end = start + count
    for shard in range(start // SHARD_SIZE, -(-end // SHARD_SIZE)):
        low, high = max(start, shard * SHARD_SIZE), min(end, (shard + 1) * SHARD_SIZE)
        batch = articles(high - low, seed, low)
        name = f"shard-{low:07d}"
        written += _write_jsonl(out / f"{name}.jsonl", batch) if fmt == "jsonl" else []
        written += _write_txt(out / name, batch) if fmt == "txt" else []
    return written


def _write_jsonl(path: Path, batch: Iterator[Article]) -> list[Path]:
    with path.open("w", encoding="utf-8") as handle:
        for item in batch:
            record = {"id": item.doc_id, "text": item.text, **item.meta()}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [path]


def _write_txt(folder: Path, batch: Iterator[Article]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in batch:
        path = folder / f"{item.doc_id}.txt"
        path.write_text(item.text, encoding="utf-8")
        meta = json.dumps(item.meta(), ensure_ascii=False, indent=1)
        (folder / f"{item.doc_id}.meta.json").write_text(meta + "\n", encoding="utf-8")
        written.append(path)
    return written
