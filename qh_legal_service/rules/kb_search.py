"""Ranking the knowledge base with Whoosh's BM25F (the library Frappe's own full-text search uses), no Frappe.

The analyzer is `knowledge_base.tokenize` (jieba for Chinese, syllables for Tibetan) wrapped as a Whoosh
tokenizer; a query is the OR of its weighted tokens (`expand_query`: what was typed, then synonyms) over the
question (weighted most), the keywords and the answer, filtered to one language. The site keeps the index on
disk (`qh_legal_service.knowledge_base`); the benchmark and the tests build it in memory from the same articles.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whoosh import scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Term

from qh_legal_service.rules.knowledge_base import SynonymGroup, expand_query, script_language, tokenize

QUESTION_BOOST = 2.0
KEYWORDS_BOOST = 1.5
ANSWER_BOOST = 1.0
FIELDS = (("question", QUESTION_BOOST), ("keywords", KEYWORDS_BOOST), ("answer", ANSWER_BOOST))


class KnowledgeTokenizer(Tokenizer):
	"""Whoosh tokenizer over `knowledge_base.tokenize` (positions only; no character offsets are needed)."""

	def __call__(
		self,
		value,
		positions=False,
		chars=False,
		keeporiginal=False,
		removestops=True,
		start_pos=0,
		start_char=0,
		tokenize=True,
		mode="",
		**kwargs,
	):
		token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
		words = _tokens(value) if tokenize else [value]
		for index, word in enumerate(words):
			token.text = word
			token.boost = 1.0
			token.stopped = False
			if keeporiginal:
				token.original = word
			if positions:
				token.pos = start_pos + index
			yield token


def _tokens(value: str) -> list[str]:
	return tokenize(value)


def schema() -> Schema:
	analyzer = KnowledgeTokenizer()
	return Schema(
		key=ID(stored=True, unique=True),
		lang=ID(stored=True),
		matter_type=ID(stored=True),
		question=TEXT(analyzer=analyzer, stored=True, field_boost=QUESTION_BOOST),
		keywords=TEXT(analyzer=analyzer, field_boost=KEYWORDS_BOOST),
		answer=TEXT(analyzer=analyzer, field_boost=ANSWER_BOOST),
	)


@dataclass(frozen=True)
class Article:
	key: str
	lang: str
	question: str
	answer: str
	keywords: str = ""
	matter_type: str = ""


@dataclass(frozen=True)
class Hit:
	key: str
	score: float
	question: str
	lang: str
	matter_type: str


def document(article: Article) -> dict:
	return {
		"key": article.key,
		"lang": article.lang,
		"matter_type": article.matter_type or "",
		"question": article.question or "",
		"keywords": article.keywords or "",
		"answer": article.answer or "",
	}


def create_index(storage=None, articles: Iterable[Article] = ()):
	"""A new index in `storage` (in memory when None) holding `articles`."""
	storage = storage or RamStorage()
	index = storage.create_index(schema())
	writer = index.writer()
	for article in articles:
		writer.add_document(**document(article))
	writer.commit()
	return index


def build_query(text: str, groups: Sequence[SynonymGroup] = ()):
	"""The Whoosh query of `text`: each weighted token in each field, OR-ed (None when nothing is left)."""
	terms = [
		Term(field, token, boost=weight)
		for token, weight in expand_query(text, groups)
		for field, _boost in FIELDS
	]
	return Or(terms) if terms else None


def search(index, text: str, lang: str | None = None, groups: Sequence[SynonymGroup] = (), limit: int = 5):
	"""The best `limit` articles for `text` in `lang` (the query's script decides when `lang` is None)."""
	query = build_query(text, groups)
	if query is None:
		return []
	lang = lang or script_language(text)
	with index.searcher(weighting=scoring.BM25F()) as searcher:
		results = searcher.search(query, limit=limit, filter=Term("lang", lang))
		return [
			Hit(hit["key"], round(hit.score, 4), hit["question"], hit["lang"], hit["matter_type"])
			for hit in results
		]
