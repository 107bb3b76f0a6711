"""Property-based tests on arbitrary Unicode: cleaning, extraction, IRI minting, HTML escaping.

The strategies mix any Unicode character with the material the rules look for (Vietnamese letters
and tone marks, ranks, names, cue words, dates, invisible characters, markup), so the examples
reach the extractor's rules, not only its first `if`.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from html.parser import HTMLParser

import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg import iri, render
from kg.clean import clean, invisible, nfc_with_offsets
from kg.model import Document, EntityType

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u2066\u2069"
PUNCTUATION = " ,.;:!?…-–—()[]\"'“”\n\t/"
FRAGMENTS = (
    "Thượng tướng ",
    "Đại tá ",
    "Bộ trưởng ",
    "Lê Văn Hòa",
    "Nguyễn Thị Mai",
    "Tanaka Ken",
    "Bộ Quốc phòng",
    "Quân đội nhân dân Việt Nam",
    "Liên hợp quốc",
    "(LHQ)",
    "Hội nghị An ninh khu vực lần thứ 2",
    "Bản ghi nhớ về hợp tác quân y",
    " tại Hà Nội",
    " đã tiếp ",
    " hội đàm với ",
    " do ",
    " tổ chức",
    " chủ trì ",
    " ký ",
    "ngày 15-9-2015",
    "sáng 7/6",
    "tháng 12-2022",
    "6-10/6/2022",
    ", Thứ trưởng Bộ Quốc phòng, ",
    " – phó cục trưởng Cục Đối ngoại",
    "Ảnh: TTXVN",
    "Chia sẻ",
    "<script>alert(1)</script>",
    "\n",
    ". ",
)

any_char = st.characters(exclude_categories=("Cs",))
rich_char = st.one_of(
    any_char,
    st.sampled_from(VIETNAMESE + VIETNAMESE.upper()),
    st.sampled_from(MARKS + INVISIBLE + PUNCTUATION),
)
unicode_text = st.text(rich_char, max_size=200)
article_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(rich_char, max_size=6)), max_size=40
).map("".join)


def _starts(offsets: tuple[int, ...]) -> list[int]:
    """Indexes of the norm text where a new group of the original text starts."""
    return [k for k in range(len(offsets)) if k == 0 or offsets[k] != offsets[k - 1]]


# ---------------------------------------------------------------- cleaning


@settings(max_examples=400, deadline=None)
@given(unicode_text)
def test_each_clean_character_comes_from_its_place_in_the_original(text: str) -> None:
    composed, offsets = nfc_with_offsets(text)
    if offsets is None:
        assert composed == text
        return
    assert len(offsets) == len(composed) + 1 and offsets[-1] == len(text)
    assert list(offsets) == sorted(offsets)
    bounds = _starts(offsets)
    for a, b in itertools.pairwise(bounds):
        group = "".join(ch for ch in text[offsets[a] : offsets[b]] if not invisible(ch))
        assert unicodedata.normalize("NFC", group) == composed[a:b]
    assert not any(invisible(ch) for ch in composed)


@settings(max_examples=400, deadline=None)
@given(st.one_of(unicode_text, article_text))
def test_cleaning_never_fails_and_sentences_lie_inside_the_text(text: str) -> None:
    cdoc = clean(Document("t", "t.txt", text))
    for s in cdoc.sentences:
        assert 0 <= s.start < s.end <= len(cdoc.norm)
        assert cdoc.norm[s.start : s.end] == s.text == s.text.strip()
        a, b = cdoc.original(s.start, s.end)
        assert 0 <= a <= b <= len(text)


# ---------------------------------------------------------------- extraction


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(article_text, unicode_text))
def test_extraction_never_fails_and_every_offset_points_at_its_text(text: str) -> None:
    from kg.extract import extract_document

    ex = extract_document(Document("t", "t.txt", text))
    event(
        f"entities: {'yes' if ex.entities else 'no'}, relations: {'yes' if ex.relations else 'no'}"
    )
    for entity in ex.entities:
        assert entity.name
        _assert_valid_iri(entity.iri)
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
    ids = {e.id for e in ex.entities}
    for r in ex.relations:
        assert r.subject in ids and (r.object in ids or not r.object_is_entity)
        ev = r.evidence
        assert 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text
    for s in ex.sentences:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text


# ---------------------------------------------------------------- IRIs

_IRI = re.compile(r"^https://w3id\.org/kg-vn/id/[a-z]+/[a-z0-9/-]+$")


def _assert_valid_iri(value: str) -> None:
    assert _IRI.match(value), value
    ox.NamedNode(value)  # Oxigraph validates IRIs (RFC 3987)
    nt = f"<{value}> <{value}> <{value}> .\n"
    (triple,) = ox.parse(nt.encode("ascii"), ox.RdfFormat.N_TRIPLES)
    assert triple.subject.value == value


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(list(EntityType)), unicode_text)
def test_entity_iris_are_valid_and_stable_for_any_name(kind: EntityType, key: str) -> None:
    value = iri.entity_iri(kind.value, key)
    _assert_valid_iri(value)
    assert value == iri.entity_iri(kind.value, key)
    assert value.startswith(f"{iri.BASE}{kind.value.lower()}/")


@settings(max_examples=300, deadline=None)
@given(unicode_text, st.integers(0, 10**7), st.integers(0, 10**7), unicode_text)
def test_document_sentence_and_assertion_iris_are_valid(
    doc_id: str, start: int, end: int, part: str
) -> None:
    for value in (
        iri.document_iri(doc_id),
        iri.graph_iri(doc_id),
        iri.sentence_iri(doc_id, start, end),
        iri.assertion_iri(doc_id, part),
        iri.tenure_iri(doc_id, part),
    ):
        _assert_valid_iri(value)


@settings(max_examples=300, deadline=None)
@given(unicode_text)
def test_document_ids_from_any_file_name_are_safe(stem: str) -> None:
    from kg.ingest import doc_id_for

    assert re.fullmatch(r"[0-9A-Za-z_.-]+", doc_id_for(stem))


# ---------------------------------------------------------------- HTML escaping

ALLOWED_TAGS = {"b", "br", "i"}


class _Tags(HTMLParser):
    """Every tag and attribute a browser would build from a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


