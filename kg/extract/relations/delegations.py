"""Delegations and members.

`đoàn công tác Trung tâm X do Đại tá Y, Giám đốc Trung tâm, dẫn đầu tham dự E` → X and Y take part
in E, and Y is a member of X (the leader of an organisation's delegation belongs to it).
`các nước thành viên ASEAN gồm A, B, C`, `8 nước đối tác là: A, B`, `các quốc gia thành viên Hiệp hội,
trong đó có A, B` → each country is a member of the group named with `thành viên` or `đối tác`.
"""

from __future__ import annotations

from ...model import EntityType
from ..document.discourse import Mention
from ..tokens import Tokens, ends_with, role_starts, starts_with
from .context import SentenceView, words_key
from .frames import (
    agents_before,
    count_start,
    end_of,
    list_items,
    made_up_of,
    sentence_event,
    start_of,
    two_parties,
)

MEMBERSHIP = ("nước thành viên", "quốc gia thành viên", "thành viên", "nước đối tác", "đối tác")
LEADS = ("dẫn đầu", "làm trưởng đoàn")
EVENTS = frozenset({"EVENT"})
PEOPLE = frozenset({"PERSON"})


def delegations(view: SentenceView) -> None:
    t = view.t
    for k, n in role_starts(t, "delegation"):
        if k > 0 and starts_with(t, k - 1, "delegation"):
            continue
        org = _organisation_after(view, k + n)
        leader = _leader(view, k + n) or _leader_before(view, k)
        if org is None and leader is None:
            continue
        event = sentence_event(view, EVENTS, before=None)
        if org is not None and leader is not None:
            view.add(leader.entity, "memberOf", org.entity, "delegation.leader-member", 0.7)
        if event is not None:
            target = event if isinstance(event, str) else event.entity
            for m in (org, leader):
                if m is not None:
                    view.add(m.entity, "participatedIn", target, "delegation.takes-part", 0.7)


def _organisation_after(view: SentenceView, k: int) -> Mention | None:
    """`đoàn công tác Cục X`, `đoàn đại biểu của Bộ Y`: the organisation the delegation is of."""
    t = view.t
    if k < len(t) and t[k].key == "của":
        k += 1
    return next((m for m in view.outer({"ORGANIZATION"}) if m.i == k), None)


def _leader(view: SentenceView, k: int, nested: bool = False) -> Mention | None:
    """`do Đại tá Y, Giám đốc …, dẫn đầu` after the delegation: the person who leads it (nested:
    also one named inside another name, as in the name of talks between two delegations)."""
    t = view.t
    people = (
        [m for m in view.mentions if m.type is EntityType.PERSON] if nested else view.outer(PEOPLE)
    )
    _, b = view.clause(k)
    dos = [q for q in range(k, min(b, k + 20)) if t[q].key == "do"]
    if not dos:
        return None
    person = next((m for m in people if dos[0] < m.i <= dos[0] + 4), None)
    if person is None:
        return None
    end = end_of(person)
    rest = [
        q
        for q in range(end, min(b, end + 3))
        if any(t.keys_at(q, q + len(words_key(w))) == words_key(w) for w in LEADS)
    ]
    return person if rest else None


def _leader_before(view: SentenceView, k: int) -> Mention | None:
    """`Đại tướng X (, Bộ trưởng …,) (đã) dẫn đầu Đoàn đại biểu Bộ Y tham dự E`: the person named
    right before `dẫn đầu` leads the delegation that begins at k."""
    t = view.t
    n = ends_with(t, k, "leader")
    if not n:
        return None
    q = k - n
    q -= ends_with(t, q, "aspect")
    if q > 0 and t[q - 1].text == ",":
        q -= 1
    return next((m for m in view.outer(PEOPLE) if end_of(m) == q), None)


def heads_in_talks(view: SentenceView) -> None:
    """`hội đàm giữa đoàn A do X dẫn đầu và đoàn B do Y dẫn đầu`: the heads of the two delegations
    to talks met each other (and are the pair `hai Bộ trưởng` refers to later). Not a conference
    two delegations attend (`Đoàn A do X dẫn đầu và đoàn B do Y dẫn đầu tham dự Hội nghị …`)."""
    t = view.t
    kinds = {e.entity: e.kind for e in view.discourse.events}
    for g in t.positions.get("giữa", ()):  # often inside the talks' name
        talks = [
            m for m in view.outer(EVENTS) if kinds.get(m.entity) == "Meeting" and m.i < g <= m.j
        ]
        if not talks:
            continue
        _, b = view.clause(g)
        heads = [
            leader
            for k, n in role_starts(t, "delegation")
            if g < k < b and (leader := _leader(view, k + n, nested=True)) is not None
        ]
        if len(heads) == 2 and heads[0].entity != heads[1].entity:
            between = range(heads[0].j, heads[1].i)
            if any(t[q].key == "và" for q in between):
                view.add(heads[0].entity, "met", heads[1].entity, "delegation.heads-meet", 0.75)
        return


