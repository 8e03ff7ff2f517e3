"""The knowledge base on a site: the Whoosh index of published articles, the synonym table, the search API.

The ranking itself is pure (rules/kb_search.py, rules/knowledge_base.py); this module keeps its index on disk
in the site's folder (sites/<site>/indexes/legal_knowledge_base, where Frappe keeps its own full-text indexes),
follows article changes once they are committed, and answers the portal and the hotline desk.

- `search(query, lang, limit)`: published articles only, for guests too, limited per client address
  (SEARCH_LIMIT a minute, or site config `kb_search_limit_per_minute`: one village service room behind one
  address may need more; the page asks as the person types, after a pause of a quarter second).
- `article(name)`: one published article, and its view count goes up by one.
- `rebuild_index()`: every published article again (also `bench --site S qhls-kb-rebuild`).
- `load_seed()`: the seeded articles and synonyms (data/*.json), published, at install and by the patches
  for sites installed before.
"""

import json
import os
import re
import time
from pathlib import Path

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from qh_legal_service.rules import kb_search
from qh_legal_service.rules.knowledge_base import LANGUAGES, MATTER_TYPES, parse_synonyms, script_language
from qh_legal_service.rules.matters import OTHER as OTHER_MATTER

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
ARTICLE = "Legal Knowledge Article"
SYNONYM = "Legal Synonym"
INDEX_NAME = "legal_knowledge_base"
SYNONYMS_CACHE_KEY = "qhls:kb_synonym_groups"
DATA_DIR = Path(__file__).parent / "data"
MAX_QUERY = 200
MAX_LIMIT = 20
SEARCH_LIMIT = 120  # searches a minute per client address, unless site config kb_search_limit_per_minute says
SNIPPET = 120


def search_limit() -> int:
	return int(frappe.conf.get("kb_search_limit_per_minute") or SEARCH_LIMIT)


def index_path() -> str:
	return frappe.get_site_path("indexes", INDEX_NAME)


def _storage():
	from whoosh.filedb.filestore import FileStorage

	path = index_path()
	os.makedirs(path, exist_ok=True)
	return FileStorage(path)


def _as_article(row) -> kb_search.Article:
	return kb_search.Article(
		row.name,
		row.language,
		row.question or "",
		row.answer or "",
		row.keywords or "",
		row.matter_type or "",
	)


def _published(filters: dict | None = None) -> list:
	return frappe.get_all(
		ARTICLE,
		filters={"published": 1, **(filters or {})},
		fields=["name", "language", "question", "answer", "keywords", "matter_type"],
		order_by="name",
	)


def rebuild_index() -> int:
	"""Index every published article afresh; the number indexed."""
	articles = [_as_article(row) for row in _published()]
	kb_search.create_index(_storage(), articles)
	return len(articles)


def _index():
	from whoosh.index import LockError, exists_in, open_dir

	path = index_path()
	if not exists_in(path):
		try:
			rebuild_index()
		except LockError:
			# Another worker is building it this moment: wait for its first commit.
			for _attempt in range(50):
				time.sleep(0.1)
				if exists_in(path):
					break
	return open_dir(path)


def update_index(name: str, removed: bool = False) -> None:
	"""Bring one article's entry up to date: added or replaced when published, else taken out."""
	from whoosh.index import exists_in
	from whoosh.writing import AsyncWriter

	if not exists_in(index_path()):
		rebuild_index()
		return
	rows = [] if removed else _published({"name": name})
	writer = AsyncWriter(_index())
	if rows:
		writer.update_document(**kb_search.document(_as_article(rows[0])))
	else:
		writer.delete_by_term("key", name)
	writer.commit()


def reindex_after_commit(name: str, removed: bool = False) -> None:
	"""Update the index for `name` once the transaction commits (nothing if it rolls back)."""
	if frappe.flags.in_kb_seed:
		return  # load_seed rebuilds the whole index once
	frappe.db.after_commit.add(lambda: update_index(name, removed))


def synonym_groups() -> list:
	"""The synonym table as groups, cached until a synonym changes."""
	cached = frappe.cache.get_value(SYNONYMS_CACHE_KEY)
	if cached is None:
		cached = [
			[row.term, row.synonyms or ""]
			for row in frappe.get_all(SYNONYM, fields=["term", "synonyms"], order_by="name")
		]
		frappe.cache.set_value(SYNONYMS_CACHE_KEY, cached)
	return [parse_synonyms(term, synonyms) for term, synonyms in cached]


def clear_synonyms_after_commit() -> None:
	frappe.cache.delete_value(SYNONYMS_CACHE_KEY)
	frappe.db.after_commit.add(lambda: frappe.cache.delete_value(SYNONYMS_CACHE_KEY))


def topic_label(row, lang: str) -> str:
	"""What the article is about, in `lang`: its service when it has one, and its matter unless 'Other'."""
	parts = [row.service] if row.service else []
	if row.matter_type and (row.matter_type != OTHER_MATTER or not parts):
		parts.append(row.matter_type)
	return " · ".join(_(part, lang=lang) for part in parts)


