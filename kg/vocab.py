"""Vocabularies as `DefinedNamespace`s, so a typo in a term is an AttributeError, not a new IRI.

`KG` mirrors `ontology/kg.ttl` term for term (a test keeps them equal); `python -m kg.vocab`
writes kg.ttl's cue words of event and agreement subclasses from the lexicons, then
`docs/ONTOLOGY.md` from the ontology.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .clean import match_key
from .iri import BASE, is_provenance
from .lexicon import ontology_dir, table

KG_NS = "https://w3id.org/kg-vn/ontology#"
KGR = Namespace(BASE)
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "kgr": BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
}


class KG(DefinedNamespace):
    """Every class and property of `ontology/kg.ttl`."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Agreement: URIRef
    ArmedForce: URIRef
    Assertion: URIRef
    Ceremony: URIRef
    Charter: URIRef
    City: URIRef
    Conference: URIRef
    Country: URIRef
    Course: URIRef
    Date: URIRef
    Document: URIRef
    Event: URIRef
    Exercise: URIRef
    GovernmentAgency: URIRef
    InternationalOrganization: URIRef
    JointStatement: URIRef
    Location: URIRef
    Meeting: URIRef
    Mission: URIRef
    MoU: URIRef
    Organization: URIRef
    Person: URIRef
    PostTenure: URIRef
    RankTenure: URIRef
    Region: URIRef
    Sentence: URIRef
    Tenure: URIRef
    Visit: URIRef
    # the 18 relation predicates
    about: URIRef
    chairedBy: URIRef
    coChairedBy: URIRef
    hasRank: URIRef
    heldIn: URIRef
    heldOn: URIRef
    holdsPosition: URIRef
    hostedBy: URIRef
    locatedIn: URIRef
    memberOf: URIRef
    met: URIRef
    nationality: URIRef
    organizedBy: URIRef
    partOf: URIRef
    participatedIn: URIRef
    received: URIRef
    signedBy: URIRef
    signedOn: URIRef
    # descriptive and provenance properties
    acronym: URIRef
    confidence: URIRef
    contentHash: URIRef
    country: URIRef
    cue: URIRef
    endOffset: URIRef
    entityType: URIRef
    holder: URIRef
    inDocument: URIRef
    isoDate: URIRef
    lists: URIRef
    mentionedIn: URIRef
    mergeReason: URIRef
    nameKey: URIRef
    pageCount: URIRef
    pageKey: URIRef
    pageNumber: URIRef
    pageOf: URIRef
    position: URIRef
    rank: URIRef
    rule: URIRef
    sourcePath: URIRef
    startOffset: URIRef
    statedOn: URIRef
    status: URIRef
    supersededOn: URIRef
    text: URIRef
    yearInferred: URIRef


ENTITY_CLASS: dict[str, URIRef] = {
    "PERSON": KG.Person,
    "ORGANIZATION": KG.Organization,
    "LOCATION": KG.Location,
    "EVENT": KG.Event,
    "AGREEMENT": KG.Agreement,
    "DATE": KG.Date,
}


# Entity attributes (`Entity.attributes` keys) and the properties that state them.
ATTRIBUTE_PROPERTY: dict[str, URIRef] = {
    "rank": KG.rank,
    "position": KG.position,
    "country": KG.country,
    "acronym": KG.acronym,
    "status": KG.status,
    "iso": KG.isoDate,
}
TENURE_CLASS: dict[str, URIRef] = {"hasRank": KG.RankTenure, "holdsPosition": KG.PostTenure}

_MENTIONED_IN = f"<{KG.mentionedIn}>"


def in_merged_graph(subject: str, predicate: str) -> bool:
    """Whether a statement of a document's graph is also in the merged default graph, given its
    subject and predicate in N-Triples syntax (`<iri>`): what is said of entities and documents
    is; provenance is not (assertions, dated tenures, sentences, and the sentences each entity is
    mentioned in), so queries find it with `GRAPH ?g { … }` (docs/RDF_MODEL.md)."""
    return predicate != _MENTIONED_IN and not is_provenance(subject[1:-1])


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


@cache
def ontology_graph() -> Graph:
    """`ontology/kg.ttl`, parsed once per process."""
    return Graph().parse(ontology_path(), format="turtle")


def ontology_terms(graph: Graph) -> set[str]:
    """Local names of every term the ontology defines in the kg namespace."""
    return {str(s)[len(KG_NS) :] for s in graph.subjects() if str(s).startswith(KG_NS)}


# Entity types whose subclass a lexicon of cue words gives, in its `kind` column: the source of
# those subclasses (the ontology's `kg:cue` annotations on them are written from the lexicon by
# `python -m kg.vocab`); the subclasses of the other types come from `kg:cue` itself.
CUE_LEXICONS: dict[str, str] = {"EVENT": "event_cues", "AGREEMENT": "agreement_cues"}


@cache
def subclass_cues() -> tuple[tuple[str, URIRef, URIRef], ...]:
    """(cue word, class, parent class): the class a name opening with the cue belongs to (the
    parent itself for a lexicon row that names no subclass), longest cue first."""
    found = [*_lexicon_cues(), *_ontology_cues()]
    return tuple(sorted(found, key=lambda c: (-len(c[0]), c[0], str(c[1]))))


def _lexicon_cues() -> list[tuple[str, URIRef, URIRef]]:
    return [
        (match_key(row["term"]), KG[row["kind"]], ENTITY_CLASS[entity_type])
        for entity_type, name in CUE_LEXICONS.items()
        for row in table(name)
    ]