def members(view: SentenceView) -> None:
    """`các nước thành viên ASEAN gồm A, B`, `thành viên của X là A và B` → memberOf the group."""
    t = view.t
    for cue in MEMBERSHIP:
        words = words_key(cue)
        for ci in view.cues(words):
            k = ci + len(words)
            if k < len(t) and t[k].key == "của":
                k += 1
            group = next((m for m in view.outer({"ORGANIZATION"}) if m.i == k), None)
            after = group.j if group is not None else k
            group = group or _whole_before(view, ci)
            if group is None:
                continue
            opener = _list_opener(view, after)
            if opener is None:
                continue
            for item in list_items(view, frozenset({"LOCATION"}), opener):
                if item.type is EntityType.LOCATION:
                    view.add(item.entity, "memberOf", group.entity, "member.list", 0.75)


def _whole_before(view: SentenceView, ci: int) -> Mention | None:
    """`ADMM+ gồm 10 nước thành viên ASEAN và 8 nước đối tác là A, B`: the group the members make up
    is the organisation right before a composition word and a count (`gồm 10`, `gồm các`), also for
    a second list joined to the first by `và` (`… và 8 nước đối tác`)."""
    t = view.t
    a, _ = view.clause(ci)
    q = made_up_of(t, ci)
    if q is None and _second_count(t, ci):
        q = next((p for p in range(ci - 1, a - 1, -1) if starts_with(t, p, "composition")), None)
    if q is None:
        return None
    return next((m for m in view.outer({"ORGANIZATION"}) if m.j == q and m.i >= a), None)


def _second_count(t: Tokens, k: int) -> bool:
    """`… và 8 nước đối tác`: a count, and `và` before it, right before token k."""
    q = count_start(t, k)
    return 0 < q < k and t[q - 1].key == "và"


def _list_opener(view: SentenceView, k: int) -> int | None:
    """Where the items start after a group's name: after `gồm`, `là`, `trong đó có`, `:` (a comma and
    a count may come first: `ADMM+, gồm 10 nước`)."""
    t = view.t
    for q in range(k, min(len(t), k + 6)):
        n = starts_with(t, q, "listing")
        if n:
            return q + n
        if t[q].text in {".", ";"} or t[q].key == "và":
            return None  # `thành viên ASEAN và 8 nước đối tác là …`: the list is the partners'
    return None


def witnesses(view: SentenceView) -> None:
    """`Dưới sự chứng kiến của A và B, …`, `hai Bộ trưởng đã chứng kiến lễ ký`: who witnesses a
    named ceremony takes part in it (a signing with no ceremony named gives nothing)."""
    t = view.t
    kinds = {e.entity: e.kind for e in view.discourse.events}
    ceremonies = [m for m in view.outer(EVENTS) if kinds.get(m.entity) == "Ceremony"]
    if not ceremonies:
        return
    for k, n in role_starts(t, "witness"):
        after = [m for m in view.outer(PEOPLE) if k + n <= m.i]
        group = after[:1]
        for m in after[1:]:
            if _joined_people(view, group[-1], m):
                group.append(m)
        before = agents_before(view, PEOPLE, k, 2) or two_parties(view, k)
        ceremony = next((c for c in ceremonies if c.i >= k + n), ceremonies[0])
        for who in [*group, *before]:
            entity = who if isinstance(who, str) else who.entity
            view.add(entity, "participatedIn", ceremony.entity, "participant.witness", 0.7)
        return


def _joined_people(view: SentenceView, a: Mention, b: Mention) -> bool:
    t = view.t
    end = max([a.j, *(s[1] for s in a.candidate.posts if s[0] >= a.j)])
    start = min([b.i, *(s[0] for s in (b.candidate.rank, *b.candidate.posts) if s and s[1] <= b.i)])
    return start - end <= 2 and all(tok.key in {"và", ",", "cùng"} for tok in t[end:start])


