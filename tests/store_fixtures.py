"""Small named fixtures for the rdf, store, query and build tests: two articles of our own and a
hand-written extractor for them (the real one lives in kg.extract and is tested there).

The extractor finds each known surface form in the text and applies the relations listed below when
both ends occur in one sentence, so its output follows the article text like the real one does.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.clean import clean
from kg.model import DocExtraction, Document, Entity, EntityType, Evidence, Mention, Relation

ARTICLE_MARCH = (
    "Hợp tác quân y Việt Nam – Ba Lan\n"
    "Sáng 14-3, tại Đà Nẵng, Trung tướng Lê Văn Minh, Thứ trưởng Bộ Quốc phòng, đã tiếp "
    "Đại tướng Kowalski Jan, Tổng Tham mưu trưởng Quân đội Ba Lan. "
    "Hai bên đã ký Bản ghi nhớ về hợp tác quân y ngày 14-3. "
    "Hội nghị quân y khu vực lần thứ 3 do Bộ Quốc phòng tổ chức tại Đà Nẵng.\n"
)

ARTICLE_OCTOBER = (
    "Khai mạc diễn tập cứu hộ\n"
    "Ngày 2-10, Thượng tướng Lê Văn Minh chủ trì Lễ khai mạc Diễn tập cứu hộ Sông Hàn 2023 "
    "tại Đà Nẵng. Thượng tướng Lê Văn Minh gặp Đại tướng Kowalski Jan bên lề diễn tập.\n"
)

META = {
    "march": {"title": "Hợp tác quân y Việt Nam – Ba Lan", "published": "2023-03-14"},
    "october": {"title": "Khai mạc diễn tập cứu hộ", "published": "2023-10-02"},
}

# name, type, surface forms, attributes
ENTITIES: tuple[tuple[str, EntityType, tuple[str, ...], dict[str, str]], ...] = (
    ("Lê Văn Minh", EntityType.PERSON, ("Lê Văn Minh",), {}),
    ("Kowalski Jan", EntityType.PERSON, ("Kowalski Jan",), {"country": "Ba Lan"}),
    (
        "Bộ Quốc phòng Việt Nam",
        EntityType.ORGANIZATION,
        ("Bộ Quốc phòng",),
        {"merge_reasons": "Bộ Quốc phòng không kèm tên nước trong bài tiếng Việt"},
    ),
    ("Quân đội Ba Lan", EntityType.ORGANIZATION, ("Quân đội Ba Lan",), {}),
    ("Đà Nẵng", EntityType.LOCATION, ("Đà Nẵng",), {}),
    ("Bản ghi nhớ về hợp tác quân y", EntityType.AGREEMENT, ("Bản ghi nhớ về hợp tác quân y",), {}),
    (
        "Hội nghị quân y khu vực lần thứ 3",
        EntityType.EVENT,
        ("Hội nghị quân y khu vực lần thứ 3",),
        {},
    ),
    ("Lễ khai mạc Diễn tập cứu hộ Sông Hàn 2023", EntityType.EVENT, ("Lễ khai mạc",), {}),
    ("Diễn tập cứu hộ Sông Hàn 2023", EntityType.EVENT, ("Diễn tập cứu hộ Sông Hàn 2023",), {}),
    ("14-3", EntityType.DATE, ("14-3",), {"iso": "2023-03-14"}),
)

# subject, predicate, object (a name, or a literal when the flag is False)
RELATIONS: tuple[tuple[str, str, str, bool], ...] = (
    ("Lê Văn Minh", "hasRank", "Trung tướng", False),
    ("Lê Văn Minh", "hasRank", "Thượng tướng", False),
    ("Lê Văn Minh", "holdsPosition", "Thứ trưởng Bộ Quốc phòng", False),
    ("Kowalski Jan", "hasRank", "Đại tướng", False),
    ("Kowalski Jan", "memberOf", "Quân đội Ba Lan", True),
    ("Lê Văn Minh", "received", "Kowalski Jan", True),
    ("Lê Văn Minh", "met", "Kowalski Jan", True),
    ("Bản ghi nhớ về hợp tác quân y", "signedBy", "Lê Văn Minh", True),
    ("Bản ghi nhớ về hợp tác quân y", "signedOn", "14-3", True),
    ("Hội nghị quân y khu vực lần thứ 3", "organizedBy", "Bộ Quốc phòng Việt Nam", True),
    ("Hội nghị quân y khu vực lần thứ 3", "heldIn", "Đà Nẵng", True),
    ("Lễ khai mạc Diễn tập cứu hộ Sông Hàn 2023", "chairedBy", "Lê Văn Minh", True),
    ("Lễ khai mạc Diễn tập cứu hộ Sông Hàn 2023", "heldIn", "Đà Nẵng", True),
)

# the verb a sentence must contain for a relation to be read from it
CUES = {"received": " tiếp ", "met": " gặp ", "chairedBy": "chủ trì"}


def write_articles(folder: Path, which: tuple[str, ...] = ("march", "october")) -> Path:
    """The fixture articles as .txt files with their .meta.json, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"march": ARTICLE_MARCH, "october": ARTICLE_OCTOBER}
    for name in which:
        (folder / f"{name}.txt").write_text(texts[name], encoding="utf-8")
        meta = json.dumps(META[name], ensure_ascii=False)
        (folder / f"{name}.meta.json").write_text(meta, encoding="utf-8")
    return folder


