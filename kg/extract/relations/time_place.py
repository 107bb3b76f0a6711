"""Where and when: heldIn and heldOn (signedOn for an agreement signed then).

A fronted adverbial governs its clause (`Ngày 12/4, tại Đà Nẵng, Cục X tổ chức E` → E on 12/4, in
Đà Nẵng); so does the dateline (`Hà Nội, 24/4/2014 – …`, `Seoul (TTXVN) – Sáng 23/3, …`);
`sáng nay` takes the dateline's date; `E diễn ra tại L từ ngày D` and `E (D)` date and place the
event before them. A venue with its city in brackets (`tại Trung tâm Hội nghị X (thành phố Y)`)
holds the event in both.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import EntityType
from ..document.discourse import Mention
from ..gazetteer import Cat, function_words
from ..tokens import Tokens, ends_with, role_starts, starts_with
from .context import SentenceView

PLACES = {"LOCATION", "ORGANIZATION"}
DATED = {"EVENT", "AGREEMENT"}
SIGNING = (("ký",), ("ký", "kết"))
LOOKAHEAD = 3  # sentences after a signing in which the article names its ceremony


def _places_at(view: SentenceView, k: int) -> list[Mention]:
    """The place (or venue) a locative at k names, with the city in brackets after a venue."""
    t = view.t
    n = starts_with(t, k, "locative")
    if not n:
        return []
    first = next((m for m in view.outer(PLACES) if k + n <= m.i <= k + n + 2), None)
    seat = _seat(view, k + n)
    if first is None or (first.type is EntityType.ORGANIZATION and not _venue(view, first)):
        return [seat] if seat is not None else []
    out = [first] if seat is None or seat.entity == first.entity else [first, seat]
    if (
        first.j < len(t)
        and t[first.j].text == "("
        and (first.type is EntityType.ORGANIZATION or first.candidate.kind == "Site")
    ):
        inner = view.at(first.j + 1, {"LOCATION"})
        if inner is not None:
            out.append(inner)
    return out


def _seat(view: SentenceView, k: int) -> Mention | None:
    """`tại trụ sở Bộ Quốc phòng Hàn Quốc ở thủ đô Seoul`, `tại căn cứ của Phái bộ … (UNMISS) ở
    thành phố Bentiu`: the city after `ở` that closes a venue phrase. The phrase is a venue noun
    (at most three words), then names, brackets and `của`; anything else ends it."""
    t = view.t
    q, named = k, False
    while q < min(len(t), k + 24):
        m = view.at(q)
        if m is not None:
            q, named = m.j, True
            continue
        if t[q].key == "ở" and named:
            return next((p for p in view.outer({"LOCATION"}) if q + 1 <= p.i <= q + 3), None)
        if t[q].text in {"(", ")"} or t[q].key == "của" or (not named and q - k < 3):
            q += 1
            continue
        return None
    return None


VENUES = {"agency", "military", "other", "GovernmentAgency", "ArmedForce", "Site"}


def _venue(view: SentenceView, m: Mention) -> bool:
    """An organisation after `tại` is where an event is held when it has premises (`tại Học viện
    Quốc phòng`, `tại Bệnh viện Quân y 175`), not a ministry, a mission or an international body
    (`làm nhiệm vụ tại Phái bộ …`)."""
    head = view.t.at(m.i, Cat.ORG_HEAD)
    if head is not None and head.entries[0].get("kind") in {
        "ministry",
        "mission",
        "international",
        "group",
        "association",
    }:
        return False
    return m.candidate.kind in VENUES


def _dated(view: SentenceView, m: Mention | str, d: Mention, rule: str) -> None:
    entity = m if isinstance(m, str) else m.entity
    if view.types.get(entity) is EntityType.AGREEMENT:
        if any(view.cues(c) for c in SIGNING):
            view.add(entity, "signedOn", d.entity, rule, 0.75)
        return
    view.add(entity, "heldOn", d.entity, rule, 0.75)


def _held(view: SentenceView, m: Mention | str, places: list[Mention], rule: str) -> None:
    entity = m if isinstance(m, str) else m.entity
    if view.types.get(entity) is not EntityType.EVENT:
        return
    for p in places:
        view.add(entity, "heldIn", p.entity, rule, 0.75)


def _opening(view: SentenceView) -> tuple[int, list[Mention], Mention | None]:
    """The fronted adverbials of a sentence (`Sáng 10-6, tại huyện X (Hà Nội),`): where the main
    clause begins, the places, the date."""
    t = view.t
    k = end = 0
    places: list[Mention] = []
    date: Mention | None = None
    for _ in range(4):
        if k == 0:
            k = _after_dateline(view)
        while k < len(t) and (t[k].text in {",", "–", "-", "(", ")"} or _time_word(view, k)):
            k += 1
        d = view.at(k, {"DATE"})
        if d is not None and date is None:
            date = d
            k = end = _past_brackets(t, d.j)  # `Ngày 12/7 (giờ địa phương),`
            continue
        if starts_with(t, k, "locative"):
            found = _places_at(view, k)
            if not found:
                break
            places = found
            last = _past_owner(view, _past_brackets(t, max(p.j for p in found)))
            k = end = last
            continue
        break
    if end and end < len(t) and t[end].text in {",", "–", "-"} and (places or date):
        return end + 1, places, date
    return 0, [], None


def _past_owner(view: SentenceView, k: int) -> int:
    """After `của Cộng hòa Trung Phi` in `tại thủ đô Bangui của Cộng hòa Trung Phi,`, else k."""
    t = view.t
    if k < len(t) and t[k].key == "của":
        owner = view.at(k + 1, {"LOCATION"})
        if owner is not None:
            return _past_brackets(t, owner.j)
    return k


def _past_brackets(t: Tokens, k: int) -> int:
    """After `(Hà Nội)` or `)` at k, else k."""
    if k < len(t) and t[k].text == ")":
        return k + 1
    if k < len(t) and t[k].text == "(":
        close = next((q for q in range(k + 1, min(len(t), k + 8)) if t[q].text == ")"), None)
        return close + 1 if close is not None else k
    return k


def _after_dateline(view: SentenceView) -> int:
    """`Viêng Chăn – Từ ngày 8 …`: where a sentence begins after its dateline (0 when none)."""
    place = view.at(0, {"LOCATION"})
    t = view.t
    if place is None:
        return 0
    k = place.j
    if k < len(t) and t[k].text == ",":
        date = view.at(k + 1, {"DATE"})
        k = date.j if date else k
    return k + 1 if k < len(t) and t[k].is_dash and not _pair(view, k) else 0


def _pair(view: SentenceView, k: int) -> bool:
    """`Việt Nam – Indonesia`: a dash between two places joins them; it ends no dateline."""
    return view.at(k + 1, {"LOCATION", "ORGANIZATION"}) is not None


def _time_word(view: SentenceView, k: int) -> bool:
    """A word that opens a sentence before its date (`Sáng`, `Trong hai ngày`, `Vào`; lexicon
    function_words, role fronted_time), or the bracket of `(15/3)` after `Hôm nay`."""
    t = view.t
    return (t[k].key,) in function_words("fronted_time") or (
        t[k].text == "(" and k + 1 < len(t) and t[k + 1].text[:1].isdigit()
    )


def fronted(view: SentenceView) -> None:
    """`Ngày 12/4, tại Đà Nẵng, Cục X tổ chức khai mạc E1 và E2` → E1, E2 on 12/4 in Đà Nẵng."""
    start, places, date = _opening(view)
    if not start:
        return
    today = view.discourse.dateline_date if _says_today(view) else None
    events = [m for m in view.outer(DATED) if m.i >= start]
    if not events:
        return
    _, b = view.clause(start)
    in_clause = [m for m in events if m.i < b and not ends_with(view.t, m.i, "framework")]
    # `… nhân chuyến thăm chính thức Việt Nam từ ngày 11 đến 14/6`: the occasion is not dated here
    occasion = _fronted_occasion(view, start)
    for e in [*occasion, *in_clause]:
        if date is not None:
            _dated(view, e, date, "time.fronted")
        elif today:
            view.add(e.entity, "heldOn", today, "time.today", 0.7)
        _held(view, e, places, "place.fronted")
    _signing_ceremony_ahead(view, in_clause, places, date)


def _fronted_occasion(view: SentenceView, k: int) -> list[Mention]:
    """`Ngày 21/8, tại Băng Cốc, trong khuôn khổ Diễn đàn X, A và B đã ký …`: the event a fronted
    `trong khuôn khổ` or `bên lề` names goes on that day, there (one adverbial among the others)."""
    t = view.t
    n = starts_with(t, k, "during")
    if not n:
        return []
    event = view.at(k + n, {"EVENT"})
    if event is None or event.j >= len(t) or t[event.j].text != ",":
        return []
    return [event]


def _signing_ceremony_ahead(
    view: SentenceView, dated: list[Mention], places: list[Mention], date: Mention | None
) -> None:
    """`Ngày 22/5/2019, tại Hà Nội, A và B đã ký Bản ghi nhớ …` then `Tham dự lễ ký kết có …`: the
    signing ceremony the next sentences name was held on that day, there, and the agreement was
    signed at it."""
    if not dated or any(view.types.get(m.entity) is not EntityType.AGREEMENT for m in dated):
        return
    if not any(view.cues(c) for c in SIGNING):
        return
    heads = {" ".join(w) for w in function_words("signing_ceremony")}
    ahead = (
        e
        for e in view.discourse.events
        if view.n < e.sentence <= view.n + LOOKAHEAD and e.head in heads
    )
    ceremony = next(ahead, None)
    if ceremony is None:
        return
    if date is not None:
        view.add(ceremony.entity, "heldOn", date.entity, "time.signing-ceremony", 0.7)
    _held(view, ceremony.entity, places, "place.signing-ceremony")
    for m in dated:
        view.add(m.entity, "partOf", ceremony.entity, "structure.signed-at-ceremony", 0.7)


def _says_today(view: SentenceView) -> bool:
    return any(starts_with(view.t, k, "today") for k in range(min(3, len(view.t))))


def dateline(view: SentenceView) -> None:
    """`Hà Nội, 24/4/2014 – …`, `Seoul (TTXVN) – Sáng 23/3, …`: the dateline's place and date are
    the lead event's; remember them for `sáng nay` later."""
    t = view.t
    d = view.discourse
    if view.n > 3 or d.dateline_place is not None:
        return
    if t and t[0].is_dash and d.place_alone is not None:
        _lead_event(view, d.place_alone, None, 0)  # `Seoul (TTXVN)` cut off as a line of its own
        return
    place = view.at(0, {"LOCATION"})
    if place is None:
        return
    if place.j == len(t) or all(not tok.is_word for tok in t[place.j :]):
        d.place_alone = place.entity
        return
    k = _past_brackets(t, place.j) if place.j < len(t) and t[place.j].text == "(" else place.j
    date = None  # `Seoul (TTXVN) – …`: the agency's tag stands between the place and the dash
    if k < len(t) and t[k].text == ",":
        date = view.at(k + 1, {"DATE"})
        k = date.j if date else k
    if k >= len(t) or not t[k].is_dash or _pair(view, k):
        return
    _lead_event(view, place.entity, date, k)


