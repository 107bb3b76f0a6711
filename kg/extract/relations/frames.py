"""Relation frames: a cue (a verb or noun from lexicon relation_patterns) and the shape of its
arguments around it. A Vietnamese speaker adds a cue or a shape by a row of that lexicon.

Shapes (each a function below):
  agent_cue_target  the agents right before the cue (`A`, `A và B`, `A phối hợp với B`), the targets
                    after it (`E1, E2 và E3`): `Cục X phối hợp với Bộ Y tổ chức E`, `X tiếp Y`
  do_agent_cue      `E do A (và B) CUE`: the event before `do`, the agents after it
  cue_cua_agents    `dưới sự CUE của A`, `với sự tham gia của A, B`: the sentence's event
  cue_co_list       `CUE (E) có A, B, đại diện C; D`: `Tham dự có …`, `Đồng chủ trì buổi lễ có …`
  cue_list          `CUE A, B và C` about the sentence's event: `đến từ Lào, Campuchia`
  cooccur           the cue anywhere in the clause: `Phát biểu tại hội nghị, X …`
  cue_target_agent  `CUE TARGET, AGENT …` opening a clause: `Tiếp Đại sứ Y, Đại tướng X …`
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ... import lexicon
from ...model import EntityType
from ..document.discourse import Mention
from ..entities.shapes import stop_at
from ..tokens import Tokens, ends_with, role_starts, starts_with
from .context import SentenceView, words_key

LIST_END = {".", "!", "?"}


@dataclass(frozen=True)
class Frame:
    predicate: str
    shape: str
    cue: tuple[str, ...]
    subject: str
    agent: frozenset[str]
    target: frozenset[str]
    confidence: float
    gap: int | None


@cache
def frames() -> tuple[Frame, ...]:
    """The rows of relation_patterns.tsv, longest cues first (a longer cue wins its tokens)."""
    found = (
        Frame(
            row["predicate"],
            row["shape"],
            words_key(row["cue"]),
            row["subject"],
            frozenset(row["agent"].split("|")),
            frozenset(row["target"].split("|")),
            float(row["confidence"]),
            int(row["gap"]) if row.get("gap") else None,
        )
        for row in lexicon.table("relation_patterns")
    )
    return tuple(sorted(found, key=lambda f: -len(f.cue)))


def apply_frames(view: SentenceView) -> None:
    """Every frame whose cue the sentence holds, longest cues first: a cue inside a longer one that
    a frame read (`chủ trì` in `đồng chủ trì`) is not read again; one cue may serve several shapes."""
    taken: list[tuple[int, int, tuple[str, ...]]] = []
    present = view.t.positions
    for f in [f for f in frames() if f.cue[0] in present]:
        for ci in view.cues(f.cue):
            cj = ci + len(f.cue)
            if any(a <= ci and cj <= b and cue != f.cue for a, b, cue in taken):
                continue
            if SHAPES[f.shape](view, f, ci, cj):
                taken.append((ci, cj, f.cue))


# ------------------------------------------------------------------ argument slots


def agents_before(
    view: SentenceView, types: frozenset[str], k: int, gap: int | None
) -> list[Mention]:
    """The group of mentions right before token k: the nearest one and those of its type joined to
    it by `và`, commas or `phối hợp với` (`Cục X phối hợp với Bộ Y tổ chức`), within its clause; not
    a place after `tại`, nor the witnesses of a signing (`Dưới sự chứng kiến của A, B ký`)."""
    a, _ = view.clause(k)
    before = [
        m
        for m in [*view.outer(types), *_ending_a_name(view, types, k)]
        if a <= m.i
        and m.j <= k
        and not _locative(view, m)
        and not _bracketed(view, m)
        and not _witnessing(view, m)
    ]
    before.sort(key=lambda m: (m.i, m.j))
    if not before:
        return []
    last = _owner_of(view, before)
    before = before[: before.index(last) + 1]
    if gap is not None and k - _after_brackets(view, max(last.j, _end(last))) > gap:
        return []  # the gap counts from the end of the posts apposed to a person
    group = [last]
    for m in reversed(before[:-1]):
        first = group[0]
        if m.type is not first.type or _witness_before(view, m.j) or _object_of_a_cue(view, m):
            break  # (the object of a cue only breaks a list at a comma: see _object_of_a_cue)
        b = max(_start(first), m.j)
        a_end = _after_brackets(view, max(_end(m), m.j))
        n = b - a_end
        joiner = ends_with(view.t, b, "joiner")
        partner = ends_with(view.t, b, "partner")
        if partner:  # `A sẽ phối hợp với B tổ chức`
            joiner = partner + ends_with(view.t, b - partner, "aspect")
        if joiner and n == joiner + 1 and view.t[a_end].text == ",":
            joiner += 1  # `A, Giám đốc Sở Y tế, và B, …`: a comma closes the first one's post
        if not (n == 0 or joiner == n):
            break
        group.insert(0, m)
    return group


def _object_of_a_cue(view: SentenceView, m: Mention) -> bool:
    """`Sau khi hội kiến A và chào xã giao B, X đã dự …`: a mention right after a verb cue and
    before a comma is that verb's object, no item of the list of agents the next one heads."""
    t = view.t
    k, end = _start(m), _after_brackets(view, max(_end(m), m.j))
    if k == 0 or end >= len(t) or t[end].text != ",":
        return False
    return any(cj == k for _, cj in _verb_cues(view, people_only=False))


