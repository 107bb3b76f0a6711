"""Organisations, events and agreements: a head noun (`Cục`, `Hội nghị`, `Bản ghi nhớ`) extended over
the rest of its name.

A name runs through its complements, each read by a small rule below: a bracketed acronym or code
name, a quoted title, `lần thứ N`, `năm 2024`, `giai đoạn 2021 – 2023`, `giữa A và B`, `về …`,
`của …`, `tại …` (for offices abroad), `X – Y`, `A và B` inside an organisation's own name. It ends
at a clause word, a time word, a date, a rank or person, or punctuation, never inside a word
and never on a function word. A bare head with nothing after it refers back to a name met before.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ... import lexicon
from ...model import EntityType
from ..gazetteer import Cat, Entry, function_words
from ..tokens import Tokens, ends_with, role_starts, starts_with
from .candidate import Candidate, Span
from .people import foreign_run, foreign_shaped, name_run, ranks_at
from .shapes import is_surname, starts_word, stop_at, word_ends_at

# POS tags (pyvi) that end a lower-case stretch of an organisation's name.
CLAUSE_POS = {"V", "R", "E", "C", "P", "T", "X", "Cc", "CH"}
PLURAL = {"các", "những", "nhiều", "mọi", "mỗi", "một số"}
MAX_PHRASE = 40
CODE_NAME = re.compile(r"[^\W\d][\w+ ]*?\s?[-–]\s?\d{1,4}")
MAX_LOWER = {EntityType.ORGANIZATION: 8, EntityType.EVENT: 20, EntityType.AGREEMENT: 20}
# Function words a topic complement (`về hợp tác trong lĩnh vực ...`) runs through.
TOPIC_LINKS = {"trong", "của", "giữa", "cho", "với", "về", "đối với", "và", "trên"}
# Function words an event's or agreement's name runs through when a name or a noun follows.
EVENT_LINKS = {"trên", "với", "giữa", "cho", "dành cho", "hướng tới", "đến", "của", "trước", "sau"}
CLOSING = {",", ";", ".", ":", ")", "]", "!", "?", "”", '"'}

_HEADS = (
    (Cat.ORG_HEAD, EntityType.ORGANIZATION),
    (Cat.EVENT, EntityType.EVENT),
    (Cat.AGREEMENT, EntityType.AGREEMENT),
    (Cat.SITE_HEAD, EntityType.LOCATION),
)
_HEAD_CATS = frozenset(cat for cat, _ in _HEADS)
_CAT_OF = {typ: cat for cat, typ in _HEADS}


@dataclass
class Extent:
    """A name being read: where it starts and what it has taken in so far."""

    t: Tokens
    typ: EntityType
    head: Entry | None
    i: int
    j: int
    end: int = 0
    acronym: Span | None = None
    refers_back: bool = False
    in_topic: bool = False
    caps: int = 0
    lower: int = 0
    stops: list[str] = field(default_factory=list)
    closed: bool = (
        False  # the parties (`giữa A và B`) or the period closed the name: only a period follows
    )

    @property
    def kind(self) -> str:
        return self.head.get("kind") if self.head else ""

    def topic_allowed(self, capitalised: bool = False) -> bool:
        """Whether the name may carry a `về …` topic: events and agreements, organisations whose
        head takes one, and any organisation whose topic is capitalised (`Văn phòng Liên hợp quốc về
        Ma túy và Tội phạm`)."""
        return (
            self.typ is not EntityType.ORGANIZATION
            or bool(self.head and self.head.get("topic") == "yes")
            or (capitalised and self.caps > 0)
        )


# ------------------------------------------------------------------ complements


def bracket_acronym(t: Tokens, k: int) -> int | None:
    """`(EWG PKO)`, `(ADMM+)`: index after the closing bracket when k opens an acronym."""
    if k >= len(t) or t[k].text != "(":
        return None
    q = k + 1
    while (
        q < len(t)
        and q - k <= 5
        and (
            t[q].is_acronym
            or t[q].text in {"+", "-"}
            or t[q].is_number
            or (t[q].is_cap and q > k + 1)
        )
    ):
        q += 1
    if q > k + 1 and q < len(t) and t[q].text == ")" and t[k + 1].is_acronym:
        return q + 1
    return None


def _quote_end(t: Tokens, k: int) -> int | None:
    """`“Huấn luyện bảo vệ dân thường: Thách thức và giải pháp”`: index after the closing quote."""
    if k >= len(t) or t[k].text not in {'"', "“"}:
        return None
    for q in range(k + 1, min(len(t), k + 40)):
        if t[q].text in {'"', "”"}:
            return q + 1 if q > k + 1 else None
    return None


def _ordinal(t: Tokens, k: int) -> int | None:
    """`lần thứ 10`, `thứ 18`, `lần 2`, `số 4`, `khóa 3`, `cấp 2`: a number that individuates."""
    q = k
    if t[q].key == "lần" and q + 1 < len(t) and t[q + 1].key == "thứ":
        q += 2
    elif t[q].key in {"thứ", "lần", "số", "khóa", "khoá", "cấp", "đợt", "chu"}:
        q += 1 + (t[q].key == "chu" and q + 1 < len(t) and t[q + 1].key == "kỳ")
    else:
        return None
    if q < len(t) and (t[q].is_number or t[q].key in _ORDINAL_WORDS):
        return q + 1
    return None


_ORDINAL_WORDS = {
    "nhất",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
}


def _year_span(t: Tokens, k: int) -> int | None:
    """`2019`, `năm 2024`, `năm 2020 – 2021`, `giai đoạn 2021 – 2023`, `đến năm 2030`,
    `(2021-2023)`: a year or period that names which one it is."""
    q = k
    if (t[q].key == "giai" and q + 1 < len(t) and t[q + 1].key == "đoạn") or (
        t[q].key == "đến" and q + 1 < len(t) and t[q + 1].key == "năm"
    ):
        q += 2
    elif t[q].key == "năm":
        q += 1
    if q >= len(t) or not _is_year(t[q].text):
        return None
    q += 1
    if q + 1 < len(t) and t[q].is_dash and _is_year(t[q + 1].text):
        q += 2
    return q


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


def _bracket_period(t: Tokens, k: int) -> int | None:
    """`(2021-2023)` or `(2021 – 2023)` after a name."""
    if t[k].text != "(" or k + 2 >= len(t):
        return None
    q = _year_span(t, k + 1)
    return q + 1 if q is not None and q < len(t) and t[q].text == ")" else None


def _dash_join(t: Tokens, k: int, organisation: bool = False) -> int | None:
    """`Việt Nam – Indonesia`, `ASEAN – Nhật Bản`, `Á – Âu`: a dash between two names; in an
    organisation's name also after a lower-case word (`Sở Lao động – Thương binh và Xã hội`)."""
    if not t[k].is_dash or k == 0 or k + 1 >= len(t):
        return None
    before, after = t[k - 1], t[k + 1]
    if not (after.is_cap or after.is_acronym) or not after.is_word:
        return None
    if organisation and not _cap_word(t, k - 1) and t.any_at(k + 1, *_OTHER_NAMES):
        return None  # `Sở Lao động – Thương binh`, `Học viện Phòng không – Không quân` go on
    if _cap_word(t, k - 1) or before.is_acronym or before.is_number or organisation:
        place = t.any_at(k + 1, Cat.COUNTRY, Cat.PLACE, Cat.KNOWN_ORG)
        return place.end if place else k + 2
    return None


