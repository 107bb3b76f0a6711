"""Relations read off the shape of names and brackets, with no cue word.

Each rule is named after the shape it reads: a name inside an organisation's name, an
organisation a meeting belongs to (`Kỳ họp lần thứ 18 Nhóm chuyên gia …`), the event a ceremony is
part of (`Lễ khai mạc Khóa huấn luyện …`), the parties of an agreement (`… giữa A và B`), a parent in
brackets (`Cục X (Bộ Quốc phòng)`, `Pu Nê (Ấn Độ)`), a place after a comma (`Bentiu, Nam Sudan`),
`thủ đô X của Y`, and an organisation's acronym inside another name (`nhóm chuyên gia ADMM+`).
"""

from __future__ import annotations

import itertools

from ...clean import match_key
from ...model import EntityType
from ..document.discourse import Mention
from ..document.entities import known_org, near_miss
from ..entities import head_end
from ..gazetteer import Cat
from ..tokens import Tokens, ends_with, starts_with
from .context import SentenceView
from .frames import start_of, two_parties

ORG = {"ORGANIZATION"}
PLACES = {"LOCATION"}


def _nested(view: SentenceView, outer: Mention, types: set[str]) -> list[Mention]:
    return view.inside(outer.i, outer.j, types, strictly=True)


def organisation_in_organisation(view: SentenceView) -> None:
    """`Văn phòng Điều phối viên thường trú Liên hợp quốc tại Việt Nam`, `Trung tâm … của Lực lượng
    Quốc phòng Australia` → partOf the owner the name ends with: an organisation the lexicon knows
    or one after `của`/`thuộc`. A descriptor is no owner: `Trung tâm Gìn giữ hòa bình Liên hợp quốc
    của Ấn Độ` belongs to India's army, not to the United Nations."""
    t = view.t
    for outer in view.mentions:
        if outer.referent or outer.type is not EntityType.ORGANIZATION or _within_org(view, outer):
            continue
        for inner in _nested(view, outer, ORG):
            if inner.i == outer.i or inner.entity == outer.entity:
                continue
            if _owner(t, inner, outer) and not _owned_further(t, inner, outer):
                view.add(outer.entity, "partOf", inner.entity, "structure.name-in-name", 0.75)


def _within_org(view: SentenceView, m: Mention) -> bool:
    """`Lực lượng lâm thời Liên hợp quốc` read inside `Phái bộ Lực lượng lâm thời …`."""
    return any(
        o.type is EntityType.ORGANIZATION and o.i < m.i and m.j <= o.j for o in view.mentions
    )


def _owner(t: Tokens, inner: Mention, outer: Mention) -> bool:
    """A known organisation or one after `của`/`thuộc`, not inside the topic of the name (`Ban Chỉ
    đạo … về tham gia hoạt động gìn giữ hòa bình Liên hợp quốc`) unless `của` gives it the whole
    name's end (`Trung tâm Quốc tế về hành động bom mìn của Lực lượng vũ trang Liên bang Nga`)."""
    after_of = t[inner.i - 1].key in {"của", "thuộc"}
    if any(tok.key == "về" for tok in t[outer.i : inner.i]):
        return after_of and inner.j == outer.j  # `Trung tâm … về hành động bom mìn của Lực lượng X`
    return inner.candidate.rule == "name.known" or after_of


def _owned_further(t: Tokens, inner: Mention, outer: Mention) -> bool:
    """`… Liên hợp quốc của Ấn Độ`: another owner follows inside the name."""
    return any(tok.key == "của" for tok in t[inner.j : outer.j])


def visit_destination(view: SentenceView) -> None:
    """`thăm chính thức Hàn Quốc`, `chuyến thăm và làm việc tại Nhật Bản`: a visit is held in the
    place its name says it goes to (the first place in the name)."""
    for event in view.outer({"EVENT"}):
        if event.referent or event.candidate.kind != "Visit":
            continue
        places = _nested(view, event, PLACES)
        if places:
            view.add(event.entity, "heldIn", places[0].entity, "structure.visit-destination", 0.75)


