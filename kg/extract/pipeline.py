"""The extraction pipeline: clean → spaCy (tokens, sentences, POS, entity rules) → entities → relations."""

from __future__ import annotations

from functools import cache

from pyvi import ViPosTagger
from spacy.language import Language
from spacy.tokens import Doc

from ..clean import clean
from ..model import CleanDocument, DocExtraction, Document, Sentence
from ..nlp import blank_pipeline
from .assemble import assemble
from .entities import SentenceFinds, scan
from .relations import find_relations
from .tokens import Tokens

if not Doc.has_extension("kg_finds"):
    Doc.set_extension("kg_finds", default=None)


@Language.component("kg_pos")
def tag_pos(doc: Doc) -> Doc:
    """Part-of-speech tags from pyvi's CRF tagger, on the pipeline's own words."""
    words = [t for t in doc if not t.is_space]
    if not words:
        return doc
    _, tags = ViPosTagger.postagging(" ".join(t.text.replace(" ", "_") for t in words))
    if len(tags) == len(words):
        for token, tag in zip(words, tags, strict=True):
            token.tag_ = tag
    return doc


@Language.component("kg_entities")
def find_entities(doc: Doc) -> Doc:
    """Entity candidates per sentence (`doc._.kg_finds`), from the lexicon-driven rules."""
    finds: list[SentenceFinds] = []
    for sent in doc.sents:
        text = sent.text.rstrip()
        start = sent.start_char + len(text) - len(text.lstrip())
        if not text.strip():
            continue
        tokens = Tokens(Sentence(start, sent.start_char + len(text), text.lstrip()))
        finds.append(scan(tokens, syllable_pos(doc, tokens)))
    doc._.kg_finds = finds
    return doc


def syllable_pos(doc: Doc, tokens: Tokens) -> list[str]:
    """Each syllable's word POS; syllables after the first of a word get `_` (they never end a name)."""
    out = []
    for tok in tokens.toks:
        span = doc.char_span(tok.start, tok.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            out.append("")
            continue
        word = span[0]
        out.append(word.tag_ if word.idx == tok.start else "_")
    return out


@cache
def pipeline() -> Language:
    """`spacy.blank("vi")` + our components, built once per process."""
    nlp = blank_pipeline()
    if "kg_pos" not in nlp.pipe_names:
        nlp.add_pipe("kg_pos")
        nlp.add_pipe("kg_entities")
    return nlp


def analyse(cdoc: CleanDocument) -> list[SentenceFinds]:
    doc = pipeline()(cdoc.norm)
    finds: list[SentenceFinds] = doc._.kg_finds
    return finds


def run(document: Document) -> DocExtraction:
    cdoc = clean(document)
    finds = analyse(cdoc)
    entities, index = assemble(cdoc, finds)
    relations = find_relations(cdoc, finds, index, entities)
    return DocExtraction(
        doc=document, entities=entities, relations=relations, sentences=cdoc.sentences
    )