def _ending_a_name(view: SentenceView, types: frozenset[str], k: int) -> list[Mention]:
    """`Lễ xuất quân Bệnh viện dã chiến cấp 2 số 4 đi làm nhiệm vụ tại …`: the unit that ends an
    event's name right before the cue is the one the cue is about."""
    outer = [o for o in view.outer({"EVENT"}) if k - 2 <= o.j <= k]
    return [
        m
        for o in outer
        for m in view.inside(o.i, o.j, types, strictly=True)
        if m.j == o.j and m.type.value in types
    ]


def _owner_of(view: SentenceView, before: list[Mention]) -> Mention:
    """`Cục X (DITP) thuộc Bộ Y đã ký`: the body a `thuộc` phrase describes is the agent, not its
    parent."""
    last = before[-1]
    if len(before) > 1 and last.i > 0 and view.t[last.i - 1].key == "thuộc":
        prev = before[-2]
        if _after_brackets(view, prev.j) == last.i - 1:
            return prev
    return last


def _after_brackets(view: SentenceView, k: int) -> int:
    """After `(ĐHQGHN)` or `(Australia)` written right after a name: where its list goes on."""
    t = view.t
    if k < len(t) and t[k].text == "(":
        close = next((q for q in range(k + 1, min(len(t), k + 8)) if t[q].text == ")"), None)
        return close + 1 if close is not None else k
    return k


def _witness_before(view: SentenceView, k: int) -> bool:
    """Whether a witness phrase (`dưới sự chứng kiến của …`) runs up to token k (a comma there)."""
    t = view.t
    if k >= len(t) or t[k].text != ",":
        return False
    a, _ = view.clause(k)
    return any(a <= q < k for q, _ in role_starts(t, "witness"))


def two_parties(view: SentenceView, k: int) -> list[str]:
    """`hai Bộ trưởng ký`, `hai bên ký`: the two people of the latest talks, when `hai` and a noun
    of people or sides stand right before the cue (and the aspect and light verbs before it:
    `hai bên đã tiến hành hội đàm`)."""
    t = view.t
    for role in ("light_verb", "aspect"):  # `hai bên đã tiến hành hội đàm`
        k -= ends_with(t, k, role)
    for q in range(max(0, k - 4), k):
        if ends_with(t, q, "representative"):
            continue  # `đại diện hai bên ký`: the sides' representatives, not the pair
        if t[q].key == "hai" and q + 1 < k and t[q + 1].key in PAIR_NOUNS:
            pair = view.discourse.two_parties(view.n)
            return list(pair) if pair else []
    return []


