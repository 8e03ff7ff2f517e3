"""Tests for the shipped Qinghai division data and the pure divisions module (no Frappe)."""

import re
from collections import Counter
from itertools import pairwise

import pytest

from qh_legal_service.rules.divisions import (
	BO_REVIEW_STATES,
	CODE_LENGTH,
	DEFAULT_DIVISION_FILE,
	TIERS,
	DivisionDataError,
	DivisionRow,
	ancestors_by_tier,
	load_division_file,
	nested_set,
	parse_divisions,
)

HEADER = "division_code,division_name,division_name_bo,bo_review,tier,parent_code"
VALID_LINES = [
	HEADER,
	"630000,青海省,,,Province,",
	"632800,海西蒙古族藏族自治州,,,Prefecture,630000",
	"630100,西宁市,,,Prefecture,630000",
	"632857,大柴旦行政委员会,,,County,632800",
	"632857100,柴旦镇,,,Township,632857",
	"632857100001,人民路社区居委会,,,Village,632857100",
]


@pytest.fixture(scope="module")
def rows() -> list[DivisionRow]:
	"""The shipped division file, parsed once."""
	return load_division_file()


@pytest.fixture(scope="module")
def by_code(rows) -> dict[str, DivisionRow]:
	"""Shipped rows keyed by code."""
	return {row.code: row for row in rows}


def frappe_insert_order_nested_set(rows: list[DivisionRow]) -> dict[str, tuple[int, int]]:
	"""Reference: replay Frappe's update_add_node (insert each row as its parent's last child)."""
	bounds: dict[str, list[int]] = {}
	for row in rows:
		if not row.parent_code:
			right = max((rgt for _, rgt in bounds.values()), default=0) + 1
		else:
			right = bounds[row.parent_code][1]
			for pair in bounds.values():
				if pair[0] >= right:
					pair[0] += 2
				if pair[1] >= right:
					pair[1] += 2
		bounds[row.code] = [right, right + 1]
	return {code: (lft, rgt) for code, (lft, rgt) in bounds.items()}


# --- shipped file -------------------------------------------------------------------------------------


def test_shipped_file_is_next_to_the_package():
	assert DEFAULT_DIVISION_FILE.name == "qinghai_divisions.csv"
	assert DEFAULT_DIVISION_FILE.parent.name == "data"
	assert DEFAULT_DIVISION_FILE.is_file()


def test_shipped_counts_per_tier(rows):
	assert Counter(row.tier for row in rows) == {
		"Province": 1,
		"Prefecture": 8,
		"County": 45,
		"Township": 422,
		"Village": 4716,
	}
	assert len(rows) == 5192


def test_shipped_code_lengths_and_unique(rows):
	assert len({row.code for row in rows}) == len(rows)
	for row in rows:
		assert len(row.code) == CODE_LENGTH[row.tier], row


def test_shipped_prefectures(by_code):
	prefectures = {code: row.name for code, row in by_code.items() if row.tier == "Prefecture"}
	assert prefectures == {
		"630100": "西宁市",
		"630200": "海东市",
		"632200": "海北藏族自治州",
		"632300": "黄南藏族自治州",
		"632500": "海南藏族自治州",
		"632600": "果洛藏族自治州",
		"632700": "玉树藏族自治州",
		"632800": "海西蒙古族藏族自治州",
	}


def test_da_qaidam_is_a_county_under_haixi(by_code):
	row = by_code["632857"]
	assert row.tier == "County"
	assert row.name == "大柴旦行政委员会"
	assert row.parent_code == "632800"


def test_province_and_every_prefecture_have_tibetan(rows):
	tibetan = re.compile(r"^[\u0F00-\u0FFF]+$")
	upper = [row for row in rows if row.tier in ("Province", "Prefecture")]
	assert len(upper) == 9
	for row in upper:
		assert tibetan.match(row.name_bo), row


def test_every_county_level_unit_has_tibetan(rows):
	tibetan = re.compile(r"^[\u0F00-\u0FFF]+$")
	counties = [row for row in rows if row.tier == "County"]
	assert len(counties) == 45
	for row in counties:
		assert tibetan.match(row.name_bo), row
	assert len({row.name_bo for row in counties}) == 45


def test_tibetan_townships_only_in_the_six_tibetan_prefectures_and_no_village(rows):
	townships = [row for row in rows if row.tier == "Township" and row.name_bo]
	assert townships, "the seats with long-established Tibetan names are listed"
	assert {row.code[:4] for row in townships} <= {"6322", "6323", "6325", "6326", "6327", "6328"}
	assert all(re.match(r"^[\u0F00-\u0FFF]+$", row.name_bo) for row in townships)
	assert all(not row.name_bo for row in rows if row.tier == "Village")


def test_every_tibetan_name_carries_a_review_mark(rows):
	named = [row for row in rows if row.name_bo]
	assert len(named) == 61
	assert {row.bo_review for row in named} <= set(BO_REVIEW_STATES)
	assert all(row.bo_review == "pending" for row in named), "none has been reviewed yet"
	assert all(row.bo_review == "" for row in rows if not row.name_bo)