def _ontology_cues() -> list[tuple[str, URIRef, URIRef]]:
    graph = ontology_graph()
    parents = {ENTITY_CLASS[t] for t in ENTITY_CLASS if t not in CUE_LEXICONS}
    found: list[tuple[str, URIRef, URIRef]] = []
    for cls, cue in graph.subject_objects(KG.cue):
        for parent in graph.objects(cls, RDFS.subClassOf):
            if isinstance(cls, URIRef) and isinstance(parent, URIRef) and parent in parents:
                found.append((str(cue).casefold(), cls, parent))
    return found


def _label(graph: Graph, term: URIRef, lang: str) -> str:
    for value in graph.objects(term, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _comment(graph: Graph, term: URIRef) -> str:
    for value in graph.objects(term, RDFS.comment):
        if isinstance(value, Literal) and value.language == "en":
            return str(value)
    return ""


def _curie(graph: Graph, term: object) -> str:
    if not isinstance(term, URIRef):
        return ""
    for prefix, ns in PREFIXES.items():
        if str(term).startswith(ns):
            return f"{prefix}:{str(term)[len(ns) :]}"
    return f"<{term}>"


def _joined(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    return ", ".join(sorted(_curie(graph, o) for o in graph.objects(subject, predicate)))


def _kg_terms(graph: Graph, kinds: tuple[URIRef, ...]) -> list[URIRef]:
    terms = {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}
    return sorted(t for t in terms if str(t).startswith(KG_NS))


def ontology_markdown(graph: Graph) -> str:
    """docs/ONTOLOGY.md: a table of classes and one of properties, rendered from kg.ttl."""
    lines = [
        "# kg ontology",
        "",
        "Generated from `ontology/kg.ttl` by `python -m kg.vocab`; do not edit by hand.",
        "",
        "## Classes",
        "",
        "| class | label (vi) | label (en) | subclass of | meaning |",
        "|---|---|---|---|---|",
    ]
    for term in _kg_terms(graph, (OWL.Class,)):
        lines.append(_row(graph, term, _joined(graph, term, RDFS.subClassOf)))
    lines += [
        "",
        "## Properties",
        "",
        "| property | label (vi) | label (en) | domain | range | aligned to | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)
    for term in _kg_terms(graph, kinds):
        aligned = ", ".join(
            p
            for p in (
                _joined(graph, term, RDFS.subPropertyOf),
                _joined(graph, term, OWL.inverseOf)
                and "inverse of " + _joined(graph, term, OWL.inverseOf),
                _joined(graph, term, RDFS.seeAlso) and "see " + _joined(graph, term, RDFS.seeAlso),
            )
            if p
        )
        middle = " | ".join(
            (_joined(graph, term, RDFS.domain), _joined(graph, term, RDFS.range), aligned)
        )
        lines.append(_row(graph, term, middle))
    return "\n".join(lines) + "\n"


def _row(graph: Graph, term: URIRef, middle: str) -> str:
    cells = (_curie(graph, term), _label(graph, term, "vi"), _label(graph, term, "en"))
    return f"| {' | '.join(cells)} | {middle} | {_comment(graph, term)} |"


def docs_path() -> Path:
    return ontology_dir().parent / "docs" / "ONTOLOGY.md"


# ---------------------------------------------------------------- kg:cue from the lexicons

_CLASS_BLOCK = re.compile(
    r"^kg:(?P<name>\w+) a owl:Class ;\n(?P<body>(?:    [^\n]*\n)+?)(?=\n|\Z)", re.M
)


def lexicon_cues() -> dict[str, list[str]]:
    """Local name of each event and agreement subclass → the cue words its lexicon gives it."""
    cues: dict[str, list[str]] = {}
    for entity_type, name in CUE_LEXICONS.items():
        base = ENTITY_CLASS[entity_type]
        for row in table(name):
            if KG[row["kind"]] != base:
                cues.setdefault(row["kind"], []).append(row["term"])
    return cues


def with_lexicon_cues(turtle: str) -> str:
    """kg.ttl with the `kg:cue` annotations of the event and agreement subclasses written from
    their lexicons, the rest of the text as it was."""
    cues = lexicon_cues()
    parents = {f"kg:{ENTITY_CLASS[t].removeprefix(KG_NS)}" for t in CUE_LEXICONS}

    def rewrite(block: re.Match[str]) -> str:
        lines = block["body"].splitlines()
        if not any(
            line.split()[:1] == ["rdfs:subClassOf"] and _parent(line, parents) for line in lines
        ):
            return block[0]
        kept = [line.rstrip(" .;") for line in lines if not line.startswith("    kg:cue ")]
        words = cues.get(block["name"], [])
        if words:
            kept.append("    kg:cue " + ", ".join(f'"{word}"@vi' for word in words))
        body = " ;\n".join(kept) + " .\n"
        return f"kg:{block['name']} a owl:Class ;\n{body}"

    return _CLASS_BLOCK.sub(rewrite, turtle)


def _parent(line: str, parents: set[str]) -> bool:
    return any(term.strip(" ,;.") in parents for term in line.split()[1:])


def main() -> None:
    """`python -m kg.vocab`: kg.ttl's event and agreement cue words from the lexicons, then
    docs/ONTOLOGY.md from kg.ttl."""
    turtle = ontology_path().read_text(encoding="utf-8")
    synced = with_lexicon_cues(turtle)
    if synced != turtle:
        ontology_path().write_text(synced, encoding="utf-8")
        ontology_graph.cache_clear()
        print(ontology_path())
    docs_path().write_text(ontology_markdown(ontology_graph()), encoding="utf-8")
    print(docs_path())


if __name__ == "__main__":
    main()