def meeting_of_organisation(view: SentenceView) -> None:
    """`Kỳ họp lần thứ 18 Nhóm chuyên gia …`, `Hội nghị thường niên lần thứ 21 của AAPTC`: a
    meeting of the organisation its name carries."""
    t = view.t
    for event in view.outer({"EVENT"}):
        if event.referent:
            continue
        start = head_end(t, event.candidate)
        # `Khóa huấn luyện … Liên hợp quốc`: a standard; `Lễ xuất quân Bệnh viện …`: held for a unit
        course = event.candidate.kind in {"Course", "Ceremony"}
        for org in _nested(view, event, ORG):
            own = org.i == event.i and org.candidate.rule == "name.known"  # a session of a body
            if (org.i == start and not course) or own or t[org.i - 1].key == "của":
                view.add(event.entity, "partOf", org.entity, "structure.meeting-of", 0.75)


def ceremony_of_event(view: SentenceView) -> None:
    """`Lễ khai mạc Khóa huấn luyện …` → partOf the course; `lễ bế mạc diễn tập` → partOf the
    exercise the article named; `Lễ ký Bản ghi nhớ …` → the agreement is part of the ceremony; a
    ceremony with no other name is part of the event the article is about."""
    t = view.t
    for outer in view.outer({"EVENT"}):
        head = t.at(outer.i, Cat.EVENT)
        if outer.referent or head is None or head.entries[0].get("kind") != "Ceremony":
            continue
        for agreement in _nested(view, outer, {"AGREEMENT"}):
            view.add(agreement.entity, "partOf", outer.entity, "structure.signed-at-ceremony", 0.75)
        inner = next((m for m in _nested(view, outer, {"EVENT"}) if m.i == head.end), None)
        if inner is not None:
            view.add(outer.entity, "partOf", inner.entity, "structure.ceremony-of", 0.75)
            continue
        cue = t.at(head.end, Cat.EVENT) if head.end < outer.j else None
        target = None
        if cue is not None:
            target = view.discourse.latest(
                " ".join(t.keys[cue.i : cue.end]), cue.entries[0].get("kind")
            )
        elif not _nested(view, outer, {"AGREEMENT", "PERSON"}) and starts_with(
            t, outer.i, "opening_closing"
        ):
            target = _occasion(view, outer.entity)
        if target and target != outer.entity:
            view.add(outer.entity, "partOf", target, "structure.ceremony-of", 0.7)


def _occasion(view: SentenceView, ceremony: str) -> str | None:
    """The event a ceremony with no other name belongs to (`Lễ bế mạc và trao chứng chỉ …`): the
    one the article is about, unless that is a ceremony too."""
    current = view.discourse.current(view.n)
    kinds = {e.entity: e.kind for e in view.discourse.events}
    if current and current != ceremony and kinds.get(current) != "Ceremony":
        return current
    return None


def framework(view: SentenceView) -> None:
    """`Trong khuôn khổ E, hai bên ký A`, `Tại lễ ký kết …, … ký A`, `Nhân chuyến thăm, …`,
    `Theo chương trình, lễ đón và hội đàm …`: what the rest of the sentence names happens within E."""
    t = view.t
    if t.keys_at(0, 3) == ("theo", "chương", "trình"):
        occasion: str | None = view.discourse.current(view.n)
        start = 3
    else:
        n = starts_with(t, 0, "framework")
        if not n:
            return
        first = next((m for m in view.outer({"EVENT"}) if n <= m.i <= n + 1), None)
        occasion = first.entity if first else None
        start = first.j if first else n
    if occasion is None:
        return
    for m in view.outer({"EVENT", "AGREEMENT"}):
        if m.i >= start and m.entity != occasion and not m.referent:
            view.add(m.entity, "partOf", occasion, "structure.framework", 0.7)


def organisations_in_a_title(view: SentenceView) -> None:
    """`Phó Tham mưu trưởng Bộ Tham mưu Liên quân, Lực lượng Phòng vệ Nhật Bản`: in a post, an
    organisation followed by a comma and another is part of that other."""
    t = view.t
    for a, b in view.posts:
        orgs = view.inside(a, b, ORG)
        for x, y in itertools.pairwise(orgs):
            if y.i == x.j + 1 and t[x.j].text == "," and x.entity != y.entity:
                view.add(x.entity, "partOf", y.entity, "structure.organisations-in-a-title", 0.7)


