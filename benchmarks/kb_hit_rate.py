"""Top-3 hit rate of the knowledge base's search on a held-out set of questions, per language (no site needed).

	cd /path/to/checkout
	python benchmarks/kb_hit_rate.py            # print the table
	python benchmarks/kb_hit_rate.py --write    # and write benchmarks/KB_RESULTS.md

Any python with `jieba` and `Whoosh` installed will do (the bench's env has both). The articles and the
synonym table are the ones the site seeds (qh_legal_service/data/knowledge_base_articles.json and
legal_synonyms.json); the index is built in memory with the site's ranker (qh_legal_service/rules/kb_search.py).
The questions (benchmarks/kb_questions.json) name the article that answers each; they were written apart from
the articles, in other words, and are not used to tune the ranking. A question hits when its article is among
the first three results of its language; top-1 and the mean reciprocal rank (over the first ten) are shown too,
with and without the synonym table.
"""

import argparse
import json
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from qh_legal_service.rules.kb_search import Article, create_index, search
from qh_legal_service.rules.knowledge_base import LANGUAGES, parse_synonyms

DATA = REPO / "qh_legal_service" / "data"
QUESTIONS = Path(__file__).resolve().parent / "kb_questions.json"
RESULTS = Path(__file__).resolve().parent / "KB_RESULTS.md"


def load_articles() -> list[Article]:
	rows = json.loads((DATA / "knowledge_base_articles.json").read_text(encoding="utf-8"))
	return [
		Article(r["code"], r["language"], r["question"], r["answer"], r.get("keywords", ""), r["matter_type"])
		for r in rows
	]


def load_synonyms():
	rows = json.loads((DATA / "legal_synonyms.json").read_text(encoding="utf-8"))
	return [parse_synonyms(r["term"], r["synonyms"]) for r in rows]


def load_questions() -> list[dict]:
	return json.loads(QUESTIONS.read_text(encoding="utf-8"))


@dataclass
class Score:
	language: str
	questions: int = 0
	top1: int = 0
	top3: int = 0
	reciprocal: float = 0.0

	@property
	def top3_rate(self) -> float:
		return self.top3 / self.questions if self.questions else 0.0

	@property
	def top1_rate(self) -> float:
		return self.top1 / self.questions if self.questions else 0.0

	@property
	def mrr(self) -> float:
		return self.reciprocal / self.questions if self.questions else 0.0


def evaluate(articles, questions, groups) -> tuple[dict[str, Score], list[dict]]:
	"""Scores per language (and 'all'), and the questions whose article was not in the first three."""
	index = create_index(articles=articles)
	scores = {lang: Score(lang) for lang in (*LANGUAGES, "all")}
	misses = []
	for question in questions:
		hits = [
			hit.key for hit in search(index, question["question"], question["language"], groups, limit=10)
		]
		rank = hits.index(question["expected"]) + 1 if question["expected"] in hits else None
		for score in (scores[question["language"]], scores["all"]):
			score.questions += 1
			score.top1 += rank == 1
			score.top3 += bool(rank and rank <= 3)
			score.reciprocal += 1 / rank if rank else 0.0
		if not rank or rank > 3:
			misses.append({**question, "rank": rank, "got": hits[:3]})
	return scores, misses


def table(scores: dict[str, Score]) -> list[str]:
	lines = ["| Language | Questions | Top-3 hit rate | Top-1 | MRR@10 |", "|---|---:|---:|---:|---:|"]
	for lang, score in scores.items():
		lines.append(
			f"| {lang} | {score.questions} | {score.top3_rate:.1%} | {score.top1_rate:.1%} | {score.mrr:.3f} |"
		)
	return lines


def run() -> dict:
	articles, questions, groups = load_articles(), load_questions(), load_synonyms()
	started = time.perf_counter()
	with_synonyms, misses = evaluate(articles, questions, groups)
	seconds = time.perf_counter() - started
	without_synonyms, _ = evaluate(articles, questions, [])
	return {
		"articles": len(articles),
		"questions": len(questions),
		"synonym_groups": len(groups),
		"with_synonyms": with_synonyms,
		"without_synonyms": without_synonyms,
		"misses": misses,
		"seconds": seconds,
	}


def report(result: dict) -> str:
	lines = [
		"# Knowledge base: top-3 hit rate",
		"",
		"Written by `benchmarks/kb_hit_rate.py --write` (pure Python: the site's ranker over the seeded articles,",
		"in memory). Whoosh BM25F over Chinese segmented by jieba (search mode) and Tibetan split into syllables;",
		"the question counts twice, the keywords one and a half times, the answer once; synonyms join the query",
		"at weight 0.6; results are filtered to the question's language.",
		"",
		f"{result['articles']} articles (zh and bo), {result['questions']} held-out questions, "
		f"{result['synonym_groups']} synonym groups; python {platform.python_version()}.",
		"",
		"## With the synonym table (as the site searches)",
		"",
		*table(result["with_synonyms"]),
		"",
		"## Without synonyms",
		"",
		*table(result["without_synonyms"]),
		"",
		"## How far to trust it",
		"",
		"- The articles, the synonym table and the questions were written by one author in one sitting, the",
		"  questions as a caller would word them (other words, colloquial, Tibetan with other particles), each",
		"  naming its article. The figures above are from the first run over the questions; nothing in the",
		"  tokenizers, weights, stopwords or synonyms was changed after it (the misses below stay misses).",
		"- One article per matter and language: a question wins when it tells its matter from its neighbours",
		"  (legal aid's who / how / where / how long). Real callers' questions will be harder; record them",
		"  (the hotline's consultations) and add them to kb_questions.json to measure again.",
		"- Tibetan syllables that are also particles (རམ of རོགས་རམ, ལ, ནས) are dropped everywhere: the",
		"  tokenizer has no word segmenter for Tibetan.",
		"",
		"## Misses (the expected article not in the first three, with synonyms)",
		"",
	]
	for miss in result["misses"]:
		lines.append(
			f"- [{miss['language']}] {miss['question']} — expected `{miss['expected']}`, "
			f"rank {miss['rank'] or '>10'}, got {', '.join(f'`{key}`' for key in miss['got']) or 'nothing'}"
		)
	return "\n".join(lines) + "\n"


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
	args = parser.parse_args(argv)
	result = run()
	text = report(result)
	print(text)
	if args.write:
		RESULTS.write_text(text, encoding="utf-8")
	return 0


if __name__ == "__main__":
	sys.exit(main())