def _field_list(t: Tokens, i: int, k: int) -> bool:
    """`về hợp tác trong các lĩnh vực giáo dục – đào tạo, năng lượng tái tạo và phát triển cảng
    biển`: a comma inside a topic's list of fields, closed by `và` before any other punctuation."""
    if ("lĩnh", "vực") not in itertools.pairwise(t.keys[i : k + 1]):
        return False
    if k + 1 >= len(t) or t[k + 1].is_cap or not t[k + 1].is_word:
        return False
    for q in range(k + 1, min(len(t), k + 12)):
        if t[q].key == "và":
            return True
        if not (t[q].is_word or t[q].is_dash or t[q].text == ","):
            return False
    return False


def _topic_dash(t: Tokens, k: int) -> int | None:
    """`về hợp tác giáo dục – đào tạo`: a dash between two lower-case words of a topic joins them."""
    if k == 0 or k + 1 >= len(t):
        return None
    before, after = t[k - 1], t[k + 1]
    if before.is_word and after.is_word and not before.is_cap and not after.is_cap:
        return k + 2
    return None


_OTHER_NAMES = (Cat.ORG_HEAD, Cat.KNOWN_ORG, Cat.POST, Cat.RANK, Cat.EVENT, Cat.AGREEMENT)


def _country_end(t: Tokens, k: int) -> int | None:
    m = t.any_at(k, Cat.KNOWN_ORG, Cat.PLACE, Cat.COUNTRY)
    return m.end if m and t[k].is_cap else None


def _name_after(t: Tokens, k: int, limit: int = 12) -> int | None:
    """The end of a proper name starting at k: lexicon names and capitalised words, with the
    lower-case words of an organisation's name between them (`Bộ Y tế Việt Nam`, `Sở Kế hoạch
    và Đầu tư tỉnh Bình Dương`, `WHO`)."""
    if k >= len(t) or not (t[k].is_cap or t[k].is_acronym) or not t[k].is_word:
        return None
    q = last = k
    while q < len(t) and q - k < limit:
        known = _country_end(t, q)
        if known:
            q = last = known
            continue
        tok = t[q]
        if tok.is_word and (tok.is_cap or tok.is_acronym or tok.is_number):
            q = last = q + 1
            continue
        if tok.is_word and not stop_at(t, q) and q + 1 < len(t) and t[q + 1].is_word:
            q += 1
            continue
        break
    return last if last > k else None


def party_end(t: Tokens, k: int) -> int | None:
    """The end of one party of `giữa A và B`: an organisation read with its own name (`Sở Kế hoạch và
    Đầu tư tỉnh Bình Dương`), a known name, a capitalised run, or `hai bên`, `hai Bộ Ngoại giao`."""
    if k >= len(t):
        return None
    if t[k].key in {"hai", "ba", "các"} and k + 1 < len(t):
        head = t.any_at(k + 1, Cat.ORG_HEAD, Cat.COUNTRY, Cat.POST)
        return head.end if head else (k + 2 if t[k + 1].key in {"bên", "nước", "phía"} else None)
    if t[k].key in {"đoàn", "phái"}:
        return _delegation_end(t, k)
    own = headed(t, k) if t.any_at(k, Cat.ORG_HEAD) else None
    if own is not None and own.type is EntityType.ORGANIZATION:
        return own.j
    return _name_after(t, k)


def _delegation_end(t: Tokens, k: int) -> int | None:
    """`đoàn đại biểu quân sự cấp cao Bộ Quốc phòng Việt Nam (do Đại tướng X dẫn đầu)`: a party that
    is a delegation of an organisation or a country, with its leader."""
    q = k + 1
    while q < len(t) and q - k < 6 and t[q].is_word and not t[q].is_cap:
        q += 1
    end = (
        party_end(t, q) if q < len(t) and t[q].is_cap and t[q].key not in {"đoàn", "phái"} else None
    )
    if end is None:
        return None
    if end < len(t) and t[end].key == "do":
        lead = next(
            (
                r
                for r in range(end + 1, min(len(t), end + 20))
                if t.keys_at(r, r + 2) == ("dẫn", "đầu")
            ),
            None,
        )
        return lead + 2 if lead is not None else end
    return end


