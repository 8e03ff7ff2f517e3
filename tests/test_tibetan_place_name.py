"""The one way a Tibetan text names a place: its Tibetan name, else the Chinese name in brackets."""

import re

import pytest

from qh_legal_service.rules.divisions import HAN, load_division_file, path_names_bo, tibetan_place_name

BRACKETED = re.compile(r"（[^（）]*）")


def han_outside_brackets(text: str) -> bool:
	"""Whether Chinese characters stand in `text` outside a （…） pair (pairs may nest: 扎玛村（一村）委会)."""
	while (inner := BRACKETED.sub("", text)) != text:
		text = inner
	return bool(HAN.search(text))


@pytest.mark.parametrize(
	("bo", "zh", "expected"),
	[
		pytest.param("ཁྲི་འདུ་རྫོང་།", "称多县", "ཁྲི་འདུ་རྫོང་", id="shad-after-tsheg-dropped"),
		pytest.param(
			"མཚོ་བྱང་བོད་རིགས་རང་སྐྱོང་ཁུལ།", "海北藏族自治州", "མཚོ་བྱང་བོད་རིགས་རང་སྐྱོང་ཁུལ་", id="shad-to-tsheg"
		),
		pytest.param("ཡུལ་ཤུལ་", "玉树", "ཡུལ་ཤུལ་", id="already-running"),
		pytest.param("ཡུལ་ཤུལ", "玉树", "ཡུལ་ཤུལ་", id="tsheg-added"),
		pytest.param(" རྫ་སྟོད་རྫོང་། ", "杂多县", "རྫ་སྟོད་རྫོང་", id="spaces"),
		pytest.param("རྨ་སྟོད་རྫོང་༎", "玛多县", "རྨ་སྟོད་རྫོང་", id="double-shad"),
		pytest.param("", "城东区", "（城东区）", id="no-tibetan"),
		pytest.param(None, " 城东区 ", "（城东区）", id="none"),
		pytest.param("།", "城东区", "（城东区）", id="only-a-shad"),
		pytest.param("城东区", "城东区", "（城东区）", id="chinese-typed-as-tibetan"),
		pytest.param("", "乐荣村（十村)委会", "（乐荣村〔十村〕委会）", id="inner-brackets"),
		pytest.param("", "", "", id="nothing"),
		pytest.param(None, None, "", id="nothing-at-all"),
	],
)
def test_tibetan_place_name(bo, zh, expected):
	assert tibetan_place_name(bo, zh) == expected


def test_running_text_never_carries_a_shad_or_bare_chinese():
	centre = "ཁྲིམས་ལུགས་རོགས་རམ་ལྟེ་གནས།"
	for row in load_division_file():
		text = tibetan_place_name(row.name_bo, row.name) + centre
		assert not han_outside_brackets(text), text
		assert "།ཁྲིམས" not in text, text
		if row.name_bo:
			assert text == row.name_bo.rstrip("།").rstrip("་") + "་" + centre
		else:
			inner = row.name.replace("（", "〔").replace("(", "〔").replace("）", "〕").replace(")", "〕")
			assert text == f"（{inner}）{centre}"


def test_han_outside_brackets_detects_glued_chinese():
	assert han_outside_brackets("城东区ཁྲིམས་ལུགས་")
	assert han_outside_brackets("（城东区）互助ཁྲིམས་")
	assert not han_outside_brackets("（城东区）ཁྲིམས་ལུགས་")
	assert not han_outside_brackets("（扎玛村（一村）委会）ཁྲིམས་")
	assert han_outside_brackets("（扎玛村（一村）委会ཁྲིམས་")


def test_tibetan_paths_name_every_tier_in_tibetan_or_in_brackets():
	rows = load_division_file()
	paths = path_names_bo(rows)
	assert len(paths) == len(rows)
	assert paths["630000"] == "མཚོ་སྔོན་ཞིང་ཆེན་"
	assert paths["630102001001"] == "ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ （东关大街街道） （北关社区居民委员会）"
	assert paths["632701001"] == "ཡུལ་ཤུལ་བོད་རིགས་རང་སྐྱོང་ཁུལ་ ཡུལ་ཤུལ་གྲོང་ཁྱེར་ ཁྱེར་དགུ་ཁྲོམ་གཞུང་"
	for code, path in paths.items():
		assert not han_outside_brackets(path), path
		assert "།" not in path, path
		assert len(path) <= 240, code