def _snippet(text: str) -> str:
	text = " ".join((text or "").split())
	return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def query_language(query: str, lang: str | None) -> str:
	"""The language to search: the query's script when it is Tibetan or Chinese (a Chinese question on the
	Tibetan page finds Chinese answers), else the page's or desk's choice, else Chinese."""
	if script_language(query) == "bo":
		return "bo"
	if HAN.search(query):
		return "zh"
	return lang if lang in LANGUAGES else "zh"


def find(query: str, lang: str | None = None, limit: int = 5) -> list[dict]:
	"""Published articles for `query` in its language (see query_language), best first."""
	query = (query or "").strip()[:MAX_QUERY]
	if not query:
		return []
	lang = query_language(query, lang)
	limit = max(1, min(int(limit or 5), MAX_LIMIT))
	hits = kb_search.search(_index(), query, lang, synonym_groups(), limit=limit)
	if not hits:
		return []
	# The database has the last word: an article unpublished a moment ago is not shown.
	rows = {
		row.name: row
		for row in frappe.get_all(
			ARTICLE,
			filters={"name": ("in", [hit.key for hit in hits]), "published": 1},
			fields=["name", "question", "answer", "matter_type", "service", "language"],
		)
	}
	return [
		{
			"name": hit.key,
			"question": rows[hit.key].question,
			"snippet": _snippet(rows[hit.key].answer),
			"matter_type": rows[hit.key].matter_type,
			"matter_type_label": _(rows[hit.key].matter_type, lang=lang),
			"service": rows[hit.key].service or "",
			"topic_label": topic_label(rows[hit.key], lang),
			"language": rows[hit.key].language,
			"score": hit.score,
		}
		for hit in hits
		if hit.key in rows
	]


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=search_limit, seconds=60)
def search(query: str | None = None, lang: str | None = None, limit: int = 5) -> list[dict]:
	"""The portal's and the desk's search over published articles (guests allowed, limited per address)."""
	return find(query or "", lang, limit)


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=search_limit, seconds=60)
def article(name: str) -> dict:
	"""One published article in full; its view count goes up by one."""
	row = frappe.db.get_value(
		ARTICLE,
		{"name": name, "published": 1},
		["name", "question", "answer", "matter_type", "service", "language", "view_count"],
		as_dict=True,
	)
	if not row:
		frappe.throw(_("This answer is not available."), frappe.DoesNotExistError)
	frappe.db.set_value(ARTICLE, row.name, "view_count", (row.view_count or 0) + 1, update_modified=False)
	# A GET request is rolled back unless it asks to be committed (frappe.app.sync_database).
	frappe.local.flags.commit = True
	return {
		"name": row.name,
		"question": row.question,
		"answer": row.answer,
		"matter_type": row.matter_type,
		"matter_type_label": _(row.matter_type, lang=row.language),
		"service": row.service or "",
		"topic_label": topic_label(row, row.language),
		"language": row.language,
	}


def load_seed(publish: bool = True) -> int:
	"""Insert the seeded articles and synonyms not yet on the site (by code, by term); the articles added."""
	added = 0
	frappe.flags.in_kb_seed = True
	try:
		added = _insert_seed(publish)
	finally:
		frappe.flags.in_kb_seed = False
	frappe.db.after_commit.add(rebuild_index)
	return added


def _insert_seed(publish: bool) -> int:
	added = 0
	for row in json.loads((DATA_DIR / "knowledge_base_articles.json").read_text(encoding="utf-8")):
		existing = frappe.db.get_value(ARTICLE, {"code": row["code"]}, ["name", "matter_type"], as_dict=True)
		if existing:
			if existing.matter_type not in MATTER_TYPES:
				# Seeded before the shared matter taxonomy: take the seed's matter and service.
				frappe.db.set_value(
					ARTICLE, existing.name, {"matter_type": row["matter_type"], "service": row["service"]}
				)
			continue
		frappe.get_doc(
			{
				"doctype": ARTICLE,
				"code": row["code"],
				"language": row["language"],
				"matter_type": row["matter_type"],
				"service": row["service"],
				"question": row["question"],
				"answer": row["answer"],
				"keywords": row.get("keywords", ""),
				"published": 1 if publish else 0,
			}
		).insert(ignore_permissions=True)
		added += 1
	for row in json.loads((DATA_DIR / "legal_synonyms.json").read_text(encoding="utf-8")):
		if not frappe.db.exists(SYNONYM, {"term": row["term"], "language": row["language"]}):
			frappe.get_doc({"doctype": SYNONYM, **row}).insert(ignore_permissions=True)
	return added


PORTAL_ROUTE = "/legal-answers"
PORTAL_LINK_LABEL = "Ask / Search Answers"


def setup_portal_link():
	"""Put 'Ask / Search Answers' in the website's navigation bar, for visitors and citizens (idempotent)."""
	website = frappe.get_single("Website Settings")
	if any(item.url == PORTAL_ROUTE for item in website.top_bar_items):
		return
	website.append("top_bar_items", {"label": PORTAL_LINK_LABEL, "url": PORTAL_ROUTE})
	website.flags.ignore_mandatory = True
	website.save(ignore_permissions=True)
