"""Every service's declared documents can print: print format, templates, issuer and facts exist (pure).

Reads the declarations (`rules.services.SERVICES`), the print formats' JSON, the prose templates and the
catalogues as files, without Frappe: a service that declares a document and forgets its print format, its
template, its layout, its title's translations or the function that names its issuer fails here.
"""

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from qh_legal_service.rules.documents import (
	EXCLUDED,
	DocumentRule,
	Refusal,
	copy_numbers,
	refusal,
	template_folder,
)
from qh_legal_service.rules.services import SERVICES

APP_DIR = Path(__file__).resolve().parents[1] / "qh_legal_service"
PRINT_DIR = APP_DIR / "templates" / "print"
LAYOUT_TEXTS = {"law", "number", "seal", "date", "hotline"}
SHARED_LAYOUT = '{% include "qh_legal_service/templates/print/service_document.html" %}'

DECLARED = [
	(doctype, key, rule) for doctype, service in SERVICES.items() for key, rule in service.documents.items()
]


def _catalogue(lang: str) -> dict[str, str]:
	with open(APP_DIR / "locale" / f"{lang}.po", "rb") as f:
		return {message.id: message.string for message in read_po(f) if message.id and not message.context}


def print_formats() -> dict[str, dict]:
	"""Every standard print format of the app, by name."""
	found = {}
	for path in APP_DIR.glob("*/print_format/*/*.json"):
		data = json.loads(path.read_text(encoding="utf-8"))
		found[data["name"]] = data
	return found


def defines(dotted: str) -> bool:
	"""Whether a dotted path names a function defined at the top of an app module (read, not imported)."""
	module, _, name = dotted.rpartition(".")
	path = APP_DIR.parent / (module.replace(".", "/") + ".py")
	if not path.is_file():
		return False
	tree = ast.parse(path.read_text(encoding="utf-8"))
	return any(isinstance(node, ast.FunctionDef) and node.name == name for node in tree.body)


def test_legal_aid_declares_its_six_documents():
	assert [key for doctype, key, _ in DECLARED if doctype == "Legal Aid Application"] == [
		"receipt",
		"materials_notice",
		"approval",
		"refusal",
		"assignment",
		"termination",
	]


@pytest.mark.parametrize(("doctype", "key", "rule"), DECLARED, ids=lambda v: v if isinstance(v, str) else "")
def test_every_declared_document_has_its_print_format(doctype, key, rule):
	assert rule.print_format, f"{doctype} {key}: no print_format declared"
	data = print_formats().get(rule.print_format)
	assert data, f"{doctype} {key}: no print format {rule.print_format!r} in any module's print_format/"
	assert data["doc_type"] == doctype
	assert data["standard"] == "Yes" and data["print_format_type"] == "Jinja" and not data["disabled"]
	assert re.search(r'set document_key = "' + re.escape(key) + '"', data["html"]), data["html"]
	assert SHARED_LAYOUT in data["html"]


@pytest.mark.parametrize(("doctype", "key", "rule"), DECLARED, ids=lambda v: v if isinstance(v, str) else "")
def test_every_declared_document_has_its_templates(doctype, key, rule):
	template = PRINT_DIR / f"{rule.template}.html"
	assert rule.template and template.is_file(), f"{doctype} {key}: no template {template}"
	assert template.read_text(encoding="utf-8").startswith("{#- Translator's note:"), template
	layout = PRINT_DIR / template_folder(rule) / "layout.html"
	assert layout.is_file(), f"{doctype} {key}: no {layout}"
	named = set(re.findall(r'\btext\("(\w+)"', layout.read_text(encoding="utf-8")))
	assert LAYOUT_TEXTS <= named, (layout, named)


@pytest.mark.parametrize(("doctype", "key", "rule"), DECLARED, ids=lambda v: v if isinstance(v, str) else "")
def test_every_declared_document_names_its_issuer_and_functions(doctype, key, rule):
	assert rule.issuer and defines(rule.issuer), f"{doctype} {key}: issuer {rule.issuer!r}"
	for dotted in (rule.facts, rule.copies if isinstance(rule.copies, str) else ""):
		assert not dotted or defines(dotted), f"{doctype} {key}: {dotted!r}"
	assert isinstance(rule.copies, str) or rule.copies >= 1


@pytest.mark.parametrize(("doctype", "key", "rule"), DECLARED, ids=lambda v: v if isinstance(v, str) else "")
def test_every_title_reads_in_both_languages(doctype, key, rule):
	zh, bo = _catalogue("zh").get(rule.print_format), _catalogue("bo").get(rule.print_format)
	assert zh and re.search("[\u4e00-\u9fff]", zh), (rule.print_format, zh)
	assert bo and re.search("[\u0f00-\u0fff]", bo), (rule.print_format, bo)


def test_each_print_format_prints_one_declared_document():
	declared = [rule.print_format for _, _, rule in DECLARED]
	assert len(declared) == len(set(declared))


def test_copies_are_marked_only_when_there_are_several():
	assert copy_numbers(1) == [None]
	assert copy_numbers(0) == [None]
	assert copy_numbers(3) == [1, 2, 3]


def test_the_copy_mark_gives_both_numbers_in_both_languages():
	text = (PRINT_DIR / "copy.html").read_text(encoding="utf-8")
	assert text.startswith("{#- Translator's note:")
	call = re.search(r'text\("copy", (.*)\) \}\}', text).group(1)
	bo, zh = call.split(', "一式')
	assert "copies" in bo and "copy" in bo and re.search("[\u0f00-\u0fff]", bo)
	assert "copies" in zh and "copy" in zh


def test_a_document_is_never_produced_for_an_excluded_record():
	rule = DocumentRule(issued_in=frozenset({"Reached"}), excluded_when=(("form", "Verbal"),))
	assert refusal(rule, ("Open", "Reached"), {"form": "Written"}) is None
	assert refusal(rule, ("Open", "Reached"), {"form": "Verbal"}) == Refusal(
		EXCLUDED, "Reached", excluded_by=("form", "Verbal")
	)
	# Not issued yet: that is the reason given, whatever the record holds.
	assert refusal(rule, ("Open",), {"form": "Verbal"}).reason != EXCLUDED
