"""The one IRI minter: stable, valid IRIs for any Unicode name."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .clean import without_diacritics

BASE = "https://w3id.org/kg-vn/id/"
ONTOLOGY_GRAPH = f"{BASE}graph/ontology"  # ontology/kg.ttl, as the build loads it
DERIVED_GRAPH = f"{BASE}graph/derived"  # what kg.derive computes from the document graphs
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(text: str, limit: int = 48) -> str:
    """ASCII slug of a Vietnamese name: `Đỗ Minh Khang` → `do-minh-khang`."""
    ascii_text = without_diacritics(text).lower()
    return _NON_SLUG.sub("-", ascii_text).strip("-")[:limit].strip("-")


def digest(*parts: str, length: int = 10) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def entity_iri(entity_type: str, key: str) -> str:
    """`kgr:<type>/<slug>-<hash>`: depends only on the type and the resolved key."""
    kind = entity_type.lower()
    stem = slug(key) or "x"
    return f"{BASE}{kind}/{stem}-{digest(kind, key)}"


@lru_cache(maxsize=4096)
def document_iri(doc_id: str) -> str:
    return f"{BASE}doc/{slug(doc_id, 80) or 'doc'}-{digest(doc_id, length=8)}"


def graph_iri(doc_id: str) -> str:
    return f"{BASE}graph/{slug(doc_id, 80) or 'doc'}-{digest(doc_id, length=8)}"


def sentence_iri(doc_id: str, start: int, end: int) -> str:
    return f"{document_iri(doc_id)}/s/{start}-{end}"


def assertion_iri(doc_id: str, *parts: str) -> str:
    """`kgr:assertion/<hash>`: one relation as read from one evidence span of one document."""
    return f"{BASE}assertion/{digest(doc_id, *parts, length=16)}"


def tenure_iri(doc_id: str, *parts: str) -> str:
    """`kgr:tenure/<hash>`: a rank or post of a person as one document states it."""
    return f"{BASE}tenure/{digest(doc_id, *parts, length=16)}"


_PROVENANCE = (f"{BASE}assertion/", f"{BASE}tenure/")


def is_provenance(node: str) -> bool:
    """Whether an IRI names a provenance node: an assertion, a dated tenure, or a sentence (or
    evidence passage) of a document. They are described in their document's graph only, never in
    the merged default graph (docs/RDF_MODEL.md)."""
    return node.startswith(_PROVENANCE) or (node.startswith(f"{BASE}doc/") and "/s/" in node)


def listing_iri(listing: str) -> str:
    """`kgr:list/people`: a listing of `kg.pages` (`listing` is one of its fixed names)."""
    return f"{BASE}list/{listing}"


def page_iri(listing: str, first: str) -> str:
    """`kgr:list/people/<hash>`: the page of a listing that its item `first` starts (the page
    before any such item when `first` is empty: `kgr:list/people/start`)."""
    return f"{listing_iri(listing)}/{digest(first, length=16) if first else 'start'}"