PAIR_NOUNS = {"bên", "bộ", "thứ", "nhà", "trưởng", "đoàn", "vị", "người", "lãnh"}


def targets_after(
    view: SentenceView, types: frozenset[str], k: int, limit: int | None = None
) -> list[Mention]:
    """The mentions right after token k and those joined to them by `và` or commas."""
    _, b = view.clause(k)
    b = min(b, limit) if limit else b
    after = [m for m in view.outer(types) if k <= m.i and m.j <= b]
    if not after or max(k, _start(after[0])) - k > 6:
        return []
    group = [after[0]]
    for m in after[1:]:
        if not joined(view, group[-1].j, m) or _next_subject(view, group[-1].j, m):
            break
        group.append(m)
    return group


def _next_subject(view: SentenceView, a: int, m: Mention) -> bool:
    """`Nhận lời mời của X, Bộ trưởng … Y sẽ thăm …`: after a comma, a name followed by a verb (or
    an aspect word) is the subject of the main clause, no item of the list."""
    t = view.t
    if t[a].text != ",":
        return False
    end = _end(m)
    if end >= len(t):
        return False
    stop = stop_at(t, end)
    return starts_with(t, end, "aspect") > 0 or (
        stop is not None and stop.entries[0].get("kind") == "verb"
    )


def joined(view: SentenceView, a: int, m: Mention) -> bool:
    """Tokens a..m.i join a list item to the next: a joiner (`,`, `và`, `cùng`), then what belongs to
    the next item itself (a person's rank or the post written before the name)."""
    b = min(
        [
            m.i,
            *(
                s[0]
                for s in (m.candidate.rank, *m.candidate.posts)
                if s and s[1] <= m.i and s[0] >= a
            ),
        ]
    )
    n = b - a
    return n == 0 or starts_with(view.t, a, "joiner") == n or _represented(view, a, b)


def _represented(view: SentenceView, a: int, b: int) -> bool:
    """`A, đại diện B`: a joiner then `đại diện` between two list items."""
    n = starts_with(view.t, a, "joiner")
    return bool(n) and starts_with(view.t, a + n, "representative") == b - a - n


def _locative(view: SentenceView, m: Mention) -> bool:
    """`tại Hà Nội`, `ở Lào`, `Chiều 9/5, tại Bộ Quốc phòng, …`: a place or premises in a locative
    phrase is where, not who."""
    return m.type is not EntityType.PERSON and ends_with(view.t, m.i, "locative") > 0


def _witnessing(view: SentenceView, m: Mention) -> bool:
    """`Dưới sự chứng kiến của A và B, đại diện hai bên đã ký`: A and B witness, they do not sign."""
    t = view.t
    a, _ = view.clause(m.i)
    return any(
        a <= q < m.i and not any(t[r].text == "," for r in range(q + n, m.i))
        for q, n in role_starts(t, "witness")
    )


def sentence_event(
    view: SentenceView, types: frozenset[str], before: int | None = None, occasion: bool = False
) -> Mention | str | None:
    """The event (or agreement) a sentence is about: the nearest named before `before`, else the
    first it names, else the one the article is talking about (`occasion`: not a ceremony of it)."""
    named = view.outer(types)
    if before is not None:
        earlier = [m for m in named if m.j <= before]
        if earlier:
            return earlier[-1]
    if named:
        return named[0]
    if "EVENT" in types:
        return view.discourse.occasion(view.n) if occasion else view.discourse.current(view.n)
    return (
        view.discourse.current(view.n + 1, EntityType.AGREEMENT) if "AGREEMENT" in types else None
    )


