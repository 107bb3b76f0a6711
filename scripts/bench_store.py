"""Benchmark: named queries on the embedded Oxigraph store vs an rdflib in-memory graph.

Builds a synthetic graph in our ontology (through kg.rdf, so the layout is the real one) of about
`--triples` statements, bulk-loads it into an embedded store, and prints, for each named query,
the median latency on both engines, their ratio and the geometric mean of the ratios.

    python scripts/bench_store.py [--triples 1000000] [--runs 5] [--keep DIR]

A benchmark, not a test: it is never run by pytest.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

from rdflib import Dataset
from rdflib.term import Identifier
from rdflib.util import from_n3

from kg.build.loader import load_ontology
from kg.derive import derive
from kg.model import DocExtraction, Document, Entity, EntityType, Evidence, Mention, Relation
from kg.ntriples import to_nquads
from kg.query import bindings, named_queries
from kg.rdf import extraction_quads
from kg.store import Bindings, LocalStore
from kg.vocab import PREFIXES

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trịnh",
    "Đinh",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Ngọc", "Công"]
GIVEN = [
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
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Yên",
    "Hòa",
    "Lâm",
    "Khoa",
    "Hiếu",
    "Toàn",
    "Thịnh",
    "Tài",
    "Lộc",
    "Đạt",
    "Kiên",
]
RANKS = ["Thiếu tướng", "Trung tướng", "Thượng tướng", "Đại tướng", "Đại tá", "Thượng tá"]
POSTS = ["Thứ trưởng", "Cục trưởng", "Phó Cục trưởng", "Tư lệnh", "Chính ủy", "Giám đốc"]
ORG_HEADS = ["Cục", "Bộ Tư lệnh", "Học viện", "Trung tâm", "Viện", "Binh đoàn"]
ORG_TOPICS = ["Gìn giữ hòa bình", "Quân y", "Đối ngoại", "Tác chiến", "Hậu cần", "Kỹ thuật"]
CITIES = ["Hà Nội", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng", "Nha Trang", "Vinh", "Đà Lạt"]
EVENTS = ["Hội nghị", "Hội thảo", "Diễn tập", "Khóa huấn luyện", "Kỳ họp", "Lễ khai mạc"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"


def org_name(rng: random.Random) -> str:
    return f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TOPICS)} số {rng.randrange(60)}"


class _Doc:
    """Writes sentences and records each named thing's mention offsets as it goes."""

    def __init__(self) -> None:
        self.text = ""
        self.entities: dict[tuple[EntityType, str], Entity] = {}
        self.relations: list[Relation] = []

    def entity(self, kind: EntityType, name: str, attrs: dict[str, str] | None = None) -> str:
        key = (kind, name)
        if key not in self.entities:
            attrs = attrs or {}
            resolved = attrs.get("iso", "")  # a date without its year is not one entity
            entity = Entity(f"e{len(self.entities)}", kind, name, [], attrs, key=resolved)
            self.entities[key] = entity
        return self.entities[key].id

    def sentence(self, parts: list[Part]) -> Evidence:
        start = len(self.text)
        for text, ref in parts:
            if ref is not None:
                at = len(self.text)
                self.entities[ref].mentions.append(Mention(text, at, at + len(text)))
            self.text += text
        end = len(self.text)
        self.text += " "
        return Evidence(self.text[start:end], start, end)

    def relate(self, s: str, p: str, o: str, ev: Evidence, is_entity: bool = True) -> None:
        self.relations.append(Relation(s, p, o, ev, is_entity, "bench", 0.8))


PER, ORG, LOC, EVT, AGR, DAT = (
    EntityType.PERSON,
    EntityType.ORGANIZATION,
    EntityType.LOCATION,
    EntityType.EVENT,
    EntityType.AGREEMENT,
    EntityType.DATE,
)
Part = tuple[str, tuple[EntityType, str] | None]