def _parties(t: Tokens, k: int) -> int | None:
    """`giữa A và B` (or `với B`), or `giữa hai nước`: the index after the last party."""
    first = party_end(t, k)
    if first is None:
        return None
    if first < len(t) and t[first].text == "(":  # `giữa Tổng cục X (Bộ Quốc phòng) và Ủy ban Y`
        close = next(
            (q for q in range(first + 1, min(len(t), first + 10)) if t[q].text == ")"), None
        )
        if close is not None and close + 2 < len(t) and t[close + 1].key in {"và", "với"}:
            first = close + 1
    if first + 1 < len(t) and t[first].key in {"và", "với"}:
        return party_end(t, first + 1) or first
    return first


# ------------------------------------------------------------------ the reader


def extend(x: Extent) -> Extent:
    """Read the name from the head's end (`x.j`) to where it stops; `x.end` is its end."""
    t = x.t
    k = x.end = x.j
    while k < len(t) and k - x.j < MAX_PHRASE:
        step = _step(x, k)
        if step is None:
            break
        k = step
    x.end = _trim(t, x.j, x.end)
    return x


def _take(x: Extent, q: int) -> int:
    x.end = q
    return q


def _step(x: Extent, k: int) -> int | None:
    """One step of the reader: the index after what it took at k, or None where the name ends."""
    t = x.t
    tok = t[k]
    if x.closed:  # `… giữa KOICA và UNFPA cho dự án`: after its parties only a period follows
        if tuple(t.keys[k : k + 2]) in function_words("pair"):
            return _take(x, k + 2)  # `giữa Bộ Quốc phòng hai nước`
        if tok.is_dash and k + 1 < len(t) and _is_year(t[k + 1].text) and _is_year(t[k - 1].text):
            return _take(x, k + 2)  # `giai đoạn 2025 – 2027`
        q = _year_span(t, k) or (_year_span(t, k + 1) if tok.text == "," else None)
        return _take(x, q) if q and x.typ is not EntityType.ORGANIZATION else None
    if x.typ is EntityType.AGREEMENT and k > x.j and _is_year(t[k - 1].text) and tok.key == "với":
        return None  # `… giai đoạn 2017 – 2019 với tổng kinh phí …`: what it costs, not its name
    if tok.text == "(" and x.kind == "Exercise" and (q := _code_in_brackets(t, k)):
        return _take(x, q)  # `Diễn tập … (ARDEX-2024)`: a code name, not an acronym of the name
    acr = bracket_acronym(t, k)
    if acr is not None:
        x.acronym = (k + 1, acr - 1)
        if x.typ is EntityType.EVENT and acr < len(t) and (_ordinal(t, acr) or _year_span(t, acr)):
            return _take(x, acr)
        return None
    for complement in (_quote_end, _bracket_period):
        q = complement(t, k)
        if q is not None and x.typ is not EntityType.ORGANIZATION:
            x.caps += 1
            return _take(x, q)
    if tok.text == "(" and x.typ is EntityType.EVENT and (q := _bracket_code(t, k)):
        return _take(x, q)
    if k == x.j and x.kind == "Ceremony" and (obj := _object_of_ceremony(t, k)):
        x.caps += 1
        return _take(x, obj)
    if tok.text == "," and x.typ is not EntityType.ORGANIZATION and k + 1 < len(t):
        q = _year_span(t, k + 1) if t[k + 1].key == "giai" else None
        if q is None and x.in_topic and _field_list(t, x.i, k):
            return k + 1
        return _take(x, q) if q else None
    if tok.text == "," and x.typ is EntityType.ORGANIZATION and _enumerated_name(t, k):
        return k + 1  # `Trung tâm Gìn giữ hòa bình, Rà phá bom mìn và Vật liệu chưa nổ`
    if tok.is_dash:
        q = _dash_join(t, k, x.typ is EntityType.ORGANIZATION)
        if q is None and x.in_topic:
            q = _topic_dash(t, k)
        return _take(x, q) if q else None
    if not tok.is_word:
        return None
    if x.typ is not EntityType.ORGANIZATION:
        q = _ordinal(t, k) or _year_span(t, k)
        if q is not None:
            return _take(x, q)
    elif _year_span(t, k):
        return None
    if t.date_at(k):
        return None
    known = t.any_at(k, Cat.KNOWN_ORG, Cat.PLACE, Cat.COUNTRY)
    if known and tok.is_cap:
        x.caps += 1
        return _take(x, known.end)
    stop = stop_at(t, k)
    if stop:
        return _through_stop(x, k, stop.entries[0])
    return _word(x, k)


def _enumerated_name(t: Tokens, k: int) -> bool:
    """A comma inside an organisation's name: capitalised words that begin nothing else follow, and
    the enumeration closes with `và` and a capitalised word before any other punctuation."""
    nxt = k + 1
    if nxt >= len(t) or not t[nxt].is_cap or t.any_at(nxt, *_OTHER_NAMES, Cat.COUNTRY, Cat.PLACE):
        return False
    for q in range(nxt + 1, min(len(t), nxt + 8)):
        if not t[q].is_word:
            return False
        if t[q].key == "và":
            return q + 1 < len(t) and t[q + 1].is_cap and not t.any_at(q + 1, *_OTHER_NAMES)
    return False