def list_items(view: SentenceView, types: frozenset[str], k: int) -> list[Mention]:
    """The items of a list from token k to the end of the sentence (`;` and commas separate them):
    outer mentions not inside brackets (a parent, an acronym) nor inside a post."""
    t = view.t
    end = next(
        (
            q
            for q in range(k, len(t))
            if (t[q].text in LIST_END and view.breaks(q)) or starts_with(t, q, "witness")
        ),
        len(t),
    )
    return [
        m
        for m in view.outer(types)
        if k <= m.i and m.j <= end and not _bracketed(view, m) and _an_item(view, m, k)
    ]


ITEM_BEFORE = {",", ";", "và", "có", ":", "gồm", "là", "cùng", "đại diện"}


def _an_item(view: SentenceView, m: Mention, start: int) -> bool:
    """A place is an item of the list only on its own (`đến từ Lào, Campuchia`), not as a word of
    a longer phrase (`doanh nghiệp Hàn Quốc`, `tại tỉnh Bình Dương`) nor the group the items
    belong to (`nước thành viên ADMM+`)."""
    t = view.t
    before = t[m.i - 1].key if m.i > 0 else ""
    if m.type is EntityType.LOCATION:
        return m.i == start or before in ITEM_BEFORE
    return not (m.type is EntityType.ORGANIZATION and before in {"viên", "nước"})


def _bracketed(view: SentenceView, m: Mention) -> bool:
    t = view.t
    return m.i > 0 and t[m.i - 1].text == "(" and m.j < len(t) and t[m.j].text == ")"


def relate(
    view: SentenceView, f: Frame, agent: Mention | str, target: Mention | str, rule: str
) -> None:
    a = agent if isinstance(agent, str) else agent.entity
    b = target if isinstance(target, str) else target.entity
    s, o = (a, b) if f.subject == "agent" else (b, a)
    view.add(s, f.predicate, o, f"{rule}:{' '.join(f.cue)}", f.confidence)


# ------------------------------------------------------------------ shapes