def synthetic_doc(n: int, rng: random.Random, people: list[str], orgs: list[str]) -> DocExtraction:
    """One article's extraction: a reception, a signing, an event and a meeting."""
    d = _Doc()
    day, month, year = rng.randrange(1, 28), rng.randrange(1, 13), rng.randrange(2018, 2025)
    host, guest, other = rng.sample(people, 3)
    org, org2 = rng.sample(orgs, 2)
    city = rng.choice(CITIES)
    event = f"{rng.choice(EVENTS)} {rng.choice(ORG_TOPICS).lower()} lần thứ {n}"
    mou = f"Bản ghi nhớ hợp tác {rng.choice(ORG_TOPICS).lower()} số {n}"
    when = f"{day}-{month}"
    rank, rank2, post = rng.choice(RANKS), rng.choice(RANKS), f"{rng.choice(POSTS)} {org}"
    ids = {
        "host": d.entity(PER, host),
        "guest": d.entity(PER, guest),
        "other": d.entity(PER, other),
        "org": d.entity(ORG, org),
        "org2": d.entity(ORG, org2),
        "city": d.entity(LOC, city),
        "event": d.entity(EVT, event),
        "mou": d.entity(AGR, mou),
        "date": d.entity(DAT, when, {"iso": f"{year}-{month:02d}-{day:02d}"}),
    }
    s1 = d.sentence(
        [
            ("Ngày ", None),
            (when, (DAT, when)),
            (", tại ", None),
            (city, (LOC, city)),
            (f", {rank} ", None),
            (host, (PER, host)),
            (f", {post}, đã tiếp {rank2} ", None),
            (guest, (PER, guest)),
            (" của ", None),
            (org2, (ORG, org2)),
            (".", None),
        ]
    )
    s2 = d.sentence([("Hai bên đã ký ", None), (mou, (AGR, mou)), (".", None)])
    s3 = d.sentence(
        [
            (event, (EVT, event)),
            (" do ", None),
            (org, (ORG, org)),
            (" tổ chức tại ", None),
            (city, (LOC, city)),
            (", ", None),
            (host, (PER, host)),
            (" chủ trì.", None),
        ]
    )
    s4 = d.sentence([(host, (PER, host)), (" gặp ", None), (other, (PER, other)), (".", None)])
    facts: list[tuple[str, str, str, Evidence, bool]] = [
        ("host", "hasRank", rank, s1, False),
        ("guest", "hasRank", rank2, s1, False),
        ("host", "holdsPosition", post, s1, False),
        ("host", "memberOf", "org", s1, True),
        ("guest", "memberOf", "org2", s1, True),
        ("host", "received", "guest", s1, True),
        ("mou", "signedBy", "host", s2, True),
        ("mou", "signedBy", "guest", s2, True),
        ("mou", "signedOn", "date", s2, True),
        ("event", "organizedBy", "org", s3, True),
        ("event", "heldIn", "city", s3, True),
        ("event", "chairedBy", "host", s3, True),
        ("event", "heldOn", "date", s3, True),
        ("host", "met", "other", s4, True),
        ("other", "participatedIn", "event", s4, True),
    ]
    for s, p, o, ev, is_entity in facts:
        d.relate(ids[s], p, ids[o] if is_entity else o, ev, is_entity)
    meta = {"published": f"{year}-{month:02d}-{min(day + 1, 28):02d}", "title": event}
    doc = Document(f"bench-{n:06d}", f"bench/{n:06d}.txt", d.text, meta)
    return DocExtraction(doc, list(d.entities.values()), d.relations)