def test_known_tibetan_names(by_code):
	assert by_code["632723"].name_bo == "ཁྲི་འདུ་རྫོང་།"
	assert by_code["632224"].name_bo == "རྐང་ཚ་རྫོང་།"
	assert by_code["630223"].name_bo == "དགོན་ལུང་ཐུའུ་རིགས་རང་སྐྱོང་རྫོང་།"
	assert by_code["632701001"].name_bo == "ཁྱེར་དགུ་ཁྲོམ་གཞུང་།"


def test_shipped_file_lists_parents_before_children_in_tier_order(rows):
	order = [(TIERS.index(row.tier), row.code) for row in rows]
	assert order == sorted(order)


def test_shipped_rows_carry_file_line_numbers(rows):
	assert [row.line for row in rows[:3]] == [2, 3, 4]
	assert rows[-1].line == len(rows) + 1


# --- nested set ---------------------------------------------------------------------------------------


def test_nested_set_small_tree_exact_values():
	bounds = nested_set(parse_divisions(VALID_LINES))
	assert bounds == {
		"630000": (1, 12),
		"630100": (2, 3),  # ordered by code, although listed after 632800
		"632800": (4, 11),
		"632857": (5, 10),
		"632857100": (6, 9),
		"632857100001": (7, 8),
	}


def test_nested_set_invariants_on_shipped_file(rows):
	bounds = nested_set(rows)
	assert len(bounds) == len(rows)
	assert bounds["630000"] == (1, 2 * len(rows))
	numbers = [n for pair in bounds.values() for n in pair]
	assert sorted(numbers) == list(range(1, 2 * len(rows) + 1))
	children: dict[str, list[str]] = {}
	for row in rows:
		lft, rgt = bounds[row.code]
		assert lft < rgt
		if row.tier == "Village":
			assert rgt == lft + 1
		if row.parent_code:
			parent_lft, parent_rgt = bounds[row.parent_code]
			assert parent_lft < lft and rgt < parent_rgt, row
			children.setdefault(row.parent_code, []).append(row.code)
	for parent, codes in children.items():
		intervals = sorted(bounds[code] for code in codes)
		assert [code for _, code in sorted((bounds[c], c) for c in codes)] == sorted(codes), parent
		for (_, previous_rgt), (next_lft, _) in pairwise(intervals):
			assert previous_rgt < next_lft, parent
		descendants = sum((bounds[c][1] - bounds[c][0] + 1) for c in codes)
		assert bounds[parent][1] - bounds[parent][0] - 1 == descendants, parent


def test_nested_set_matches_frappe_insertion_for_a_prefecture(rows):
	subset = [row for row in rows if row.tier == "Province" or row.code.startswith("6328")]
	assert nested_set(subset) == frappe_insert_order_nested_set(subset)


def test_nested_set_rejects_orphans():
	orphan = DivisionRow("632857", "x", "", "County", "632800", 9)
	with pytest.raises(DivisionDataError, match=r"^line 9: "):
		nested_set([orphan])


# --- ancestors ----------------------------------------------------------------------------------------


def test_ancestors_by_tier_for_a_village(rows, by_code):
	ancestors = ancestors_by_tier(rows)
	village = next(code for code in sorted(by_code) if code.startswith("632857100") and len(code) == 12)
	assert ancestors[village] == {
		"Province": "630000",
		"Prefecture": "632800",
		"County": "632857",
		"Township": "632857100",
		"Village": village,
	}
	assert ancestors["632857"] == {"Province": "630000", "Prefecture": "632800", "County": "632857"}
	assert ancestors["630000"] == {"Province": "630000"}
	assert len(ancestors) == len(rows)
	for row in rows:
		assert list(ancestors[row.code]) == list(TIERS[: TIERS.index(row.tier) + 1])


# --- validation ---------------------------------------------------------------------------------------


def test_valid_sample_parses():
	parsed = parse_divisions(VALID_LINES)
	assert [row.code for row in parsed] == [line.split(",")[0] for line in VALID_LINES[1:]]
	assert parsed[3] == DivisionRow("632857", "大柴旦行政委员会", "", "County", "632800", 5)


def replace_line(number: int, text: str) -> list[str]:
	"""Copy of VALID_LINES with 1-based line `number` replaced by `text`."""
	lines = list(VALID_LINES)
	lines[number - 1] = text
	return lines