def ministry_after_comma(view: SentenceView) -> None:
    """`Cục Đối ngoại, Bộ Quốc phòng đã tổ chức …`: a body followed by a comma and a ministry is part
    of that ministry, unless either stands in a list (a joiner before the body or after the
    ministry: `đại diện Cục X, Bộ Y và Bộ Z`), the body is international, or a fronted phrase
    opens on it (lexicon role fronting: `Theo Viện X, Bộ Y …`)."""
    t = view.t
    for a, b in itertools.pairwise(view.outer(ORG)):
        if b.i != a.j + 1 or t[a.j].text != "," or a.entity == b.entity:
            continue
        if b.candidate.kind != "ministry" or a.candidate.kind in {"ministry", "international", ""}:
            continue
        if ends_with(t, a.i, "joiner") or starts_with(t, b.j, "joiner"):
            continue
        if ends_with(t, a.i, "fronting"):
            continue  # `Theo Cục Thống kê, Bộ Y tế …`: a source, then the clause's subject
        view.add(a.entity, "partOf", b.entity, "structure.ministry-after-comma", 0.7)


def agreement_parties(view: SentenceView) -> None:
    """`Bản ghi nhớ … giữa Sở X và Hiệp hội Y` → signedBy both parties."""
    t = view.t
    for agreement in [m for m in view.mentions if m.type is EntityType.AGREEMENT]:
        if agreement.referent:
            continue  # nested ones too: `Lễ ký Bản ghi nhớ … giữa A và B`
        between = next((k for k in range(agreement.i, agreement.j) if t[k].key == "giữa"), None)
        if between is None:
            continue
        for party in view.inside(between + 1, agreement.j, {"ORGANIZATION", "LOCATION", "PERSON"}):
            if t[party.i - 1].key in {"giữa", "và", "với"}:
                view.add(
                    agreement.entity, "signedBy", party.entity, "structure.agreement-parties", 0.8
                )
        for body in both_sides(view, between + 1, agreement.j):
            view.add(agreement.entity, "signedBy", body, "structure.both-sides", 0.7)


def both_sides(view: SentenceView, k: int, end: int) -> list[str]:
    """`giữa Bộ Quốc phòng hai nước`, `giữa hai Bộ Ngoại giao`: the two bodies of that name the
    article names with a country (`Bộ Quốc phòng Việt Nam`, `Bộ Quốc phòng Nhật Bản`)."""
    t = view.t
    if t[k].key == "hai" and starts_with(t, k + 1, "pair") == 0:
        a, b = k + 1, _name_end(t, k + 1, end)
    else:
        b = _name_end(t, k, end)
        a = k
        if not starts_with(t, b, "pair"):
            return []
    if b <= a:
        return []
    stem = match_key(view.text(a, b)) + " "
    bodies = [e for e, name in view.labels.items() if match_key(name).startswith(stem)]
    return bodies if len(bodies) == 2 else []


def _name_end(t: Tokens, k: int, end: int) -> int:
    """Where a capitalised name (with its lower-case words) at k stops: at `hai`, a bracket, the
    end of the outer name, a clause word."""
    q = k
    while q < end and t[q].is_word and t[q].key != "hai" and (q == k or t[q].key != "giai"):
        q += 1
    return q if q > k and t[k].is_cap else k


