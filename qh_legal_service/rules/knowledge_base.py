"""The knowledge base's words: Chinese segmented with jieba, Tibetan split on syllables, synonyms expanding a query.

Plain functions (no Frappe). The ranker (`rules/kb_search.py`) indexes with `tokenize` and searches with the
tokens of `expand_query`, so the index, the desk, the portal and the benchmark cut words the same way.

- Chinese: jieba's search mode, which gives a long word and the shorter words inside it (法律援助 gives 法律,
  援助 and 法律援助), so a question worded differently from the article still meets it; question words and
  particles (怎么, 吗, 的) are dropped.
- Tibetan: syllables, split on the tsheg (་) and the shad (།) and the other marks of the script, since a
  Tibetan word is one or more syllables and no segmenter of Tibetan words is in the index's reach; the bare
  grammatical particles (གི, ལ, ནས, ...) are dropped.
- Latin letters and digits: lowercased runs.

A synonym group is a set of terms meaning the same thing (欠薪, 拖欠工资, 工钱没给); when a query holds every
token of one term of a group, the tokens of the other terms join the query with a lower weight.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from qh_legal_service.rules import matters, service_orders

LANGUAGES = ("zh", "bo")

# What an article is about: the matter taxonomy every service shares (rules/matters.py), and, when the
# article is about a service itself (who gets legal aid, what a notarization needs), that service, from the
# order flow's list of services (rules/service_orders.py).
MATTER_TYPES = matters.MATTER_TYPES
SERVICES = service_orders.SERVICES

# Weight of a token that came from a synonym rather than from what the person typed.
SYNONYM_WEIGHT = 0.6

TSHEG = "\u0f0b"
# Tibetan marks that end a syllable or a phrase: tsheg (0F0B-0F0C), shads and the head marks (0F01-0F14),
# and the brackets and other signs (0F3A-0F3D); everything in 0F00-0FFF otherwise belongs to a syllable.
_TIBETAN_SEPARATORS = "[\u0f00-\u0f14\u0f3a-\u0f3d\u0fbe-\u0fda]"
_TIBETAN_SYLLABLE = re.compile(r"[\u0f15-\u0f39\u0f3e-\u0fbd]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[0-9a-z]+")
_TIBETAN_LETTER = re.compile(r"[\u0f40-\u0fbc]")

# Question words, particles and pronouns that say nothing of the matter.
CHINESE_STOPWORDS = frozenset(
	"的 了 吗 呢 吧 啊 呀 么 是 在 和 与 及 或 就 也 都 还 又 很 要 会 能 可以 可 有 没 没有 被 把 让 给 对 从 向 到 "
	"我 我们 你 你们 他 她 他们 她们 它 自己 这 那 这个 那个 这些 那些 这样 那样 什么 怎么 怎么办 怎样 如何 "
	"为什么 哪里 哪儿 哪 谁 多少 几 吗 请问 一下 一个 是不是 能不能 可不可以 应该 需要 想 该 得 地 着 过 "
	"，。？！、；：“”‘’（）《》【】 ? ! , . ; : ( )".split()
)
# Bare grammatical particles of Tibetan (case markers, connectives, question particles) and pronouns.
TIBETAN_STOPWORDS = frozenset(
	"གི ཀྱི གྱི འི ཡི གིས ཀྱིས གྱིས ཡིས ལ ར རུ སུ ཏུ དུ ནས དང ཡང འང ཀྱང ཡིན ཡོད རེད འདུག མེད མིན "
	"པ བ པའི བའི པར བར པས བས མ ངས ང ངའི ཁོ ཁོང ཁྱེད ཁྱོད འདི དེ དག རྣམས ཅི ཅིག ཞིག ཤིག གམ ངམ འམ རམ སམ "
	"བམ ཡམ ཏེ སྟེ ཨེ ལགས".split()
)


def script_language(text: str) -> str:
	"""'bo' when the text holds a Tibetan letter, else 'zh' (Chinese is the default of the hotline)."""
	return "bo" if _TIBETAN_LETTER.search(text or "") else "zh"


def tibetan_syllables(text: str) -> list[str]:
	"""Tibetan syllables of `text` in order, without particles: `ཞིང་པའི་ས་ཞིང་།` -> ['ཞིང', 'ས', 'ཞིང']."""
	syllables = []
	for run in re.split(_TIBETAN_SEPARATORS, text or ""):
		for syllable in _TIBETAN_SYLLABLE.findall(run):
			if syllable not in TIBETAN_STOPWORDS:
				syllables.append(syllable)
	return syllables


# Legal terms jieba's general dictionary lacks, so each stays one word as well as the words inside it.
LEGAL_TERMS = (
	"法律援助",
	"法援",
	"援助律师",
	"拖欠工资",
	"欠薪",
	"劳动仲裁",
	"劳动合同",
	"工伤认定",
	"草场纠纷",
	"草场承包",
	"草原承包",
	"草场界线",
	"承包经营权",
	"人民调解",
	"调解协议",
	"司法确认",
	"公证处",
	"公证书",
	"彩礼",
	"抚养费",
	"抚养权",
	"赡养费",
	"遗产",
	"遗嘱",
	"继承权",
	"法定继承",
	"离婚协议",
	"经济困难",
	"低保",
	"农民工",
	"包工头",
)

_jieba = None


def _segmenter():
	global _jieba
	if _jieba is None:
		import logging
		import warnings

		with warnings.catch_warnings():
			warnings.simplefilter("ignore")
			import jieba

		jieba.setLogLevel(logging.WARNING)
		for term in LEGAL_TERMS:
			jieba.add_word(term)
		_jieba = jieba
	return _jieba


def chinese_words(text: str) -> list[str]:
	"""Chinese words of `text` by jieba's search mode (long words and the words inside them), no stopwords."""
	jieba = _segmenter()
	words = []
	for word in jieba.cut_for_search(text or ""):
		word = word.strip().lower()
		if not word or word in CHINESE_STOPWORDS:
			continue
		if _HAN.search(word):
			words.append(word)
		else:
			words.extend(_LATIN.findall(word))
	return words


