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
from pathlib import Path

from .cast import (
    FIRST_DAY,
    GIVEN,
    VN_POSTS,
    Person,
    cast,
    cities,
    countries,
    pick,
    provinces,
    rank_on,
)

SHARD_SIZE = 1000
DAYS = 3652  # ten years of news
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
class Article:
    """One synthetic article: its text (noise included) and the metadata a .meta.json holds."""

    doc_id: str
    title: str
    text: str
    published: str
    outlet: str

    def meta(self) -> dict[str, str]:
        return {"title": self.title, "published": self.published, "outlet": self.outlet}


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
    province = s.rng.choice(provinces())
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
        return f"Tags: {rng.choice(FIELDS)}, hợp tác quốc phòng, {rng.choice(countries())}"
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
    places = cities()
    city = rng.choice(places[:6]) if rng.random() < 0.7 else rng.choice(places)
    return _Scene(
        rng, day, pick(rng, home), pick(rng, foreign), pick(rng, home), rng.choice(FIELDS), city
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