def document(name: str) -> Document:
    texts = {"march": ARTICLE_MARCH, "october": ARTICLE_OCTOBER}
    return Document(doc_id=name, source=f"{name}.txt", text=texts[name], meta=dict(META[name]))


def fixture_extractor(doc: Document) -> DocExtraction:
    """Entities found by their surface forms, relations by co-occurrence in a sentence."""
    cleaned = clean(doc)
    entities = [_entity(doc.text, i, spec) for i, spec in enumerate(ENTITIES)]
    entities = [e for e in entities if e.mentions]
    by_name = {e.name: e for e in entities}
    relations: list[Relation] = []
    for sentence in cleaned.sentences:
        text = doc.text[sentence.start : sentence.end]
        for subject, predicate, obj, is_entity in RELATIONS:
            if subject not in by_name or _surface(obj) not in text:
                continue
            if CUES.get(predicate, "") not in text:
                continue
            if not any(m.text in text for m in by_name[subject].mentions):
                continue
            if is_entity and obj not in by_name:
                continue
            target = by_name[obj].id if is_entity else obj
            evidence = Evidence(text, sentence.start, sentence.end)
            relations.append(
                Relation(subject, predicate, target, evidence, is_entity, "fixture", 0.9)
            )
    relations = [_by_id(r, by_name) for r in relations]
    return DocExtraction(
        doc=doc, entities=entities, relations=relations, sentences=cleaned.sentences
    )


def _surface(name: str) -> str:
    for entity_name, _type, forms, _attrs in ENTITIES:
        if entity_name == name:
            return forms[0]
    return name


def _by_id(relation: Relation, by_name: dict[str, Entity]) -> Relation:
    return Relation(
        by_name[relation.subject].id,
        relation.predicate,
        relation.object,
        relation.evidence,
        relation.object_is_entity,
        relation.rule,
        relation.confidence,
    )


def _entity(
    text: str, index: int, spec: tuple[str, EntityType, tuple[str, ...], dict[str, str]]
) -> Entity:
    name, kind, forms, attrs = spec
    mentions: list[Mention] = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            mentions.append(Mention(form, start, start + len(form)))
            start = text.find(form, start + 1)
    return Entity(id=f"e{index}", type=kind, name=name, mentions=mentions, attributes=dict(attrs))


def build_fixture_graph(folder: Path) -> Path:
    """Both articles built into `folder/out` with the fixture extractor; returns the out folder."""
    from kg.build import build

    src = write_articles(folder / "src")
    out = folder / "out"
    build([src], out, extractor=fixture_extractor, jobs=1, log=lambda _: None)
    return out