def _object_of_ceremony(t: Tokens, k: int) -> int | None:
    """`Lễ ký Bản ghi nhớ về …`, `Lễ khai mạc Khóa huấn luyện …`: a ceremony's name runs through the
    whole name of the event or agreement it is held for."""
    if not t.any_at(k, Cat.EVENT, Cat.AGREEMENT) or not t[k].is_cap:
        return None
    inner = headed(t, k)
    return inner.j if inner is not None and not inner.refers_back else None


def _bracket_code(t: Tokens, k: int) -> int | None:
    """`(Khaan Quest 2019)`, `(ABC-2021)`: a code name in brackets after an exercise's name."""
    for q in range(k + 1, min(len(t), k + 6)):
        if t[q].text == ")":
            inner = t[k + 1 : q]
            return (
                q + 1 if inner and any(tok.is_number for tok in inner) and inner[0].is_cap else None
            )
        if not (t[q].is_cap or t[q].is_number or t[q].is_dash or t[q].is_acronym):
            return None
    return None


def _code_in_brackets(t: Tokens, k: int) -> int | None:
    """`(ARDEX-2024)`, `(Cobra Gold-25)`: capitalised letters joined by a dash to a number, in
    brackets after an exercise's name, are its code name (`(ADMM+)`, `(AEM-48)` after a meeting are
    acronyms)."""
    if k >= len(t) or t[k].text != "(" or k + 1 >= len(t) or not t[k + 1].is_cap:
        return None
    close = next((q for q in range(k + 2, min(len(t), k + 6)) if t[q].text == ")"), None)
    if close is None:
        return None
    inner = t.text(k + 1, close)
    return close + 1 if CODE_NAME.fullmatch(inner) else None


def _word(x: Extent, k: int) -> int | None:
    t = x.t
    tok = t[k]
    if t.at(k, Cat.RANK) and t.word_start[k] and not x.in_topic and _rank_of_a_person(t, k):
        return None  # `Bộ Quốc phòng Đại tướng X`: a person begins (not `Cục Bà mẹ và Trẻ em`)
    if tok.is_cap and x.caps and _person_begins(t, k):
        return None
    if tok.is_cap and not x.caps and _holder_follows(t, x, k):
        return None
    if (
        x.typ is EntityType.ORGANIZATION
        and not x.in_topic
        and tok.is_cap
        and t.at(k, Cat.POST)
        and k > x.j
    ):
        return None  # `Văn phòng Điều phối viên …` keeps a post right after its head
    if tok.is_cap or tok.is_number or tok.is_acronym:
        x.caps += tok.is_cap or tok.is_acronym
        x.lower = 0
        return _take(x, k + 1)
    if x.typ is EntityType.ORGANIZATION and not x.in_topic and _ends_org(t, k):
        return None
    if x.typ is EntityType.ORGANIZATION and tuple(t.keys[k : k + 2]) in function_words("pair"):
        return None  # `Bộ Quốc phòng hai nước`: both countries' ministries, no name
    x.lower += 1
    if x.lower > MAX_LOWER[x.typ] and not x.in_topic:
        return None
    return _take(x, k + 1)


def _rank_of_a_person(t: Tokens, k: int) -> bool:
    ranks = ranks_at(t, k)
    return ranks is not None and ranks[1] < len(t) and t[ranks[1]].is_cap


def _holder_follows(t: Tokens, x: Extent, k: int) -> bool:
    """`Chủ tịch Quốc hội X`, `Tư lệnh Lục quân Mao Vannak`: in a post, a head that names the whole
    body on its own (lexicon role whole_name) is the post's organisation, and a person's name after
    it is the holder's (`Giám đốc Học viện Lê Quý Đôn` keeps its name)."""
    if starts_with(t, x.i, "whole_name") != k - x.i or not _in_a_post(t, x.i):
        return False
    return _person_begins(t, k, holder=True)


def _in_a_post(t: Tokens, i: int) -> bool:
    """Whether a post ends on (or right before) token i: `Chủ tịch Quốc hội` at `Quốc`."""
    return any((m := t.at(q, Cat.POST)) is not None and m.end >= i for q in range(max(0, i - 4), i))


def _person_begins(t: Tokens, k: int, holder: bool = False) -> bool:
    """`Bộ Công Thương Trần Hữu Phát`, `Bộ Ngoại giao Nga Pavel N. Grekov`: a person's name after a
    complete organisation name ends it; not a name-shaped place before a year or number
    (`Diễn tập Cứu trợ thảm họa Vũ Quang 2025`: the exercise's code name). Where a post's holder is
    expected (`holder`), also a name whose first word could be Vietnamese (`Mao Vannak`)."""
    if t.any_at(k, Cat.KNOWN_ORG, Cat.PLACE, Cat.COUNTRY, Cat.ORG_HEAD):
        return False
    run = name_run(t, k)
    if not run or (run[1] < len(t) and t[run[1]].is_number):
        return False
    shaped = is_surname(t, k) or foreign_shaped(t, k) or (holder and foreign_run(t, k))
    return shaped and run[1] - run[0] >= 2


