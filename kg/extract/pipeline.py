"""The extraction pipeline: clean → spaCy (tokens, sentences, POS, entity rules) → entities → relations."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..clean import clean, split_sentences
from ..crf import pos_tags
from ..model import CleanDocument, DocExtraction, Document, Sentence
from ..nlp import TEXT, WORD_STARTS, blank_pipeline
from .document.entities import assemble
from .document.sentences import SentenceCandidates
from .entities import scan
from .gazetteer import gazetteer
from .relations import find_relations
from .tokens import Tokens

if not Doc.has_extension("kg_finds"):
    Doc.set_extension("kg_finds", default=None)


def sentence_tags(sent: Span) -> dict[int, str]:
    """POS of the sentence's words from pyvi's CRF tagger, by word start offset; tags the tokens too.

    A `Span` extension getter: a sentence is tagged when a rule first asks, once (the tags are then
    on its tokens), so sentences no rule needs tags for cost nothing.
    """
    words = [t for t in sent if not t.is_space]
    if words and not words[0].tag_:
        tags = pos_tags([t.text.replace(" ", "_") for t in words])
        if len(tags) == len(words):
            for token, tag in zip(words, tags, strict=True):
                token.tag_ = tag
    return {t.idx: t.tag_ for t in words}


if not Span.has_extension("pyvi_tags"):
    Span.set_extension("pyvi_tags", getter=sentence_tags)


@Language.component("kg_entities")
def find_entities(doc: Doc) -> Doc:
    """Entity candidates per sentence (`doc._.kg_finds`), from the lexicon-driven rules."""
    finds: list[SentenceCandidates] = []
    starts = doc.user_data.get(WORD_STARTS) or frozenset(t.idx for t in doc if not t.is_space)
    text = doc.user_data.get(TEXT) or doc.text  # spaCy joins the tokens' texts on every access
    for n, (start, end) in enumerate(split_sentences(text)):
        sentence = Sentence(start, end, text[start:end])
        tokens = Tokens(sentence, starts, _tagger(doc, start, end))
        finds.append(SentenceCandidates(n, tokens, tuple(scan(tokens))))
    doc._.kg_finds = finds
    return doc


def _tagger(doc: Doc, start: int, end: int) -> Callable[[], dict[int, str]]:
    """The POS of the sentence's words, tagged when a rule first asks."""

    def tags() -> dict[int, str]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return dict(span._.pyvi_tags) if span is not None else {}

    return tags


@cache
def pipeline() -> Language:
    """`spacy.blank("vi")` + our components, built once per process, lexicons and models loaded.

    What is loaded here lives as long as the process, so it is moved out of the garbage
    collector's reach (`gc.freeze`): a full collection would otherwise walk the CRF models and
    lexicons each time, about a tenth of the extraction time on a long run.
    """
    nlp = blank_pipeline()
    if "kg_entities" not in nlp.pipe_names:
        nlp.add_pipe("kg_entities")
    gazetteer()
    nlp("Khởi động.")
    gc.freeze()
    return nlp


def analyse(cdoc: CleanDocument) -> list[SentenceCandidates]:
    """The sentences' finds, taken off the Doc: they point back at it (each sentence tags its words
    through the Doc when a rule asks), and left on it, that cycle would keep the Doc and every
    token of the article alive until the garbage collector's next full pass."""
    doc = pipeline()(cdoc.norm)
    finds: list[SentenceCandidates] = doc._.kg_finds
    doc._.kg_finds = None
    return finds


def run(document: Document) -> DocExtraction:
    cdoc = clean(document)
    finds = analyse(cdoc)
    assembly = assemble(cdoc, finds)
    entities = assembly.entities
    relations = find_relations(cdoc, assembly)
    sentences = tuple(_original(cdoc, s) for s in cdoc.sentences)
    return DocExtraction(doc=document, entities=entities, relations=relations, sentences=sentences)


def _original(cdoc: CleanDocument, s: Sentence) -> Sentence:
    """A sentence with offsets and text of the original article (not the normalised one)."""
    start, end = cdoc.original(s.start, s.end)
    return Sentence(start, end, cdoc.doc.text[start:end])
