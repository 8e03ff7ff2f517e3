"""Qinghai administrative divisions: parse, validate and index the shipped data file (no Frappe)."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TIERS = ("Province", "Prefecture", "County", "Township", "Village")
CODE_LENGTH = {"Province": 6, "Prefecture": 6, "County": 6, "Township": 9, "Village": 12}
HEADER = ("division_code", "division_name", "division_name_bo", "bo_review", "tier", "parent_code")
# Where a Tibetan name stands in its review by a Tibetan-literate reader; a row without one has none.
BO_REVIEW_STATES = ("pending", "reviewed")
PROVINCE_PREFIX = "63"
# How many leading digits of a child's code must equal the parent's code.
PARENT_PREFIX_LENGTH = {"Prefecture": 2, "County": 4, "Township": 6, "Village": 9}
# Trailing digits that must be zero for the padded six-digit upper tiers.
ZERO_SUFFIX_LENGTH = {"Province": 4, "Prefecture": 2}
# CJK ideographs (basic block and extension A, compatibility): Chinese that must not stand bare in Tibetan.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
INNER_BRACKETS = str.maketrans("（(）)", "〔〔〕〕")
TSHEG, SHADS = "\u0f0b", "\u0f0d\u0f0e\u0f0f\u0f10\u0f11\u0f12 "
DEFAULT_DIVISION_FILE = Path(__file__).resolve().parent.parent / "data" / "qinghai_divisions.csv"


@dataclass(frozen=True)
class DivisionRow:
	"""One administrative division as read from the data file."""

	code: str
	name: str
	name_bo: str
	tier: str
	parent_code: str
	line: int
	bo_review: str = ""


class DivisionDataError(ValueError):
	"""A malformed division data file; the message starts with the offending line number."""

	def __init__(self, line: int, message: str):
		self.line = line
		super().__init__(f"line {line}: {message}")


def parent_tier(tier: str) -> str | None:
	"""Return the tier directly above `tier`, or None for the province."""
	index = TIERS.index(tier)
	return TIERS[index - 1] if index else None


def parse_divisions(lines: Iterable[str]) -> list[DivisionRow]:
	"""Parse and validate division CSV lines (header included); parents must precede children."""
	reader = csv.reader(lines)
	try:
		header = next(reader)
	except StopIteration:
		raise DivisionDataError(1, "file is empty, expected header " + ",".join(HEADER)) from None
	if header and header[0].startswith("\ufeff"):
		header[0] = header[0][1:]
	if tuple(header) != HEADER:
		raise DivisionDataError(
			reader.line_num, f"header must be {','.join(HEADER)!r}, got {','.join(header)!r}"
		)

	rows: list[DivisionRow] = []
	by_code: dict[str, DivisionRow] = {}
	province_line: int | None = None
	for fields in reader:
		line = reader.line_num
		if not fields:
			continue
		if len(fields) != len(HEADER):
			raise DivisionDataError(line, f"expected {len(HEADER)} columns, got {len(fields)}")
		code, name, name_bo, bo_review, tier, parent_code = fields
		name, name_bo, bo_review = name.strip(), name_bo.strip(), bo_review.strip()
		if tier not in TIERS:
			raise DivisionDataError(line, f"unknown tier {tier!r}, expected one of {', '.join(TIERS)}")
		if not (code.isascii() and code.isdigit() and len(code) == CODE_LENGTH[tier]):
			raise DivisionDataError(line, f"code {code!r} must be {CODE_LENGTH[tier]} digits for a {tier}")
		if code in by_code:
			raise DivisionDataError(line, f"duplicate code {code} (first on line {by_code[code].line})")
		if not name:
			raise DivisionDataError(line, f"division_name is empty for {code}")
		if name_bo and bo_review not in BO_REVIEW_STATES:
			raise DivisionDataError(
				line, f"bo_review of {code} must be one of {', '.join(BO_REVIEW_STATES)}, got {bo_review!r}"
			)
		if not name_bo and bo_review:
			raise DivisionDataError(line, f"bo_review of {code} is set but it has no division_name_bo")
		if HAN.search(name_bo):
			raise DivisionDataError(line, f"division_name_bo of {code} contains Chinese characters")
		zeros = ZERO_SUFFIX_LENGTH.get(tier)
		if zeros and not code.endswith("0" * zeros):
			raise DivisionDataError(line, f"{tier} code {code} must end in {'0' * zeros}")

		if tier == "Province":
			if parent_code:
				raise DivisionDataError(line, f"Province {code} must have an empty parent_code")
			if province_line is not None:
				raise DivisionDataError(line, f"second Province row (first on line {province_line})")
			if not code.startswith(PROVINCE_PREFIX):
				raise DivisionDataError(line, f"Province code {code} must start with {PROVINCE_PREFIX}")
			province_line = line
		else:
			if not parent_code:
				raise DivisionDataError(line, f"{tier} {code} has no parent_code")
			parent = by_code.get(parent_code)
			if parent is None:
				raise DivisionDataError(line, f"parent {parent_code} is not defined above")
			expected_tier = parent_tier(tier)
			if parent.tier != expected_tier:
				raise DivisionDataError(
					line,
					f"parent {parent_code} is a {parent.tier}, but a {tier} must be under a {expected_tier}",
				)
			prefix_length = PARENT_PREFIX_LENGTH[tier]
			if code[:prefix_length] != parent_code[:prefix_length]:
				raise DivisionDataError(
					line,
					f"code {code} does not start with {parent_code[:prefix_length]} of parent {parent_code}",
				)

		row = DivisionRow(code, name, name_bo, tier, parent_code, line, bo_review)
		rows.append(row)
		by_code[code] = row
	return rows


def load_division_file(path: str | Path | None = None) -> list[DivisionRow]:
	"""Load and validate a division file, by default the one shipped with the app."""
	with open(path or DEFAULT_DIVISION_FILE, encoding="utf-8-sig", newline="") as handle:
		return parse_divisions(handle)


def children_by_parent(rows: Iterable[DivisionRow]) -> dict[str, list[str]]:
	"""Map each parent code ('' for roots) to its child codes sorted by code."""
	children: dict[str, list[str]] = {}
	for row in rows:
		children.setdefault(row.parent_code, []).append(row.code)
	for codes in children.values():
		codes.sort()
	return children


def nested_set(rows: Iterable[DivisionRow]) -> dict[str, tuple[int, int]]:
	"""Compute Frappe nested-set (lft, rgt) per code: depth-first, children by code, first root lft=1."""
	rows = list(rows)
	children = children_by_parent(rows)
	known = {row.code for row in rows}
	for row in rows:
		if row.parent_code and row.parent_code not in known:
			raise DivisionDataError(row.line, f"parent {row.parent_code} is not defined")

	bounds: dict[str, tuple[int, int]] = {}
	counter = 1
	for root in children.get("", []):
		lft = {root: counter}
		counter += 1
		stack = [(root, iter(children.get(root, [])))]
		while stack:
			code, pending = stack[-1]
			child = next(pending, None)
			if child is None:
				stack.pop()
				bounds[code] = (lft[code], counter)
				counter += 1
			else:
				lft[child] = counter
				counter += 1
				stack.append((child, iter(children.get(child, []))))
	if len(bounds) != len(rows):
		unreachable = next(row for row in rows if row.code not in bounds)
		raise DivisionDataError(unreachable.line, f"{unreachable.code} is not reachable from a root")
	return bounds


def ancestors_by_tier(rows: Iterable[DivisionRow]) -> dict[str, dict[str, str]]:
	"""Map each code to {tier: code} for itself and every ancestor (missing tiers absent)."""
	rows = list(rows)
	by_code = {row.code: row for row in rows}
	result: dict[str, dict[str, str]] = {}
	for row in rows:
		chain: dict[str, str] = {}
		current: DivisionRow | None = row
		seen = 0
		while current is not None:
			chain[current.tier] = current.code
			seen += 1
			if seen > len(TIERS):
				raise DivisionDataError(row.line, f"ancestor chain of {row.code} is too deep or cyclic")
			current = by_code.get(current.parent_code) if current.parent_code else None
		result[row.code] = {tier: chain[tier] for tier in TIERS if tier in chain}
	return result


def path_names(rows: Iterable[DivisionRow], separator: str = " ") -> dict[str, str]:
	"""Map each code to its names from the prefecture down, e.g. "西宁市 城东区 东关大街街道 北关社区居民委员会".

	Village names repeat across the province; the path tells a person which one is theirs.
	"""
	rows = list(rows)
	names = {row.code: row.name for row in rows}
	return {
		code: separator.join(names[tier_code] for tier, tier_code in chain.items() if tier != "Province")
		or names[code]
		for code, chain in ancestors_by_tier(rows).items()
	}


def tibetan_place_name(name_bo: str | None, name_zh: str | None) -> str:
	"""A place's name for running Tibetan text: the Tibetan name ending in a tsheg, else "（中文名）".

	Shads close a sentence, so a stored name's final shad is dropped (རྫོང་། -> རྫོང་, ཁུལ། -> ཁུལ་)
	and the next word joins with a tsheg. A name with Chinese in it is not Tibetan and is not used.
	"""
	bo = (name_bo or "").strip().rstrip(SHADS)
	if bo and not HAN.search(bo):
		return bo if bo.endswith(TSHEG) else bo + TSHEG
	# Brackets inside the Chinese name (some village names have them, not always paired) become 〔〕,
	# so the （…） around the name is the only pair and always closes.
	zh = (name_zh or "").strip().translate(INNER_BRACKETS)
	return f"（{zh}）" if zh else ""


def path_names_bo(rows: Iterable[DivisionRow], separator: str = " ") -> dict[str, str]:
	"""Map each code to its path in Tibetan from the prefecture down, Chinese in brackets where unnamed.

	E.g. "ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ （东关大街街道） （北关社区居民委员会）": what a Tibetan reader picks from.
	"""
	rows = list(rows)
	names = {row.code: tibetan_place_name(row.name_bo, row.name) for row in rows}
	return {
		code: separator.join(names[tier_code] for tier, tier_code in chain.items() if tier != "Province")
		or names[code]
		for code, chain in ancestors_by_tier(rows).items()
	}