def _through_stop(x: Extent, k: int, stop: Entry) -> int | None:
    """Where a name continues past a clause word (`về`, `của`, `giữa`, `và`, `tại`), or None."""
    t = x.t
    term, kind = stop.term, stop.get("kind")
    nxt = k + len(term.split())
    if nxt >= len(t):
        return None
    if term == "về" and x.topic_allowed(t[nxt].is_cap) and not x.in_topic:
        x.in_topic = True
        return nxt
    if (
        term == "trong"
        and x.typ is not EntityType.ORGANIZATION
        and not x.in_topic
        and _field_follows(t, nxt)
    ):
        x.in_topic = True
        return nxt
    if term == "giữa" and x.typ is not EntityType.ORGANIZATION:
        q = _parties(t, nxt)
        if q:
            x.closed = x.typ is EntityType.AGREEMENT
            return _take(x, q)
        return nxt if not t[nxt].is_cap and _noun_follows(t, nxt) else None  # `giữa kỳ`: mid-term
    if term == "và":
        return _through_and(x, k, nxt)
    if (
        term == "tại"
        and x.typ is EntityType.ORGANIZATION
        and x.head
        and x.head.get("abroad") == "yes"
    ):
        noun = t.at(nxt, Cat.PLACE_HEAD)  # `tại khu vực Abyei`, `tại thành phố Juba`
        q = _name_after(t, noun.end if noun is not None and not t[nxt].is_cap else nxt)
        return _take(x, q) if q else None
    if term == "của":
        return _through_of(x, nxt)
    if term in DESTINATION_LINKS and x.kind == "Visit":
        return _destination(x, nxt)
    if (
        x.in_topic
        and term in TOPIC_LINKS
        and not (term == "trong" and x.typ is EntityType.ORGANIZATION)
    ):
        return nxt
    if kind == "topic" and (
        x.in_topic or x.typ is not EntityType.ORGANIZATION or _capital_ahead(t, k)
    ):
        return _take(x, nxt)
    if kind == "activity" and x.typ is EntityType.EVENT and (k == x.j or t[k - 1].key == "và"):
        return _take(x, nxt)
    if kind == "activity" and x.typ is EntityType.AGREEMENT and nxt < len(t) and t[nxt].is_cap:
        return nxt  # `Thỏa thuận hợp tác triển khai Dự án Dinh dưỡng …`: what it puts into effect
    if kind == "modifier" and x.typ is EntityType.EVENT and k == x.j and t[x.i].is_cap:
        after = stop_at(t, nxt)
        if after is not None and after.entries[0].get("kind") == "activity":
            return _take(x, nxt + len(after.entries[0].term.split()))
    if term == "với" and t.any_at(nxt, Cat.POST, Cat.RANK):
        return None  # `cuộc hội đàm với Bộ trưởng Quốc phòng X …`: talks with a person, no name
    if term in EVENT_LINKS and x.typ is not EntityType.ORGANIZATION and _noun_follows(t, nxt):
        return nxt
    return None


DESTINATION_LINKS = {"tại", "đến", "tới"}


def _destination(x: Extent, k: int) -> int | None:
    """`chuyến thăm và làm việc tại Nhật Bản`, `chuyến công tác tới Australia`: a visit's name runs
    through the country or city it goes to."""
    place = x.t.any_at(k, Cat.COUNTRY, Cat.PLACE)
    if place is None or not x.t[k].is_cap:
        return None
    x.caps += 1
    return _take(x, place.end)


def _cap_word(t: Tokens, k: int) -> bool:
    """Whether the word ending at token k is capitalised (`Thương mại` in `Diễn đàn Thương mại và
    Đầu tư`)."""
    while k > 0 and not t.word_start[k]:
        k -= 1
    return t[k].is_cap


def _between_follows(t: Tokens, k: int) -> bool:
    """`hội đàm giữa hai Bộ trưởng`, `hội đàm giữa đoàn A và đoàn B`: talks named with their parties."""
    return k < len(t) and t[k].key == "giữa"


def _field_follows(t: Tokens, k: int) -> bool:
    """`… hợp tác trong (các) lĩnh vực …`: a field of cooperation, the topic of the name."""
    q = k + (k < len(t) and t[k].key == "các")
    return q < len(t) and t[q].key == "lĩnh"


def _through_and(x: Extent, k: int, nxt: int) -> int | None:
    """`giữa A và B`; `Bộ Giáo dục và Đào tạo` (a capitalised word that begins no other name);
    `về kinh tế và công nghiệp` (inside a topic); `Lễ bế mạc và trao chứng chỉ`."""
    t = x.t
    nxt_tok = t[nxt]
    if (
        x.typ is EntityType.EVENT
        and (t[x.i].is_cap or _cap_word(t, k - 1))
        and nxt_tok.is_cap
        and t.at(nxt, Cat.EVENT)
    ):
        return nxt  # `Hội nghị toàn thể thường niên và Hội thảo AAPTC năm 2022`: one occasion, two names
    if nxt_tok.is_cap:
        starts_other = t.any_at(
            nxt,
            Cat.ORG_HEAD,
            Cat.KNOWN_ORG,
            Cat.COUNTRY,
            Cat.PLACE,
            Cat.EVENT,
            Cat.AGREEMENT,
            Cat.POST,
            Cat.RANK,
        )
        if (
            starts_other
            or nxt_tok.is_acronym
            or _person_begins(t, nxt)
            or not (x.caps or x.typ is EntityType.ORGANIZATION)
        ):
            return None
        return nxt  # `Diễn tập Cứu trợ nhân đạo và Giảm nhẹ thiên tai`: a capital goes on with the name
    stop = stop_at(t, nxt)
    if t.any_at(nxt, Cat.EVENT, Cat.ORG_HEAD, Cat.AGREEMENT) and t.word_start[nxt]:
        return None  # `… về gìn giữ hòa bình và hội nghị lập kế hoạch`: another name begins
    if x.in_topic:
        return (
            nxt
            if (stop is None or stop.entries[0].get("kind") == "topic")
            and nxt_tok.key not in PLURAL
            else None
        )
    if x.typ is EntityType.EVENT and stop is not None and stop.entries[0].get("kind") == "activity":
        return nxt
    return None