@settings(max_examples=400, deadline=None)
@given(unicode_text, unicode_text, st.lists(unicode_text, max_size=4), unicode_text)
def test_tooltips_hold_only_our_own_inert_tags(
    label: str, rank: str, sentences: list[str], doc: str
) -> None:
    attrs = {
        "label": label,
        "type": "PERSON",
        "kind": [rank],
        "rank": [rank],
        "rank_on": [(rank, "2024-01-02")],
        "alt_labels": sentences,
        "sentences": [(s, doc) for s in sentences],
    }
    edge = {"predicate": label, "weight": 2, "evidence": [(s, doc) for s in sentences]}
    for markup in (render.node_tooltip(attrs), render.edge_tooltip(edge)):
        found = _tags(markup)
        assert {tag for tag, _ in found} <= ALLOWED_TAGS
        assert all(not attributes for _, attributes in found)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | unicode_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(unicode_text, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_the_data_block_cannot_end_its_script_and_reads_back(data: object) -> None:
    text = render.script_json(data)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_text, unicode_text, unicode_text)
def test_a_whole_page_runs_only_its_own_scripts(title: str, label: str, sentence: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=label, type="PERSON", sources=1, sentences=[(sentence, title)])
    graph.add_node("b", label=sentence, type="EVENT", sources=1, alt_labels=[label])
    graph.add_edge("a", "b", key="met", predicate="met", weight=1, evidence=[(sentence, label)])
    page = render.page(graph, title=title)
    tags = _tags(page)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [[("id", "kg-data"), ("type", "application/json")], [], []]
    assert not [
        (tag, name) for tag, attrs in tags for name, _ in attrs if name.lower().startswith("on")
    ]
    assert {tag for tag, _ in tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "span", "input",
        "datalist", "fieldset", "label", "div", "script", "select", "option", "button", "aside",
    }  # fmt: skip
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert {n["label"] for n in data["nodes"]} == {label or "a", sentence or "b"}  # pyvis: id