def synthetic_nquads(target: int, seed: int = 7) -> tuple[str, int, str, str]:
    """About `target` quads; also a person name and a date to bind in the parameterised queries."""
    rng = random.Random(seed)
    people = sorted({person_name(rng) for _ in range(max(200, target // 60))})
    orgs = sorted({org_name(rng) for _ in range(2000)})
    chunks: list[str] = []
    total, n = 0, 0
    first = ""
    while total < target:
        ex = synthetic_doc(n, rng, people, orgs)
        first = first or ex.entities[0].name  # the host of the first article: a person met
        quads = extraction_quads(ex, "2024-01-01T00:00:00Z")
        chunks.append(to_nquads(quads))
        total += len(quads)
        n += 1
    return "".join(chunks), total, first, "2021-06-30"


def median_ms(run: Callable[[], int], runs: int, budget_s: float = 60.0) -> tuple[float, int]:
    """Median wall time of `runs` runs (fewer when they exceed the budget), and the row count."""
    times: list[float] = []
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - start) * 1000)
        if sum(times) > budget_s * 1000:
            break
    return statistics.median(times), rows


def cases(person: str, date: str) -> list[tuple[str, dict[str, str]]]:
    return [
        ("people", {}),
        ("people", {"date": date}),
        ("person", {"name": person, "date": date}),
        ("meetings", {}),
        ("contacts", {}),
        ("agreements", {}),
        ("entity", {"name": person}),
        ("evidence", {"subject": person, "predicate": "received"}),
    ]


def load_embedded(nquads: str, folder: Path) -> LocalStore:
    store = LocalStore(folder / "store")
    start = time.perf_counter()
    store.load_nquads(nquads)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    load_ontology(store)
    derive(store)
    derived = time.perf_counter() - start
    start = time.perf_counter()
    store.optimize()
    print(
        f"embedded store: bulk load {loaded:.1f} s (named graphs and merged default graph), "
        f"ontology and derived graph {derived:.1f} s, optimize {time.perf_counter() - start:.1f} s,"
        f" {store.count():,} quads"
    )
    return store


def load_memory(nquads: str) -> Dataset:
    start = time.perf_counter()
    memory = Dataset(default_union=True)
    memory.parse(data=nquads, format="nquads")
    print(f"rdflib in-memory Dataset: parse {time.perf_counter() - start:.1f} s")
    return memory


def timed_in_child(run: Callable[[], int], runs: int, timeout_s: float) -> tuple[float, int] | None:
    """`median_ms(run)` in a forked child (it shares the parsed graph), or None on timeout."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        sender.send(median_ms(run, runs, budget_s=timeout_s / 2))

    process = context.Process(target=child, daemon=True)
    process.start()
    ready = receiver.poll(timeout_s)
    result: tuple[float, int] | None = receiver.recv() if ready else None
    process.kill()
    process.join()
    return result


def compare(
    store: LocalStore, memory: Dataset, person: str, date: str, runs: int, timeout_s: float
) -> None:
    named = named_queries()
    ratios: list[float] = []
    print(f"\n{'query':<34} {'embedded ms':>12} {'memory ms':>12} {'ratio':>8} {'rows':>7}")
    for name, params in cases(person, date):
        query = named[name]
        ox_bind = bindings(query, params)
        rdf_bind = {k: cast(Identifier, from_n3(str(v))) for k, v in ox_bind.items()}

        def on_store(text: str = query.text, bound: Bindings = ox_bind) -> int:
            return len(store.select(text, bound).rows)

        def in_memory(text: str = query.text, bound: Mapping[str, Identifier] = rdf_bind) -> int:
            return len(list(memory.query(text, initNs=PREFIXES, initBindings=bound)))

        embedded, rows = median_ms(on_store, runs)
        timed = timed_in_child(in_memory, runs, timeout_s)
        mem, mem_rows = timed if timed is not None else (timeout_s * 1000, rows)
        label = name + (" " + " ".join(f"{k}={v}" for k, v in params.items()) if params else "")
        at_least = ">" if timed is None else " "
        flag = "" if rows == mem_rows else f"  (rdflib: {mem_rows} rows)"
        ratio = mem / embedded
        ratios.append(ratio)
        print(
            f"{label:<34} {embedded:>12.1f} {at_least}{mem:>11.1f} {at_least}{ratio:>6.1f}x"
            f" {rows:>7}{flag}"
        )
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"\ngeometric mean speed-up of the embedded store over rdflib in memory: {geo:.1f}x")
    print("(> : rdflib did not finish within the timeout; the timeout is used as its time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Keep the embedded store in this folder.")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="Seconds allowed per rdflib query."
    )
    args = parser.parse_args()

    start = time.perf_counter()
    nquads, total, person, date = synthetic_nquads(args.triples)
    print(f"synthetic graph: {total:,} quads in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        store = load_embedded(nquads, args.keep or Path(scratch))
        del nquads
        memory = load_memory("".join(f"{quad} .\n" for quad in store.quads()))
        compare(store, memory, person, date, args.runs, args.timeout)
        store.close()


if __name__ == "__main__":
    main()