@pytest.mark.parametrize(
	("lines", "line", "fragment"),
	[
		pytest.param([], 1, "empty", id="empty-file"),
		pytest.param(replace_line(1, "code,name,name_bo,tier,parent"), 1, "header", id="bad-header"),
		pytest.param(replace_line(3, "632800,海西,,,Prefecture"), 3, "6 columns", id="too-few-columns"),
		pytest.param(replace_line(4, "630100,西宁市,,,Prefecture,630000,x"), 4, "6 columns", id="too-many"),
		pytest.param(replace_line(5, "63285,大柴旦,,,County,632800"), 5, "6 digits", id="short-code"),
		pytest.param(replace_line(6, "632857100,柴旦镇,,,Township,632857x"), 6, "632857x", id="bad-parent"),
		pytest.param(replace_line(6, "63285710A,柴旦镇,,,Township,632857"), 6, "9 digits", id="non-digit"),
		pytest.param(replace_line(4, "630100,西宁市,,,City,630000"), 4, "unknown tier", id="bad-tier"),
		pytest.param(
			replace_line(5, "632857,大柴旦,,,County,632899"),
			5,
			"parent 632899 is not defined above",
			id="unknown-parent",
		),
		pytest.param(
			[*VALID_LINES, "632800,海西,,,Prefecture,630000"], 8, "duplicate code 632800", id="duplicate"
		),
		pytest.param(
			replace_line(6, "632857100,柴旦镇,,,Township,632800"),
			6,
			"must be under a County",
			id="wrong-tier",
		),
		pytest.param(
			replace_line(5, "632857,大柴旦,,,County,630000"), 5, "must be under a Prefecture", id="skip-tier"
		),
		pytest.param(
			replace_line(5, "632157,大柴旦,,,County,632800"), 5, "does not start with 6328", id="prefix"
		),
		pytest.param(
			replace_line(2, "630000,青海省,,,Province,100000"), 2, "empty parent_code", id="province-parent"
		),
		pytest.param(replace_line(2, "620000,甘肃省,,,Province,"), 2, "start with 63", id="other-province"),
		pytest.param(
			replace_line(3, "632810,海西,,,Prefecture,630000"), 3, "end in 00", id="prefecture-zeros"
		),
		pytest.param(replace_line(4, "630100,,,,Prefecture,630000"), 4, "name is empty", id="empty-name"),
		pytest.param(
			replace_line(4, "630100,西宁市,,,Prefecture,"), 4, "no parent_code", id="missing-parent"
		),
		pytest.param([*VALID_LINES, "640000,宁夏,,,Province,"], 8, "second Province", id="two-provinces"),
		pytest.param(
			replace_line(4, "630100,西宁市,ཟི་ལིང་།,,Prefecture,630000"), 4, "bo_review", id="unmarked-tibetan"
		),
		pytest.param(
			replace_line(4, "630100,西宁市,ཟི་ལིང་།,ok,Prefecture,630000"), 4, "pending", id="unknown-mark"
		),
		pytest.param(
			replace_line(4, "630100,西宁市,,pending,Prefecture,630000"),
			4,
			"no division_name_bo",
			id="mark-alone",
		),
		pytest.param(
			replace_line(4, "630100,西宁市,西宁,pending,Prefecture,630000"), 4, "Chinese", id="han-in-tibetan"
		),
		pytest.param(
			[VALID_LINES[0], VALID_LINES[2], VALID_LINES[1]],
			2,
			"parent 630000 is not defined above",
			id="child-first",
		),
	],
)
def test_malformed_input_names_the_line(lines, line, fragment):
	with pytest.raises(DivisionDataError) as caught:
		parse_divisions(lines)
	message = str(caught.value)
	assert message.startswith(f"line {line}: "), message
	assert fragment in message, message
	assert caught.value.line == line


def test_blank_lines_are_skipped_but_counted():
	lines = [VALID_LINES[0], "", VALID_LINES[1], "", "630100,西宁市,,,Prefecture,639999"]
	with pytest.raises(DivisionDataError, match=r"^line 5: parent 639999 is not defined above$"):
		parse_divisions(lines)


def test_load_division_file_reports_line_of_a_broken_copy(tmp_path):
	broken = tmp_path / "divisions.csv"
	broken.write_text(
		"\ufeff" + "\n".join([*VALID_LINES[:3], "632899001,某镇,,,Township,632899"]) + "\n", encoding="utf-8"
	)
	with pytest.raises(DivisionDataError, match=r"^line 4: parent 632899 is not defined above$"):
		load_division_file(broken)
	good = tmp_path / "good.csv"
	good.write_text("\n".join(VALID_LINES) + "\n", encoding="utf-8")
	assert len(load_division_file(good)) == len(VALID_LINES) - 1


def test_error_is_a_value_error():
	assert issubclass(DivisionDataError, ValueError)


def test_path_names_tell_same_named_villages_apart():
	from qh_legal_service.rules.divisions import path_names

	rows = load_division_file()
	names = path_names(rows)
	assert names["630102001001"] == "西宁市 城东区 东关大街街道 北关社区居民委员会"
	assert names["630100"] == "西宁市"
	assert names["630000"] == "青海省"
	villages = [row for row in rows if row.tier == "Village"]
	repeated = [name for name, count in Counter(row.name for row in villages).items() if count > 1]
	assert repeated, "the data has same-named villages, which is why the full name exists"
	assert len({names[row.code] for row in villages}) == len(villages)