def event_parties(view: SentenceView) -> None:
    """`Tham vấn chính trị … giữa Bộ Ngoại giao Việt Nam và Bộ Ngoại giao Liên bang Nga`, `hội đàm
    giữa đoàn A và đoàn B` → both parties take part."""
    t = view.t
    for event in view.outer({"EVENT"}):
        if event.referent:
            continue
        between = next((k for k in range(event.i, event.j) if t[k].key == "giữa"), None)
        if between is None:
            continue
        leaders, people = [], []
        for party in view.inside(between + 1, event.j, {"ORGANIZATION", "LOCATION", "PERSON"}):
            led = party.type is EntityType.PERSON and _led_by(view, party)
            named = t[start_of(party) - 1].key in {"giữa", "và", "với"}
            if named or _of_delegation(view, party) or led:
                view.add(
                    party.entity, "participatedIn", event.entity, "structure.event-parties", 0.75
                )
            if led:
                leaders.append(party.entity)
            elif named and party.type is EntityType.PERSON:
                people.append(party.entity)
        if len(leaders) == 2:
            view.add(leaders[0], "met", leaders[1], "structure.talks-between-leaders", 0.75)
        elif len(people) == 2 and _talks(view, event):
            view.add(people[0], "met", people[1], "structure.talks-between-people", 0.75)
        if between + 1 < len(t) and t[between + 1].key == "hai":
            for person in two_parties(view, between + 3):  # `hội đàm giữa hai Bộ trưởng`
                view.add(person, "participatedIn", event.entity, "structure.event-parties", 0.7)


def _talks(view: SentenceView, event: Mention) -> bool:
    """`cuộc hội đàm giữa A và B`, `cuộc gặp giữa A và B`: talks, where the two parties meet."""
    return any(e.entity == event.entity and e.kind == "Meeting" for e in view.discourse.events)


def _of_delegation(view: SentenceView, m: Mention) -> bool:
    """`đoàn đại biểu quân sự cấp cao Bộ Quốc phòng X`: the body a delegation comes from."""
    t = view.t
    k = m.i - 1
    while k >= 0 and not t[k].is_cap and t[k].is_word and m.i - k <= 6:
        if t[k].key in {"đoàn", "phái"}:
            return True
        k -= 1
    return False


def _led_by(view: SentenceView, m: Mention) -> bool:
    """`do Đại tướng X (, Bộ trưởng …) dẫn đầu`: the person leads the party before."""
    t = view.t
    start = min([m.i, *(s[0] for s in (m.candidate.rank,) if s)])
    end = max([m.j, *(s[1] for s in m.candidate.posts if s[0] >= m.j)])
    return start > 0 and t[start - 1].key == "do" and t.keys_at(end, end + 2) == ("dẫn", "đầu")


def parent_in_brackets(view: SentenceView) -> None:
    """`Cục Quân y (Tổng cục Hậu cần)` → partOf; `Pu Nê (Ấn Độ)`, `Đại học Monash (Australia)`,
    `Trung tâm Hội nghị … (thành phố Thủ Dầu Một)` → locatedIn."""
    t = view.t
    for m in view.mentions:
        k = m.j
        if (
            k + 1 >= len(t)
            or t[k].text != "("
            or m.type not in {EntityType.ORGANIZATION, EntityType.LOCATION}
            or _within_org(view, m)
        ):
            continue
        parent = next(
            (
                p
                for p in view.mentions
                if p.i in (k + 1, _after_place_noun(t, k + 1))
                and p.j < len(t)
                and t[p.j].text == ")"
            ),
            None,
        )
        if parent is None or parent.entity == m.entity:
            continue
        if parent.type is EntityType.ORGANIZATION and m.type is EntityType.ORGANIZATION:
            view.add(m.entity, "partOf", parent.entity, "structure.parent-in-brackets", 0.8)
        elif parent.type is EntityType.LOCATION:
            view.add(m.entity, "locatedIn", parent.entity, "structure.place-in-brackets", 0.75)


def _after_place_noun(t: Tokens, k: int) -> int:
    """`(tỉnh Lâm Đồng)`, `(thành phố Hải Phòng)`: where the name after a place noun begins."""
    m = t.at(k, Cat.PLACE_HEAD)
    return m.end if m is not None else k


