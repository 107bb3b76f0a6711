"""The extraction pipeline: clean → spaCy (tokens, sentences, POS, entity rules) → entities → relations."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import cache, partial

from spacy.language import Language
from spacy.tokens import Doc

from ..clean import clean, split_sentences
from ..crf import pos_tags
from ..model import CleanDocument, DocExtraction, Document, Sentence
from ..nlp import SENTENCES, TEXT, TOKENS, WORD_STARTS, DocTokens, blank_pipeline
from .document.entities import assemble
from .document.sentences import SentenceCandidates
from .entities import scan
from .gazetteer import gazetteer
from .relations import find_relations
from .tokens import Tokens

if not Doc.has_extension("kg_finds"):
    Doc.set_extension("kg_finds", default=None)


@dataclass
class WordTags:
    """The POS of a Doc's words from pyvi's CRF tagger, tagged a sentence at a time when a rule first
    asks (sentences no rule needs tags for cost nothing); a word keeps the tag of the first
    sentence tagged with it."""

    tokens: DocTokens
    tags: dict[int, str] = field(default_factory=dict)  # by token index

    def of(self, start: int, end: int) -> dict[int, str]:
        """The tags of the words of the sentence at start..end, by word start offset."""
        t = self.tokens
        words = [k for k in t.covering(start, end) if not t.words[k].isspace()]
        if words and words[0] not in self.tags:
            tags = pos_tags([t.words[k].replace(" ", "_") for k in words])
            if len(tags) == len(words):
                self.tags.update(zip(words, tags, strict=True))
        return {t.starts[k]: self.tags.get(k, "") for k in words}


@Language.component("kg_entities")
def find_entities(doc: Doc) -> Doc:
    """Entity candidates per sentence (`doc._.kg_finds`), from the lexicon-driven rules."""
    finds: list[SentenceCandidates] = []
    data = doc.user_data  # what the tokenizer worked out as it made the Doc (for another's, now)
    text = data.get(TEXT) or doc.text  # spaCy joins the tokens' texts on every access
    doc_tokens = data.get(TOKENS) or DocTokens.of(doc)
    starts = data.get(WORD_STARTS) or frozenset(doc_tokens.word_starts)
    sentences = data[SENTENCES] if SENTENCES in data else split_sentences(text)
    tags = WordTags(doc_tokens)
    for n, (start, end) in enumerate(sentences):
        sentence = Sentence(start, end, text[start:end])
        tokens = Tokens(sentence, starts, partial(tags.of, start, end))
        finds.append(SentenceCandidates(n, tokens, tuple(scan(tokens))))
    doc._.kg_finds = finds
    return doc


@cache
def pipeline() -> Language:
    """`spacy.blank("vi")` + our components, built once per process, lexicons and models loaded.

    What is loaded here lives as long as the process, so it is moved out of the garbage
    collector's reach (`gc.freeze`): a full collection would otherwise walk the CRF models and
    lexicons each time, a cost that grows with the length of the run.
    """
    nlp = blank_pipeline()
    if "kg_entities" not in nlp.pipe_names:
        nlp.add_pipe("kg_entities")
    gazetteer()
    nlp("Khởi động.")
    gc.freeze()
    return nlp


def analyse(cdoc: CleanDocument) -> list[SentenceCandidates]:
    """The sentences' finds, taken off the Doc so that nothing ties them together: the Doc and its
    tokens go as soon as this returns, by reference counting, not at a garbage collector's pass."""
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
