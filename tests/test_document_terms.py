"""The legal aid documents print the catalogue's terms: one vocabulary for screens and paper.

Pure test: reads the .po files with babel, the application's select options and the print formats from
their JSON, documents.py and the prose templates (templates/print/legal_aid/) as source. A document that
printed a term of its own (a word list beside the catalogue, a title differing from its print format's
name) fails here.
"""

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.tibetan import SHAD, shad_endings_agree, tibetan_defects

APP_DIR = Path(__file__).resolve().parents[1] / "qh_legal_service"
DOCUMENTS_PY = APP_DIR / "legal_aid" / "documents.py"
DOCTYPE_JSON = APP_DIR / "legal_aid" / "doctype" / "legal_aid_application" / "legal_aid_application.json"
PRINT_FORMATS = APP_DIR / "legal_aid" / "print_format"
PROSE_TEMPLATES = APP_DIR / "templates" / "print" / "legal_aid"
DOCUMENT_KEYS = ("receipt", "materials_notice", "approval", "refusal", "assignment", "termination")
# `term(doc.<field>)` in a template: a select value printed as the catalogue's term.
TEMPLATE_TERM = re.compile(r"\bterm\(doc\.(\w+)\)")
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
TIBETAN = re.compile("[\u0f00-\u0fff]")
HAN = re.compile("[\u4e00-\u9fff]")

# The documents' names: the statute's (Art 43, 48) and practice's, printed on them and shown in the menus.
TITLES = {
	"Legal Aid Receipt": "法律援助申请受理回执",
	"Legal Aid Materials Notice": "法律援助补充材料通知书",
	"Legal Aid Approval": "给予法律援助决定书",
	"Legal Aid Refusal": "不予法律援助决定书",
	"Legal Aid Assignment Letter": "法律援助指派通知书",
	"Legal Aid Termination Notice": "终止法律援助决定书",
}
# Wording of 法律援助法 Art 31 and Art 48 for the select values whose screen wording once differed.
STATUTE_WORDING = {
	"Labour Relations or Unpaid Pay": "确认劳动关系或者支付劳动报酬",
	"Civil Capacity Finding": "认定公民无民事行为能力或者限制民事行为能力",
	"Environmental or Ecological Damage": "环境污染、生态破坏损害赔偿",
	"Other Matter Provided by Law or Regulation": "法律、法规、规章规定的其他情形",
	"Fraudulently Obtained Aid": "受援人以欺骗或者其他不正当手段获得法律援助",
	"Concealed Facts or Evidence": "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据",
	"Used Legal Aid for Illegal Activity": "受援人利用法律援助从事违法活动",
	"No Longer in Economic Hardship": "受援人的经济状况发生变化，不再符合法律援助条件",
	"Case Ended or Withdrawn": "案件终止审理或者已经被撤销",
	"Hired an Own Lawyer": "受援人自行委托律师或者其他代理人",
	"At the Aided Person's Request": "受援人有正当理由要求终止法律援助",
	"Other Legal Ground": "法律法规规定的其他情形",
}
OFFICES = {"Legal Aid Centre": "法律援助中心", "Justice Bureau": "司法局"}


def _catalogue(lang: str) -> dict[str, str]:
	with open(APP_DIR / "locale" / f"{lang}.po", "rb") as f:
		return {message.id: message.string for message in read_po(f) if message.id and not message.context}


@pytest.fixture(scope="module")
def catalogues():
	return {lang: _catalogue(lang) for lang in ("zh", "bo")}


@pytest.fixture(scope="module")
def source():
	return DOCUMENTS_PY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def templates():
	"""The prose templates' text, translator's notes left out: name -> text."""
	return {
		path.name: JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
		for path in sorted(PROSE_TEMPLATES.glob("*.html"))
	}


def printed_select_fields(source: str, templates: dict[str, str]) -> set[str]:
	"""The application's fields a document prints as terms: `term(doc.<field>)` in documents.py or a template."""
	in_python = {
		node.args[0].attr
		for node in ast.walk(ast.parse(source))
		if isinstance(node, ast.Call)
		and getattr(node.func, "id", None) == "term"
		and node.args
		and isinstance(node.args[0], ast.Attribute)
		and getattr(node.args[0].value, "id", None) == "doc"
	}
	return in_python | {field for text in templates.values() for field in TEMPLATE_TERM.findall(text)}


def select_options(fieldname: str) -> list[str]:
	fields = json.loads(DOCTYPE_JSON.read_text(encoding="utf-8"))["fields"]
	field = next(field for field in fields if field["fieldname"] == fieldname)
	assert field["fieldtype"] == "Select"
	return [option for option in field["options"].split("\n") if option]