def _lead_event(view: SentenceView, place: str, date: Mention | None, k: int) -> None:
    """The dateline's place (and date) are the lead event's, the first named after token k."""
    view.discourse.dateline_place = place
    if date is not None:
        view.discourse.dateline_date = date.entity
    events = [m for m in view.outer(DATED) if m.i > k]
    if events:
        lead = events[0]
        if view.types.get(lead.entity) is EntityType.EVENT:
            view.add(lead.entity, "heldIn", place, "place.dateline", 0.75)
        if date is not None and not any(k < d.i < lead.i for d in view.outer({"DATE"})):
            _dated(view, lead, date, "time.dateline")  # not after the lead's own fronted date


def after_event(view: SentenceView) -> None:
    """`E diễn ra tại L từ ngày D`, `E tại L`, `E (D)`, `E … vào tháng 10`: the place and date after
    an event in its clause are its own, unless another mention stands between them as agent."""
    t = view.t
    events = view.outer(DATED)
    if not events:
        return
    for k, _n in role_starts(t, "locative"):
        places = _places_at(view, k)
        event = _event_before(view, k, events)
        if places and event is not None and not _owner_between(view, event, k):
            _held(view, event, places, "place.after-event")
    for d in view.outer({"DATE"}):
        if _since(view, d):
            continue
        if (event := _event_after(view, d.j, events)) is not None:
            _dated(view, event, d, "time.before-event")  # `chiều 16/11 đã diễn ra Hội thảo …`
        elif d.i > 0 and (t[d.i - 1].text == "(" or ends_with(t, d.i, "temporal")):
            event = _event_before(view, d.i, events, 20)
            if event is not None:
                _dated(view, event, d, "time.after-event")


