"""Titles: `Thượng tướng X, Thứ trưởng Bộ Y` → hasRank, holdsPosition, memberOf the organisations
its posts name; `Trung tá X, cán bộ Viện Y` → memberOf; `Về phía Nhật Bản, X …` → nationality."""

from __future__ import annotations

from ...model import EntityType
from ..entities.shapes import is_honorific
from ..gazetteer import Cat
from ..tokens import role_starts
from .context import SentenceView, words_key

ORG = {"ORGANIZATION"}
# Apposed nouns that make a person a member of the organisation after them, with no post of its own.
MEMBER_NOUNS = (
    "cán bộ",
    "nhân viên",
    "thành viên",
    "giảng viên",
    "học viên",
    "chuyên gia",
    "sĩ quan",
)


def ranks(view: SentenceView) -> None:
    """`Đại tá X` → hasRank `Đại tá` (a form of address, `ông`, `bà`, stays an attribute only)."""
    for m in view.mentions:
        c = m.candidate
        if m.type is not EntityType.PERSON or m.referent or not c.rank:
            continue
        if is_honorific(view.t.at(c.rank[0], Cat.RANK)):
            continue
        rank = view.text(*c.rank)
        view.add(m.entity, "hasRank", rank[:1].upper() + rank[1:], "title.rank", 0.9, literal=True)


def posts(view: SentenceView) -> None:
    """Each post written with the name → holdsPosition; the organisations it names → memberOf."""
    for m in view.mentions:
        if m.type is not EntityType.PERSON or m.referent:
            continue
        for a, b in m.candidate.posts:
            post = view.text(a, b)
            view.add(
                m.entity,
                "holdsPosition",
                post[:1].upper() + post[1:],
                "title.post",
                0.85,
                literal=True,
            )
            for org in _organisations_of(view, a, b):
                view.add(m.entity, "memberOf", org.entity, "title.post-organisation", 0.8)


def _organisations_of(view: SentenceView, a: int, b: int) -> list:
    """The organisations a post names (`Phó Tham mưu trưởng Bộ Tham mưu Liên quân, Lực lượng Phòng
    vệ Nhật Bản` names two: the person is a member of both)."""
    return view.inside(a, b, ORG)


def members(view: SentenceView) -> None:
    """`Trung tá X, cán bộ Viện Y (Tổng cục Z)`, `X, thành viên Nhóm Y` → memberOf Y."""
    t = view.t
    people = [m for m in view.outer({"PERSON"})]
    for p in people:
        k = p.j
        while k < len(t) and t[k].text in {",", "–", "-"}:
            k += 1
            n = next(
                (
                    len(words_key(w))
                    for w in MEMBER_NOUNS
                    if t.keys_at(k, k + len(words_key(w))) == words_key(w)
                ),
                0,
            )
            if not n:
                break
            org = view.at(k + n, ORG) or next(
                (o for o in view.mentions if o.i == k + n and o.type is EntityType.ORGANIZATION),
                None,
            )
            if org:
                view.add(p.entity, "memberOf", org.entity, "title.member-noun", 0.75)
                k = org.j
            while k < len(t) and t[k].text not in {",", ";", "."}:
                k += 1


def nationality(view: SentenceView) -> None:
    """`Về phía Mông Cổ, ông X …`, `phía Nhật Bản có bà Y` → the people named have that nationality."""
    for k in view.cues(words_key("phía")):
        country = view.at(k + 1, {"LOCATION"})
        if country is None or country.candidate.kind != "Country":
            continue
        a, b = view.clause(k)
        t = view.t
        opens = k - 1 == a and t[a].key == "về"  # `Về phía Mông Cổ, …`
        lists = country.j < len(t) and t[country.j].key == "có"  # `phía Nhật Bản có …`
        if not (opens or lists):
            continue  # `đề nghị phía Lào tạo điều kiện cho X`: the country is no side of X
        for p in view.outer({"PERSON"}):
            if country.j <= p.i < b:
                view.add(p.entity, "nationality", country.entity, "title.nationality", 0.7)


POST_ENDS = {",", ";", ".", "!", "?", "(", ")"}


def appointments(view: SentenceView) -> None:
    """`Trung tá X, cán bộ Học viện Y, sẽ đảm nhiệm vị trí sĩ quan tham mưu tại Sở chỉ huy UNMISS`,
    `X được bổ nhiệm làm Giám đốc Bệnh viện Z`, `ông từng là Sĩ quan tham mưu tại Phái bộ W`: the post
    after the cue is held by the person the clause is about, who is a member of the bodies it names."""
    t = view.t
    for k, n in role_starts(t, "appointment"):
        if not t.at(k + n, Cat.POST) and not _post_word(view, k + n):
            continue
        person = _subject(view, k)
        if person is None:
            continue
        end = next((q for q in range(k + n, len(t)) if t[q].text in POST_ENDS), len(t))
        post = view.text(k + n, end)
        view.add(person, "holdsPosition", post[:1].upper() + post[1:], "title.appointed", 0.7, True)
        for org in view.inside(k + n, end, ORG):
            view.add(person, "memberOf", org.entity, "title.appointed-organisation", 0.7)


def _post_word(view: SentenceView, k: int) -> bool:
    """A member noun opens the post too (`vị trí sĩ quan tham mưu …`)."""
    return any(view.t.keys_at(k, k + len(words_key(w))) == words_key(w) for w in MEMBER_NOUNS)


def _subject(view: SentenceView, k: int) -> str | None:
    """The person the clause before k is about: the nearest one named in it, or the person a bare
    `ông`/`bà` stands for (the last one named)."""
    a, _ = view.clause(k)
    people = [m for m in view.outer({"PERSON"}) if a <= m.i and m.j <= k]
    if people:
        return people[-1].entity
    if any(view.t.at(q, Cat.RANK) for q in range(a, k)):
        return view.discourse.last.get(EntityType.PERSON)
    return None