# Tibetan digits ༠-༩ read as 0-9, so ༡༢༣༤༨ and 12348 are one token.
_TIBETAN_DIGITS = str.maketrans({chr(0x0F20 + digit): str(digit) for digit in range(10)})


def normalize(text: str) -> str:
	"""Full-width letters and digits as plain ones (NFKC, outside Tibetan), Tibetan digits as 0-9."""
	text = (text or "").translate(_TIBETAN_DIGITS)
	parts = re.split(r"([\u0f00-\u0fff]+)", text)
	return "".join(
		part if _TIBETAN_LETTER.search(part) else unicodedata.normalize("NFKC", part) for part in parts
	)


def tokenize(text: str) -> list[str]:
	"""Index and query tokens of any text: Tibetan syllables, Chinese words and Latin runs, in order."""
	text = normalize(text)
	tokens = []
	# Split into Tibetan and non-Tibetan stretches so a mixed text (a Tibetan question naming 12348) works.
	for part in re.split(r"([\u0f00-\u0fff]+(?:[\s]+[\u0f00-\u0fff]+)*)", text or ""):
		if not part.strip():
			continue
		if _TIBETAN_LETTER.search(part):
			tokens.extend(tibetan_syllables(part))
		else:
			tokens.extend(chinese_words(part))
	return tokens


@dataclass(frozen=True)
class SynonymGroup:
	"""Terms that mean the same thing in one language (or a Chinese term and its Tibetan rendering)."""

	terms: tuple[str, ...]


def parse_synonyms(term: str, synonyms: str) -> SynonymGroup:
	"""A group from the table's row: the term and its synonyms, one per line or separated by commas."""
	parts = [term, *re.split(r"[\n,，、;；]+", synonyms or "")]
	seen = []
	for part in (p.strip() for p in parts):
		if part and part not in seen:
			seen.append(part)
	return SynonymGroup(tuple(seen))


def expand_query(text: str, groups: Sequence[SynonymGroup]) -> list[tuple[str, float]]:
	"""Weighted tokens of a query: its own tokens at 1.0, then those of the synonyms it names at SYNONYM_WEIGHT.

	A term is named when all its tokens are among the query's tokens, or its text is in the query. A token
	appears once, with its highest weight.
	"""
	own = tokenize(text)
	weights: dict[str, float] = {token: 1.0 for token in own}
	present = set(own)
	for group in groups:
		term_tokens = [tokenize(term) for term in group.terms]
		named = any(
			(tokens and set(tokens) <= present) or (term and term in (text or ""))
			for term, tokens in zip(group.terms, term_tokens, strict=True)
		)
		if not named:
			continue
		for tokens in term_tokens:
			for token in tokens:
				weights.setdefault(token, SYNONYM_WEIGHT)
	return list(weights.items())