def present_at(view: SentenceView) -> None:
    """`Tại buổi lễ, Thượng tá X … trao …`: the people a sentence framed by `Tại E,` names take part
    in E (its chairs are recorded as such)."""
    t = view.t
    if not t or t[0].key != "tại":
        return
    event = next((m for m in view.outer(EVENTS) if m.i <= 2), None)
    if event is None or event.j >= len(t) or t[event.j].text != ",":
        return
    for who in view.outer(PEOPLE):
        if who.i > event.j:
            view.add(who.entity, "participatedIn", event.entity, "participant.present-at", 0.65)


def _only_aspect(view: SentenceView, m: Mention, k: int) -> bool:
    """`X (đã/đang) có chuyến thăm …`: only aspect words and `có` between the visitor and the visit
    (not `X cho biết, chuyến thăm …`)."""
    t = view.t
    q = end_of(m)
    while q < k:
        n = starts_with(t, q, "aspect") or (1 if t[q].key == "có" else 0)
        if not n:
            return False
        q += n
    return True


def welcomes(view: SentenceView) -> None:
    """`Đại tướng A chủ trì lễ đón chính thức Đại tướng B, Bộ trưởng …`: A received B."""
    t = view.t
    for event in view.outer(EVENTS):
        n = starts_with(t, event.i, "welcome")
        if not n:
            continue
        guest = next(
            (
                m
                for m in view.outer(PEOPLE)
                if event.j <= m.i <= event.j + 1 or event.j <= start_of(m) <= event.j + 1
            ),
            None,
        )  # `lễ đón chính thức Tổng thống Ba Lan X`: the guest's post may end the ceremony's name
        hosts = agents_before(view, PEOPLE, event.i, 3) if _hosting(view, event.i) else []
        if guest is None:
            continue
        view.add(guest.entity, "participatedIn", event.entity, "welcome.guest", 0.7)
        for host in hosts:
            if host.entity != guest.entity:
                view.add(host.entity, "received", guest.entity, "welcome.host", 0.75)
        visit = _occasion_after(view, guest)
        if visit is not None:
            view.add(guest.entity, "participatedIn", visit.entity, "welcome.visitor", 0.7)
            view.add(event.entity, "partOf", visit.entity, "welcome.on-the-visit", 0.7)


def _occasion_after(view: SentenceView, guest: Mention) -> Mention | None:
    """`… lễ đón chính thức B, Bộ trưởng …, nhân chuyến thăm chính thức Việt Nam`: the visit the
    ceremony welcomes B on."""
    _, b = view.clause(guest.i)
    return next(
        (
            m
            for m in view.outer(EVENTS)
            if guest.j <= m.i < b
            and m.candidate.kind == "Visit"
            and ends_with(view.t, m.i, "framework")
        ),
        None,
    )


def _hosting(view: SentenceView, k: int) -> bool:
    """`A chủ trì lễ đón …`: the word before the ceremony makes A its host (not `A dự lễ đón …`)."""
    return any(ends_with(view.t, k - n, "hosting") for n in range(0, 3) if k - n > 0)


VISITORS = frozenset({"PERSON", "ORGANIZATION"})


def visitors(view: SentenceView) -> None:
    """`Đại tướng X đang có chuyến thăm chính thức Nga`, `chuyến thăm chính thức Việt Nam từ ngày 23
    đến 25/4 của Bộ trưởng Y`: who pays a visit takes part in it."""
    t = view.t
    for event in view.outer(EVENTS):
        if event.referent or event.candidate.kind != "Visit":
            continue
        who = [
            m
            for m in agents_before(view, VISITORS, event.i, 3)
            if m.type is EntityType.PERSON and _only_aspect(view, m, event.i)
        ]
        _, b = view.clause(event.j)
        dated = [d.j for d in view.outer({"DATE"}) if event.j <= d.i <= event.j + 2]
        k = max([event.j, *dated])
        if k < b and t[k].key == "của":
            who += [m for m in view.outer(VISITORS) if start_of(m) == k + 1]
        hosts = [
            f.object
            for f in view.found
            if f.subject == event.entity
            and f.predicate == "hostedBy"
            and f.object in view.types
            and view.types[f.object] is EntityType.PERSON
        ]
        for m in who:
            view.add(m.entity, "participatedIn", event.entity, "visit.visitor", 0.7)
            if len(hosts) == 1:  # `Nhận lời mời của X, Y thăm …`: `hai Bộ trưởng` later are X and Y
                view.discourse.meet(view.n, hosts[0], m.entity)