def signed_when(view: SentenceView) -> None:
    """`Tuyên bố tầm nhìn chung … ký năm 2018`, `Bản ghi nhớ … được ký kết vào tháng 10/2011`: a
    date right after the signing word that follows an agreement's name is when it was signed."""
    t = view.t
    agreements = view.outer({"AGREEMENT"})
    if not agreements:
        return
    for d in view.outer({"DATE"}):
        q = d.i - ends_with(t, d.i, "temporal")
        for cue in sorted(SIGNING, key=len, reverse=True):
            if q >= len(cue) and t.keys_at(q - len(cue), q) == cue:
                q -= len(cue)
                break
        else:
            continue
        q -= q > 0 and t[q - 1].key in {"được", "đã"}
        signed = next((m for m in agreements if m.j == q), None)
        if signed is not None:
            view.add(signed.entity, "signedOn", d.entity, "time.signed-when", 0.75)


def _since(view: SentenceView, d: Mention) -> bool:
    """`kể từ năm 2017`, `được tổ chức từ năm 2003`: a year things have run since, not a date."""
    t = view.t
    a, _ = view.clause(d.i)
    if any(t.keys_at(q, q + 2) == ("kể", "từ") for q in range(max(a, d.i - 24), d.i)):
        return True  # `… kể từ khi hai nước nâng cấp quan hệ vào tháng 12/2022`
    return (
        d.i > 0
        and t[d.i - 1].key == "từ"
        and d.j - d.i <= 2
        and t[d.j - 1].text.isdigit()
        and len(t[d.j - 1].text) == 4
    )