def _through_of(x: Extent, nxt: int) -> int | None:
    """`Lễ xuất quân của lực lượng …`, `Hội nghị … của AAPTC`, `Phái bộ … của Liên hợp quốc`."""
    t = x.t
    if x.typ is EntityType.EVENT:
        if x.in_topic and t[nxt].is_cap and t.any_at(nxt, Cat.KNOWN_ORG, Cat.ORG_HEAD):
            return None  # `Diễn tập … về gìn giữ hòa bình của Hội nghị …`: the owner ends the topic
        return None if _bare_pronoun(t, nxt) or (t.at(nxt, Cat.RANK) and not t[nxt].is_cap) else nxt
    q = _name_after(t, nxt)
    if q is None:
        return None
    if x.typ is EntityType.AGREEMENT or x.in_topic:
        return _take(x, q)
    owner = t.any_at(nxt, Cat.KNOWN_ORG, Cat.ORG_HEAD, Cat.COUNTRY)
    return _take(x, q) if owner and x.lower else None


def _noun_follows(t: Tokens, k: int) -> bool:
    """A noun (or a verb naming an activity: `huấn luyện trước triển khai`) after a link word."""
    if k >= len(t) or not t[k].is_word or t[k].key in PLURAL:
        return False
    stop = stop_at(t, k)
    return stop is None or stop.entries[0].get("kind") == "activity"


def _bare_pronoun(t: Tokens, k: int) -> bool:
    """`của ông`, `của bà`: a form of address with no name after it refers back to someone."""
    m = t.at(k, Cat.RANK)
    return bool(
        m
        and lexicon.is_honorific(m.entries[0].columns)
        and not (m.end < len(t) and t[m.end].is_cap)
    )


def _ends_org(t: Tokens, k: int) -> bool:
    """A lower-case word that is a verb, adverb or preposition ends an organisation's name."""
    if t.any_at(k, Cat.PLACE, Cat.COUNTRY, Cat.PLACE_HEAD):
        return False
    if t[k].key in PLURAL:
        return not _capital_ahead(t, k, plural=True)
    if _capital_ahead(t, k):
        return False
    return t.word_start[k] and t.pos[k] in CLAUSE_POS  # inside a word: no need to tag


def _capital_ahead(t: Tokens, k: int, plural: bool = False) -> bool:
    """A capitalised word, a bracketed acronym or a bracketed parent follows this lower-case stretch
    before any clause word or punctuation: the stretch is inside the name (`Quân đội nhân dân Việt
    Nam`, `Cục Y tế dự phòng (Bộ Y tế)`)."""
    for q in range(k + 1, min(len(t), k + 7)):
        tok = t[q]
        if tok.text == "(":
            return bracket_acronym(t, q) is not None or (
                q + 1 < len(t) and t.at(q + 1, Cat.ORG_HEAD) is not None and t[q + 1].is_cap
            )
        stop = None if tok.is_cap else stop_at(t, q)
        if not tok.is_word or (
            stop and stop.entries[0].get("kind") not in {"topic"} and tok.key != "của"
        ):
            return False
        if tok.is_cap and t.any_at(q, *(_NEW_NAME[1:] if plural else _NEW_NAME)):
            return False  # `Bộ Quốc phòng tổ chức Lễ xuất quân`: another name begins, not this one
        if tok.is_cap or t.any_at(q, Cat.PLACE, Cat.COUNTRY):
            return True
    return False


_NEW_NAME = (
    Cat.ORG_HEAD,
    Cat.EVENT,
    Cat.AGREEMENT,
    Cat.POST,
    Cat.RANK,
)  # `các Trung tâm` keeps the first


def _trim(t: Tokens, j: int, end: int) -> int:
    """A name never ends on a function word, an open bracket or a dash, nor inside a word."""
    while end > j:
        last = t[end - 1]
        inside_word = not word_ends_at(t, end) and stop_at(t, end) is None
        if last.text in {"(", "“", "-", "–", "—", ","} or last.is_dash or inside_word:
            end -= 1
            continue
        if (
            not last.is_cap
            and not last.is_number
            and t.word_start[end - 1]  # `đào tạo` ends on no verb `tạo`
            and (m := t.at(end - 1, Cat.STOP))
            and m.end == end
        ):
            end -= 1
            continue
        break
    return end


# ------------------------------------------------------------------ rules