def agent_cue_target(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    if f.subject == "target" and ends_with(view.t, ci, "passive"):
        return False  # `… văn kiện được ký kết`: no one before signs it (`được dự`: got to attend)
    shared = _subject_of_the_verb_before(view, f, ci)
    agents: list[Mention | str] = list(
        shared if shared is not None else agents_before(view, f.agent, ci, f.gap)
    )
    if not agents and "PERSON" in f.agent:
        agents = list(two_parties(view, ci))
    targets: list[Mention | str] = list(targets_after(view, f.target, cj))
    if not targets and "PERSON" in f.target:
        targets = list(_delegation_leader(view, cj))
    if not targets and f.predicate in SYMMETRIC and len(agents) == 2:
        agents, targets = agents[:1], agents[1:]  # `hai Bộ trưởng đã hội đàm`, `A và B đã hội đàm`
    if not targets and "AGREEMENT" in f.target:
        latest = view.discourse.current(view.n + 1, EntityType.AGREEMENT)
        targets = [latest] if latest else []
    if not agents or not targets or _a_whole(view, agents[-1], ci):
        return False
    for ag in agents:
        for tg in targets:
            relate(view, f, ag, tg, "frame.agent-cue-target")
    return True


def _subject_of_the_verb_before(view: SentenceView, f: Frame, ci: int) -> list[Mention] | None:
    """`A hội kiến B và chào xã giao C`, `A tiếp B tại Hà Nội rồi hội đàm với C`: a verb joined by
    `và`/`rồi` (lexicon role next_verb) to a verb phrase before it in the clause, with no subject
    between them, has that phrase's subject (A calls on C, not B): [] when that phrase has none
    either (`Sau khi hội kiến B và chào xã giao C, A …`); None when the verb is not so joined."""
    t = view.t
    k = ci - ends_with(t, ci, "aspect")
    n = ends_with(t, k, "next_verb")
    if not n:
        return None
    before = _verb_before(view, view.clause(ci)[0], k - n)
    return agents_before(view, f.agent, before, f.gap) if before is not None else None


def _verb_before(view: SentenceView, a: int, k: int) -> int | None:
    """Where the last cue of a frame between two people starts in tokens a..k."""
    return max(
        (ci for ci, cj in _verb_cues(view, people_only=True) if a <= ci and cj <= k), default=None
    )


def _verb_cues(view: SentenceView, people_only: bool) -> list[tuple[int, int]]:
    """Where the cues of the sentence's `agent_cue_target` frames (those whose target may be a
    person, if `people_only`) start and end: the verbs whose agent stands before them."""
    present = view.t.positions
    return [
        (ci, ci + len(g.cue))
        for g in frames()
        if g.shape == "agent_cue_target"
        and (not people_only or "PERSON" in g.target)
        and g.cue[0] in present
        for ci in view.cues(g.cue)
    ]


def _a_whole(view: SentenceView, agent: Mention | str, ci: int) -> bool:
    """`ADMM+ gồm 10 nước thành viên ASEAN`: a composition word and a count right before the cue
    make the agent the whole the cue's members make up, not one of them."""
    q = made_up_of(view.t, ci)
    return q is not None and not isinstance(agent, str) and _end(agent) <= q


def made_up_of(t: Tokens, k: int) -> int | None:
    """`gồm 10 nước thành viên`, `gồm các nước`: where a composition word (lexicon role composition)
    stands before token k with nothing but a count between them; None when none does."""
    q = count_start(t, k, plural=True)
    n = ends_with(t, q, "composition")
    return q - n if n else None


def count_start(t: Tokens, k: int, plural: bool = False) -> int:
    """Where a count right before token k begins (`10`, with `plural`: also `các`); k if none."""
    q = k
    while q > 0 and (t[q - 1].is_number or (plural and ends_with(t, q, "plural"))):
        q -= 1
    return q


SYMMETRIC = {"met"}
PEOPLE = frozenset({"PERSON"})


def _delegation_leader(view: SentenceView, k: int) -> list[Mention]:
    """`tiếp đoàn đại biểu Bộ Quốc phòng Lào do Thiếu tướng X dẫn đầu`: who receives a delegation
    receives the person leading it."""
    t = view.t
    n = starts_with(t, k, "delegation")
    if not n:
        return []
    _, b = view.clause(k)
    for q in range(k + n, min(b, k + n + 20)):
        if t[q].key != "do":
            continue
        person = next((m for m in view.outer(PEOPLE) if q < m.i and _start(m) <= q + 1), None)
        if person is not None and starts_with(t, _end(person), "leader"):
            return [person]
        if (
            person is not None
            and t[_end(person)].text == ","
            and starts_with(t, _end(person) + 1, "leader")
        ):
            return [person]
        return []
    return []


def do_agent_cue(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    t = view.t
    a, _ = view.clause(ci)
    dos = [k for k in range(a, ci) if starts_with(t, k, "agent_marker") == 1]
    if not dos:
        return False
    group = [
        m
        for m in view.outer(f.agent)
        if dos[-1] < m.i and m.j <= ci and not _bracketed(view, m)  # `Cục X (Bộ Y)`: Y no agent
    ]
    target = sentence_event(view, f.target, before=dos[-1])
    if not group or target is None or _start(group[0]) != dos[-1] + 1:
        return False
    if not _cue_follows(view, group[-1], ci):
        return False  # `do Bộ X tổ chức với sự đồng chủ trì của …`: the cue is not the agent's
    for ag in group:
        relate(view, f, ag, target, "frame.do-agent-cue")
    return True


def start_of(m: Mention) -> int:
    """Where a mention begins with the rank or post written before it."""
    return _start(m)


def end_of(m: Mention) -> int:
    """Where a mention ends with the posts apposed after it."""
    return _end(m)


def _start(m: Mention) -> int:
    """Where a mention begins with the rank or post written before it (`Thiếu tướng X`)."""
    spans = (m.candidate.rank, *m.candidate.posts)
    return min([m.i, *(s[0] for s in spans if s and s[1] <= m.i)])


def _end(m: Mention) -> int:
    """Where a mention ends with the posts apposed after it (`X, Cục trưởng Cục Y`)."""
    return max([m.j, *(s[1] for s in m.candidate.posts if s[0] >= m.j)])


def _cue_follows(view: SentenceView, last: Mention, ci: int) -> bool:
    """The cue comes right after the agents (and the posts of the last one): `do A và B đồng chủ trì`,
    `do Thượng tướng X, Thứ trưởng …, dẫn đầu`."""
    end = _end(last)
    gap = [
        tok
        for tok in view.t[end:ci]
        if tok.is_word and tok.key not in {"phối", "hợp", "cùng", "với", "làm"}
    ]
    return len(gap) <= 1


def cue_cua_agents(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    t = view.t
    if cj >= len(t) or t[cj].key != "của":
        return False
    _, b = view.clause(ci)
    agents = targets_after(view, f.agent, cj + 1, b)
    target = sentence_event(view, f.target, before=ci)
    if not agents or target is None:
        return False
    for ag in agents:
        relate(view, f, ag, target, "frame.cue-cua-agents")
    return True


def cue_co_list(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    """`Tham dự có A, B`, `Dự lễ khai mạc có đại diện C`, `Đồng chủ trì buổi lễ có A và B`."""
    t = view.t
    reach = cj + 12  # a few words after the cue, or after the event it names, however long
    first = next((m for m in view.outer(f.target) if cj <= m.i <= cj + 1), None)
    if first is not None:
        reach = max(reach, first.j + 3)
    co = next((k for k in range(cj, min(len(t), reach)) if t[k].key in {"có", ":"}), None)
    if co is None or any(t[k].text in {",", ";", "."} for k in range(cj, co)):
        return False
    named = [m for m in view.outer(f.target) if cj <= m.i and m.j <= co]
    target: Mention | str | None = named[-1] if named else sentence_event(view, f.target, before=ci)
    agents = list_items(view, f.agent, co + 1)
    if target is None or not agents:
        return False
    for ag in agents:
        relate(view, f, ag, target, "frame.cue-co-list")
    return True


def cue_target_agent(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    """`Tiếp Đại sứ Y, Đại tướng X đánh giá cao …`: a clause opening with the cue and its target,
    then the agent after the comma."""
    if view.clause(ci)[0] != ci:
        return False
    targets = targets_after(view, f.target, cj)[:1]  # the comma list would run on to the agent
    if not targets:
        return False
    end = _end(targets[0])
    t = view.t
    if end >= len(t) or t[end].text != ",":
        return False
    agent = next((m for m in view.outer(f.agent) if _start(m) == end + 1), None)
    if agent is None:
        return False
    relate(view, f, agent, targets[0], "frame.cue-target-agent")
    return True


def cue_list(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    """`đại biểu đến từ Lào, Campuchia và Việt Nam`: each item of the list after the cue."""
    agents = list_items(view, f.agent, cj)
    target = sentence_event(view, f.target, before=ci, occasion=True)
    if not agents or target is None:
        return False
    for ag in agents:
        relate(view, f, ag, target, "frame.cue-list")
    return True


def cooccur(view: SentenceView, f: Frame, ci: int, cj: int) -> bool:
    a, b = view.clause(ci)
    agents = [m for m in view.outer(f.agent) if a <= m.i < b]
    target = sentence_event(view, f.target, before=None)
    if not agents or target is None:
        return False
    for ag in agents:
        relate(view, f, ag, target, "frame.cooccur")
    return True


SHAPES: dict[str, Callable[[SentenceView, Frame, int, int], bool]] = {
    "agent_cue_target": agent_cue_target,
    "do_agent_cue": do_agent_cue,
    "cue_cua_agents": cue_cua_agents,
    "cue_co_list": cue_co_list,
    "cue_list": cue_list,
    "cue_target_agent": cue_target_agent,
    "cooccur": cooccur,
}
