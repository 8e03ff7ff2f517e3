"""Joining Tibetan words: particles by final letter, names without their shad in running text."""

import pytest

from qh_legal_service.rules.tibetan import (
	agentive,
	bare,
	final_letter,
	genitive,
	shad_endings_agree,
	syllable,
	tibetan_defects,
)

LAW = "《ཀྲུང་ཧྭ་མི་དམངས་སྤྱི་མཐུན་རྒྱལ་ཁབ་ཀྱི་ཁྲིམས་ལུགས་རོགས་རམ་ཁྲིམས་ཡིག》"


@pytest.mark.parametrize(
	"word, expected",
	[
		(LAW, LAW + "གི་"),  # a title ending in ག takes གི་, not ཀྱི་
		("ཁྲིམས་ཡིག", "ཁྲིམས་ཡིག་གི་"),
		("རྫོང་།", "རྫོང་གི་"),
		("ཁྲིམས་བཅོས་ཅུས", "ཁྲིམས་བཅོས་ཅུས་ཀྱི་"),
		("རྒྱལ་ཁབ", "རྒྱལ་ཁབ་ཀྱི་"),
		("ཉེས་ཁྲིམས", "ཉེས་ཁྲིམས་ཀྱི་"),
		("རོགས་རམ", "རོགས་རམ་གྱི་"),
		("ལེན་མཁན", "ལེན་མཁན་གྱི་"),
		("ལྟེ་གནས", "ལྟེ་གནས་ཀྱི་"),
		("ཁོ", "ཁོའི་"),
		("དགའ", "དགའི་"),
	],
)
def test_genitive_follows_the_final_letter(word, expected):
	assert genitive(word) == expected


@pytest.mark.parametrize(
	"word, expected",
	[
		("ཁྱེད", "ཁྱེད་ཀྱིས་"),  # the document printed ཁྱེདགིས་
		("ཁྲིམས་བཅོས་ཅུས", "ཁྲིམས་བཅོས་ཅུས་ཀྱིས་"),
		("ལེན་མཁན", "ལེན་མཁན་གྱིས་"),
		("ཐག་གཅོད", "ཐག་གཅོད་ཀྱིས་"),
		("ཁྲིམས་ཡིག", "ཁྲིམས་ཡིག་གིས་"),
		("ཁོ", "ཁོས་"),
	],
)
def test_agentive_follows_the_final_letter(word, expected):
	assert agentive(word) == expected


def test_a_name_loses_its_shad_in_running_text():
	assert bare("ཚོད་ལྟའི་ཁྲིམས་རྩོད་ཁང་།") == "ཚོད་ལྟའི་ཁྲིམས་རྩོད་ཁང་"
	assert syllable("ཁྲི་འདུ་རྫོང་ཁྲིམས་བཅོས་ཅུས།") == "ཁྲི་འདུ་རྫོང་ཁྲིམས་བཅོས་ཅུས་"
	assert syllable("བཀྲ་ཤིས") == "བཀྲ་ཤིས་"
	assert syllable("测试律师") == "测试律师"
	assert final_letter("རྒྱ") == ""
	assert final_letter(LAW) == "ག"


@pytest.mark.parametrize(
	"text, defect",
	[
		("ཁྱེདགིས་ཐག་གཅོད་འདི་ལ།", "glued"),
		(LAW + "ཀྱི་དོན་ཚན་43པའི་", "ཀྱི after a word ending in ག"),
		("ཁྲིམས་ཡིག་ཀྱི་དོན་ཚན", "ཀྱི after a word ending in ག"),
		("ཅུས་གི་", "གི after a word ending in ས"),
		("ཁྲི་འདུ་རྫོང་།ཁྲིམས་ལུགས་རོགས་རམ་ལྟེ་གནས།", "shad inside running text"),
		("ཞིབ་བཤེར་འགོ་འཛུགས།, རེ་ཞུ་ལེན་ཟིན།།", "doubled or spliced shads"),
	],
)
def test_defects_are_found(text, defect):
	assert any(defect in found for found in tibetan_defects(text)), tibetan_defects(text)


@pytest.mark.parametrize(
	"text",
	[
		genitive(LAW) + "དོན་ཚན་43པའི་གཏན་འབེབས་ལྟར། ",
		agentive("ཁྱེད") + "ཐག་གཅོད་འདི་ལ་མི་མཐུན་པའི་བསམ་ཚུལ་ཡོད་ན།",
		syllable("ཁྲི་འདུ་རྫོང་།") + "ཁྲིམས་ལུགས་རོགས་རམ་ལྟེ་གནས།",
		"རོགས་རམ་ལེན་མཁན་གྱིས་རང་ཉིད་ཀྱིས་ཁྲིམས་རྩོད་པའམ་ཚབ་བྱེད་པ་གཞན་བཅོལ་བ། དཀྱིལ་",
		"དོན་དག་གི་རིགས། ཉེས་ཁྲིམས་ཀྱི་གྲབས་དོན། སྐྱོང་གི་འགྲོ་སོང་།",
	],
)
def test_correct_text_has_no_defects(text):
	assert tibetan_defects(text) == []


def test_short_labels_end_alike():
	assert shad_endings_agree(["རེ་ཞུ་བ།", "ཁ་པར།"])
	assert shad_endings_agree(["རེ་ཞུ་བ", "ཁ་པར"])
	assert not shad_endings_agree(["རེ་ཞུ་བ།", "ཁ་པར"])