HAPPENED = (("diễn", "ra"), ("khai", "mạc"), ("được", "tổ", "chức"), ("bế", "mạc"))


def _event_after(view: SentenceView, k: int, events: Sequence[Mention]) -> Mention | None:
    """`chiều 16/11 đã diễn ra Hội thảo …`: a date, then `(đã) diễn ra`, then the event."""
    t = view.t
    q = k + (k < len(t) and t[k].key in {"đã", "sẽ"})
    for cue in HAPPENED:
        if t.keys_at(q, q + len(cue)) == cue:
            return next((m for m in events if q + len(cue) <= m.i <= q + len(cue) + 1), None)
    return None


def _event_before(
    view: SentenceView, k: int, events: Sequence[Mention], reach: int = 16
) -> Mention | None:
    a, _ = view.clause(k)
    before = [
        m
        for m in events
        if a <= m.i and m.j <= k and k - m.j <= reach + _inner_tokens(view, m.j, k)
    ]
    return before[-1] if before else None


def _inner_tokens(view: SentenceView, a: int, b: int) -> int:
    """How many tokens of a..b lie inside dates and names beyond their first (`từ ngày 2-6/8/2016`,
    `Bộ Tư lệnh Ấn Độ Dương - Thái Bình Dương Hoa Kỳ` each count for one word, not seven)."""
    return sum(m.j - m.i - 1 for m in view.outer() if a <= m.i and m.j <= b)


def _owner_between(view: SentenceView, event: Mention, k: int) -> bool:
    """`Hội nghị do Cục X tổ chức tại Hà Nội` is held there; `Hội nghị, Bộ trưởng X tại Hà Nội`
    is not (a person or organisation of its own stands between, not after `do`)."""
    t = view.t
    after_do = False  # `do A và B đồng tổ chức`: both are the event's organisers
    for m in sorted(view.outer(), key=lambda m: m.i):
        if event.j <= m.i and m.j <= k and m.type is not EntityType.DATE:
            if m.i == event.j + 1 and t[event.j].text == "(":
                continue  # the event's acronym: `Hội nghị … (ADMM+) diễn ra tại …`
            before = t[m.i - 1].key
            after_do = before == "do" or (after_do and before in {"và", ","})
            if after_do or m.type is EntityType.LOCATION:
                continue
            return True
    return False