def headed(t: Tokens, i: int) -> Candidate | None:
    """`Cục Gìn giữ hòa bình Việt Nam`, `Hội nghị … lần thứ 10`, `Bản ghi nhớ về …`."""
    here = t.matches[i]
    if _HEAD_CATS.isdisjoint(here) or not starts_word(t, i):
        return None
    m, typ = max(
        ((here[cat], typ) for cat, typ in _HEADS if cat in here), key=lambda o: o[0].length
    )
    if not word_ends_at(t, m.end) and not _glued_to_a_name(t, i, m.end):
        return (
            None  # the head is the start of a longer word: `Ban đầu`, `Trường hợp` (the segmenter
        )
        # may also join a head to a capitalised name: `Cục Tác | chiến`)
    if _inside_a_title(t, i):
        return None  # `Anh hùng Lực lượng vũ trang nhân dân`: an honorary title, no organisation
    rival = t.any_at(i, Cat.POST, Cat.RANK, Cat.PLACE, Cat.COUNTRY)
    known = t.at(i, Cat.KNOWN_ORG)
    if rival and rival.length > m.length:
        return None
    if known and known.length >= m.length and not _session_of(t, known.end, typ):
        return None
    entry = m.first(_CAT_OF[typ])
    head_cap = t[i].is_cap
    if typ is EntityType.LOCATION:
        return _site(t, i, m.end, entry) if head_cap else None
    x = extend(Extent(t, typ, entry, i, m.end))
    generic = i > 0 and (
        t[i - 1].key in PLURAL or (typ is EntityType.EVENT and t[i - 1].key == "một")
    )
    kind = x.kind
    if typ is EntityType.ORGANIZATION:
        if generic or not (
            head_cap
            or x.acronym is not None
            or any(t[k].is_acronym for k in range(m.end, x.end))
            or _local_government(t, i, m.end)
            or _named_in_lower_case(t, i, m.end, x.end)
        ):
            return None
        national = bool(entry and entry.get("national") == "yes")
        return Candidate(
            typ,
            i,
            x.end,
            "name.organisation",
            kind=kind,
            acronym=x.acronym,
            refers_back=x.end == m.end and not (head_cap and m.length >= 3),
            national=national,
        )
    written = entry.get("lowercase") if entry else None
    lowercase_ok = written != "never" and (
        written != "no"
        or _between_follows(t, m.end)
        or _framing(t, i, m.end)
        or _attended(t, i, m.end)
    )
    if generic or (not head_cap and not lowercase_ok):
        return None
    bare = x.end == m.end or (
        typ is EntityType.EVENT and (_predicative(t, i) or _only_heads(t, m.end, x.end))
    )
    bare = bare or (kind == "Ceremony" and generic_object(t, m.end, x.end))
    bare = bare or bool(entry and entry.get("lowercase") == "ref")
    bare = bare or (typ is EntityType.AGREEMENT and not head_cap and _generic(t, m.end, x.end))
    if bare and typ is EntityType.AGREEMENT and head_cap and m.length >= 2:
        bare = False  # `Thông cáo chung`: a whole name in itself
    rule = "name.event" if typ is EntityType.EVENT else "name.agreement"
    return Candidate(typ, i, x.end, rule, kind=kind, acronym=x.acronym, refers_back=bare)


def _site(t: Tokens, i: int, j: int, entry: Entry | None) -> Candidate | None:
    """`Nhà khách Chính phủ`, `Trung tâm Hội nghị và Triển lãm tỉnh Bình Dương`: a named site, read
    like an organisation's name."""
    x = extend(Extent(t, EntityType.ORGANIZATION, entry, i, j))
    if x.end == j and not _head_is_a_name(t, i, j):
        return None
    return Candidate(
        EntityType.LOCATION, i, x.end, "place.site", kind="Site", canonical=t.text(i, x.end)
    )


def _head_is_a_name(t: Tokens, i: int, j: int) -> bool:
    """`tại Nhà hát Lớn.`, `Trung tâm Hội nghị Quốc gia`: a site's head of three syllables or more,
    every word capitalised, names the site by itself, unless the name goes on past `và` (`Trung tâm
    Hội nghị và Triển lãm …`, which the reader could not follow)."""
    if j - i < 3 or (j < len(t) and t[j].key == "và"):
        return False
    return all(t[q].is_cap for q in range(i, j) if t.word_start[q])


def _only_heads(t: Tokens, j: int, k: int) -> bool:
    """Tokens j..k are nothing but event nouns joined by `và` (`Hội nghị và Hội thảo`): a compound
    that refers back to a compound name met before."""
    q, expect_head = j, False
    while q < k:
        cue = t.at(q, Cat.EVENT)
        if expect_head and cue:
            q, expect_head = cue.end, False
        elif not expect_head and t[q].key == "và":
            q, expect_head = q + 1, True
        else:
            return False
    return q > j and not expect_head


def generic_object(t: Tokens, j: int, k: int) -> bool:
    """`lễ khai mạc diễn tập`, `lễ bế mạc khóa huấn luyện`: a ceremony held for an event named by
    its common noun alone (in lower case) names no event of its own: the first time it is the
    ceremony as written, later it is the ceremony met before (`Lễ khai mạc Diễn tập … 2019`)."""
    cue = t.at(j, Cat.EVENT) if j < k else None
    return cue is not None and cue.end == k and not t[j].is_cap


def _session_of(t: Tokens, k: int, typ: EntityType) -> bool:
    """`Hội nghị Bộ trưởng Quốc phòng ASEAN lần thứ 17`: a known body named like a meeting, then its
    ordinal or year, is one session of it (an event), not the body."""
    return typ is EntityType.EVENT and k < len(t) and bool(_ordinal(t, k) or _year_span(t, k))


def _glued_to_a_name(t: Tokens, i: int, j: int) -> bool:
    """The segmenter joined a head to what follows it (`Cục Tác | chiến`, `chính quyền bang`): still
    a head when a capitalised word or a place noun follows."""
    if j >= len(t):
        return False
    return (t[i].is_cap and t[j].is_cap) or t.at(j, Cat.PLACE_HEAD) is not None


def _local_government(t: Tokens, i: int, j: int) -> bool:
    """`chính quyền bang Queensland`, `ủy ban nhân dân tỉnh Quảng Ninh`: in lower case, a local
    government's head names one before a place noun and the place's name."""
    if tuple(t.keys[i:j]) not in function_words("local_government"):
        return False
    noun = t.at(j, Cat.PLACE_HEAD)
    return noun is not None and noun.end < len(t) and t[noun.end].is_cap