def place_after_comma(view: SentenceView) -> None:
    """`Kathmandu, Nepal`, `thành phố Bentiu, bang Unity`, `Trường X (…), tỉnh Bình Dương`: a city,
    site or organisation followed by the larger place it lies in."""
    t = view.t
    outer = view.outer({"LOCATION", "ORGANIZATION"})
    for a, b in itertools.pairwise(outer):
        if b.type is not EntityType.LOCATION or a.entity == b.entity:
            continue
        gap = [tok.text for tok in t[a.j : b.i]]
        bracketed = _after_brackets(t, a.j)
        if gap[:1] != [","] and not (bracketed and t[bracketed].text == ","):
            continue
        if a.type is EntityType.LOCATION and a.candidate.kind == "Country":
            continue  # `Lào, Campuchia`: a list of countries
        if _in_list(t, a) or not _larger(t, b):
            continue
        if a.type is EntityType.ORGANIZATION and t.at(b.i - 1, Cat.PLACE_HEAD) is None:
            continue  # `… Liên Hiệp Quốc, Nhật Bản luôn …`: a new clause, not where it is
        if len([x for x in gap if x != ","]) > 2 + (bracketed or 0) and not bracketed:
            continue
        view.add(a.entity, "locatedIn", b.entity, "structure.place-after-comma", 0.7)


def _after_brackets(t: Tokens, k: int) -> int:
    """The index after a bracketed group at k, or 0."""
    if k < len(t) and t[k].text == "(":
        for q in range(k + 1, min(len(t), k + 12)):
            if t[q].text == ")":
                return q + 1
    return 0


def _larger(t: Tokens, b: Mention) -> bool:
    """A country, or a place introduced by a province, state or city noun."""
    if b.candidate.kind in {"Country", "Region"}:
        return True
    return b.i > 0 and t.at(b.i - 1, Cat.PLACE_HEAD) is not None


def _in_list(t: Tokens, a: Mention) -> bool:
    return a.i > 0 and t[a.i - 1].text == "," and a.candidate.kind == "Country"


def capital_of(view: SentenceView) -> None:
    """`thủ đô Bangui của Cộng hòa Trung Phi`, `bang Unity của Nam Sudan` → locatedIn."""
    t = view.t
    for place in view.outer(PLACES):
        k = place.j
        if k < len(t) and t[k].key == "của":
            country = view.at(k + 1, PLACES)
            if country is not None and country.entity != place.entity:
                view.add(place.entity, "locatedIn", country.entity, "structure.capital-of", 0.8)


def located_at(view: SentenceView) -> None:
    """`Phái bộ UNMISS ở Nam Sudan`, `Học viện Lục quân tại thành phố Đà Lạt`: an organisation or a
    site, then `tại`/`ở` and a place, with no event in the clause to hold there."""
    t = view.t
    for m in view.outer({"ORGANIZATION", "LOCATION"}):
        k = m.j
        if k >= len(t) or t[k].key not in {"tại", "ở"}:
            continue
        place = next((p for p in view.outer(PLACES) if k < p.i <= k + 3), None)
        if place is None or place.entity == m.entity:
            continue
        if m.type is EntityType.LOCATION and m.candidate.kind not in {"Site"}:
            continue
        if _international(view, m):
            continue  # `các cơ quan của Liên Hợp Quốc tại Việt Nam`: its offices there, not the UN
        events = [e for e in view.outer({"EVENT"}) if e.j <= m.i]
        if events and m.i - events[-1].j <= 2:
            continue  # `Hội nghị tại Trung tâm X tại Hà Nội`: where the event was held
        view.add(m.entity, "locatedIn", place.entity, "structure.located-at", 0.7)


def _international(view: SentenceView, m: Mention) -> bool:
    """An international organisation, by the mention's kind or by the entity it names (`cơ quan
    LHQ` refers back to the United Nations)."""
    known = known_org(view.labels.get(m.entity, ""))
    kind = known.get("kind") if known else m.candidate.kind
    return kind == "InternationalOrganization" or m.candidate.kind == "InternationalOrganization"


def acronym_in_name(view: SentenceView) -> None:
    """An organisation whose name carries another's acronym (`nhóm chuyên gia ADMM+ về ...`), even
    misspelt by one letter, is part of that organisation."""
    t = view.t
    acronyms = view.discourse_acronyms
    for m in view.outer(ORG):
        if m.referent:
            continue
        for tok in t[m.i + 1 : m.j]:
            if not tok.is_acronym:
                continue
            near = {e for acr, e in acronyms.items() if acr == tok.text or near_miss(acr, tok.text)}
            for target in near - {m.entity}:
                view.add(m.entity, "partOf", target, "structure.acronym-in-name", 0.7)