def print_formats() -> dict[str, str]:
	"""The application's print formats: name -> html."""
	found = {}
	for path in PRINT_FORMATS.glob("*/*.json"):
		data = json.loads(path.read_text(encoding="utf-8"))
		if data.get("doc_type") == "Legal Aid Application":
			found[data["name"]] = data["html"]
	return found


def printed_terms(source: str, templates: dict[str, str]) -> list[str]:
	"""Every msgid a document prints as a term: the select values, the titles, the offices."""
	selects = [
		option
		for field in sorted(printed_select_fields(source, templates))
		for option in select_options(field)
	]
	return [*selects, *print_formats(), *OFFICES]


def test_documents_print_the_select_fields_as_catalogue_terms(source, templates):
	assert printed_select_fields(source, templates) == {"matter_type", "aid_requested", "termination_reason"}


def test_each_document_has_its_prose_template_with_a_translators_note(templates):
	for key in (*DOCUMENT_KEYS, "layout"):
		text = (PROSE_TEMPLATES / f"{key}.html").read_text(encoding="utf-8")
		assert text.startswith("{#- Translator's note:"), key
	# The prose is in the templates, not in Python: no Tibetan or Chinese sentence is left in documents.py.
	source = DOCUMENTS_PY.read_text(encoding="utf-8")
	prose = "".join(templates.values())
	for fragment in (
		"本中心",
		"ལྟེ་གནས་འདིས་",
		"ལགས།",
		"中华人民共和国法律援助法",
		"公共法律服务热线",
		"（盖章）",
	):
		assert fragment not in source, fragment
		assert fragment in prose, fragment


def test_every_printed_term_has_both_languages(catalogues, source, templates):
	for msgid in printed_terms(source, templates):
		zh, bo = catalogues["zh"].get(msgid), catalogues["bo"].get(msgid)
		assert zh and HAN.search(zh) and not TIBETAN.search(zh), (msgid, zh)
		assert bo and TIBETAN.search(bo) and not HAN.search(bo), (msgid, bo)


def test_printed_terms_are_labels_without_a_closing_shad(catalogues, source, templates):
	# They go into sentences and lists; a closing shad would read `…།」ཡིན་པས` or `…།, …།`.
	ending = [msgid for msgid in printed_terms(source, templates) if catalogues["bo"][msgid].endswith(SHAD)]
	assert not ending


def test_printed_terms_join_correctly(catalogues, source, templates):
	for msgid in printed_terms(source, templates):
		assert tibetan_defects(catalogues["bo"][msgid]) == [], msgid


def test_titles_are_the_print_format_names(catalogues):
	assert {name: catalogues["zh"][name] for name in print_formats()} == TITLES
	for name, html in print_formats().items():
		# The translator's note in the template names the same document.
		assert f"{{#- {TITLES[name]}:" in html, name


def test_select_values_read_as_the_statute(catalogues):
	assert {msgid: catalogues["zh"][msgid] for msgid in STATUTE_WORDING} == STATUTE_WORDING


def test_offices_read_as_on_the_screens(catalogues):
	assert {msgid: catalogues["zh"][msgid] for msgid in OFFICES} == OFFICES
	assert catalogues["bo"]["Justice Bureau"] == "ཁྲིམས་བཅོས་ཅུས"
	assert catalogues["bo"]["County Justice Bureau"] == "རྫོང་" + catalogues["bo"]["Justice Bureau"]


def test_documents_keep_no_word_list_of_their_own(catalogues, source, templates):
	"""No select value, title or office is spelled out in documents.py or the templates: they come from the catalogue."""
	constants = [
		node.value
		for node in ast.walk(ast.parse(source))
		if isinstance(node, ast.Constant) and isinstance(node.value, str)
	] + list(templates.values())
	selects = set(printed_terms(source, templates)) - set(print_formats()) - set(OFFICES)
	# A select value named in documents.py or a template would be the key of a word list of its own.
	own_words = {constant for constant in constants if constant in selects}
	own_words |= {
		f"{name}: {select}" for name, text in templates.items() for select in selects if f'"{select}"' in text
	}
	for msgid in printed_terms(source, templates):
		for lang in ("zh", "bo"):
			own_words |= {
				f"{lang}: {constant}" for constant in constants if catalogues[lang][msgid] in constant
			}
	assert not own_words


def test_state_labels_end_alike(catalogues):
	"""The workflow's states, spliced into the documents' refusal messages, either all end in a shad or none do."""
	labels = [catalogues["bo"][state] for state in legal_aid.STATES]
	assert shad_endings_agree(labels), labels