def _named_in_lower_case(t: Tokens, i: int, j: int, end: int) -> bool:
    """`ban Chỉ đạo quốc gia về …`, `văn phòng điều phối nhân đạo Liên hợp quốc`: a head written in
    lower case still names a body when a capitalised word follows it at once, or when the name
    ends with a known organisation; not `trung tâm Hà Nội` (a place follows: the city centre), nor
    a head the tagger reads as a verb (`tổ chức hội nghị`: to hold a conference), nor one right
    before another name (`lực lượng Bệnh viện …`)."""
    if j >= end:
        return False
    if any(t[q].is_cap for q in range(i + 1, j)):
        named = True  # `ban Chỉ đạo …`: the head itself goes on in capitals
    elif t[j].is_cap:  # not `lực lượng Bệnh viện …`, `tổ chức Lễ …`: another name begins there
        named = not t.any_at(j, Cat.PLACE, Cat.COUNTRY, Cat.PLACE_HEAD, Cat.KNOWN_ORG, *_NEW_NAME)
    else:
        known = next((q for q in range(j, end) if t.at(q, Cat.KNOWN_ORG)), None)
        named = known is not None and t.at(known, Cat.KNOWN_ORG).end == end  # type: ignore[union-attr]
    return named and t.pos[i].startswith("N")  # the tagger last: most sentences never need it


def _inside_a_title(t: Tokens, i: int) -> bool:
    for q in range(max(0, i - 3), i):
        m = t.at(q, Cat.RANK)
        if m is not None and m.end > i:
            return True
    return False


def _generic(t: Tokens, j: int, k: int) -> bool:
    """`bản ghi nhớ hợp tác`, `thỏa thuận hợp tác song phương`: a complement any agreement has."""
    return tuple(t.keys[j:k]) in function_words("generic")


def _framing(t: Tokens, i: int, end: int) -> bool:
    """`Tại đối thoại, …`, `Kết thúc tham vấn, …`, `Bên lề diễn đàn, …`: a noun that is mostly common
    in lower case names the event the article told of when it frames the sentence."""
    if end >= len(t) or t[end].text != ",":
        return False
    n = ends_with(t, i, "framework")
    return n > 0 and i - n <= 1


def _attended(t: Tokens, i: int, end: int) -> bool:
    """`Tham dự đối thoại, …`, `dự diễn đàn`: a noun that is mostly common in lower case names the
    event told of when it is what people attend, alone before a comma, `có` or the sentence's end."""
    if end < len(t) and t[end].is_word and t[end].key != "có":
        return False
    return ends_with(t, i, "attend") > 0


def _predicative(t: Tokens, i: int) -> bool:
    """`Đây là khóa huấn luyện thứ ba`, `Khaan Quest là diễn tập thường niên`: an event noun after
    the copula describes an event already named, it names no new one."""
    return i > 0 and t[i - 1].key == "là"


def known_org(t: Tokens, i: int) -> Candidate | None:
    """An organisation the lexicon knows, by any of its names or acronyms."""
    m = t.matches[i].get(Cat.KNOWN_ORG)
    if not m:
        return None
    entry = m.entries[0]
    acronym = None
    acr_end = bracket_acronym(t, m.end) if m.end < len(t) else None
    if acr_end and t.text(m.end + 1, acr_end - 1) in entry.get("aliases").split("|"):
        acronym = (m.end + 1, acr_end - 1)
    return Candidate(
        EntityType.ORGANIZATION,
        i,
        m.end,
        "name.known",
        canonical=entry.canonical,
        kind=entry.get("kind"),
        country=entry.get("country"),
        wikidata=entry.get("wikidata"),
        acronym=acronym,
    )


def lone_acronym(t: Tokens, i: int) -> Candidate | None:
    """An acronym standing alone (`RPC tổ chức ...`): an organisation if the article expands it."""
    tok = t[i]
    if (
        not tok.is_acronym
        or t.any_at(i, Cat.KNOWN_ORG, Cat.PLACE, Cat.COUNTRY)
        or _in_brackets(t, i)
    ):
        return None
    if sum(ch.isalpha() for ch in tok.text) < 3:
        return None
    return Candidate(EntityType.ORGANIZATION, i, i + 1, "name.acronym", acronym_only=True)


def _in_brackets(t: Tokens, i: int) -> bool:
    k = i - 1
    while k >= 0 and (t[k].is_acronym or t[k].is_number or t[k].text == "+"):
        k -= 1
    return k >= 0 and t[k].text == "("


def code_name(t: Tokens, i: int) -> Candidate | None:
    """`mang mật danh "Force 18"`, `có tên gọi Khaan Quest`: a code name given to the event just
    named (lexicon function_words, role codename)."""
    n = starts_with(t, i, "codename")
    if not n:
        return None
    k = i + n
    end = _quote_end(t, k)
    if end is not None:
        return Candidate(EntityType.EVENT, k + 1, end - 1, "name.code")
    q = k
    while q < len(t) and t[q].is_word and (t[q].is_cap or (q > k and t[q].is_number)):
        q += 1
    return Candidate(EntityType.EVENT, k, q, "name.code") if q > k else None


def find_named(t: Tokens) -> list[Candidate]:
    """Organisations, events and agreements, including bare heads that refer back (`Hội nghị`)."""
    out: list[Candidate] = []
    codes = {k for k, _ in role_starts(t, "codename")}
    matches = t.matches
    for i in range(len(t)):
        if i in codes and (code := code_name(t, i)):
            out.append(code)
        here, acronym = matches[i], t[i].is_acronym
        # Each rule only where its first test can pass (most matched tokens call none of them).
        if Cat.KNOWN_ORG in here and (found := known_org(t, i)):
            out.append(found)
        if not _HEAD_CATS.isdisjoint(here) and (found := headed(t, i)):
            out.append(found)
        if acronym and (found := lone_acronym(t, i)):
            out.append(found)
    return out
