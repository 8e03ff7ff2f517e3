"""Official documents of every service, Tibetan and Chinese on one page, as print view, PDF and Word.

How a service declares a document (legal aid's six are the example: `rules.legal_aid_documents`):

1. Declare it: a `rules.documents.DocumentRule` in the service's pure declaration, listed in its
   `ServiceDeclaration.documents` (`rules.services.SERVICES`), keyed by a short key ("agreement"):
   - when it may be produced: `issued_in`, `valid_in`, `set_aside_by`, `required`, `to_applicant`,
     `excluded_when` ((field, value) pairs of records it is never produced for);
   - how it prints: `print_format` (the Print Format's name, which is its title: give it zh and bo
     entries in locale/zh.po and locale/bo.po), `template` ("mediation/agreement" means
     templates/print/mediation/agreement.html), `dated_by` (the field whose date it bears),
     `copies` (3 prints three copies, each marked "copy n of 3" in both languages, on its own page, in
     the PDF and the Word file; 1 by default; or the dotted path of `copies(doc) -> int`);
   - who issues it: `issuer`, the dotted path of `issuer(doc)` returning an object with a bilingual
     `letterhead` ({"bo": ..., "zh": ...}); `Issuer` below will do, `institution_issuer` builds one
     from a Link to a Legal Service Institution (a mediation committee, a notary office);
   - `facts`, optional: the dotted path of `facts(doc) -> dict`, what the template needs beyond the
     record (names looked up in other records), merged into the template's context.
2. Write the prose: templates/print/<folder>/<key>.html, starting with a translator's note, calling
   `para(bo, zh)`, `items(values)`, `field(bo, zh, value)`; and templates/print/<folder>/layout.html
   giving, with `text(name, bo, zh)`, the words the folder's documents share: "law" (the statute's
   title), "number", "seal", "date", "hotline". The context holds `doc` (the saved record), `issuer`,
   `law`, the helpers of `prose_helpers` (`term`, `date_text`, `lines`, the Tibetan joining rules) and
   the facts. Terms (select values, offices) come from the catalogues through `term`, never from here.
3. Add the Print Format (standard, Jinja, module folder `print_format/<name>/<name>.json`) whose html is
       {%- set document_key = "agreement" -%}
       {% include "qh_legal_service/templates/print/service_document.html" %}
   then `bench migrate`.

Nothing else (the record's `states_passed`, one of the service-case fields, gives the states it went
through). The same code then refuses the document where the record does not warrant it on every print
path (the Jinja method `service_document`; the `pdf_body_html` hook before Frappe renders any print:
print view, /printview, PDF downloads; e-mail attachments through the Email Queue hook; the Word builder;
the downloads `download_pdf` / `download_word` with a doctype parameter, whose links a portal page gets
from `download_links(doc)`), the desk's print view offers only the documents allowed now
(public/js/print_view_documents.js), and the form shows a "Download Word" button per allowed document
(public/js/service_documents.js, for every doctype in `frappe.boot.qh_document_doctypes`). The tests
tests/test_service_documents.py (pure) and qh_legal_service/tests/test_service_documents.py (site) check
every declared document has its print format, templates, issuer and titles. Documents are always built
from the record as saved, never from values a client sends.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from urllib.parse import urlencode

import frappe
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name, get_workflow_state_field
from frappe.utils import cstr, get_datetime
from frappe.www.printview import validate_print_permission
from markupsafe import Markup, escape

from qh_legal_service.rules import documents as declared_documents
from qh_legal_service.rules.documents import DocumentRule, Refusal
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.rules.tibetan import agentive, bare, genitive, syllable
from qh_legal_service.scoping import is_portal_user

TIBETAN_FONT = "Noto Serif Tibetan"
CHINESE_FONT = "Noto Serif CJK SC"

# The documents' templates, relative to the app (as Frappe's Jinja loader reads them).
PRINT_TEMPLATES = "qh_legal_service/templates/print"
# The words that mark one of several copies ("copy 1 of 3"), shared by every service.
COPY_TEMPLATE = "copy"


# Bilingual text
# --------------


def is_tibetan(char: str) -> bool:
	return "\u0f00" <= char <= "\u0fff"


def script_runs(text: str) -> list[tuple[str, str]]:
	"""Split text into (lang, run): Tibetan letters are "bo", anything else (names, digits, Chinese) "zh".

	Spaces stay with the run before them. Marking the Han characters inside a Tibetan sentence as zh keeps
	wkhtmltopdf from falling back to the Japanese CJK glyphs for them.
	"""
	runs: list[tuple[str, str]] = []
	for char in cstr(text):
		lang = "bo" if is_tibetan(char) else ("zh" if not char.isspace() or not runs else runs[-1][0])
		if runs and runs[-1][0] == lang:
			runs[-1] = (lang, runs[-1][1] + char)
		else:
			runs.append((lang, char))
	return runs


def script_spans(text: str) -> Markup:
	"""HTML of text with every run in a span of its language (used by the print template)."""
	return Markup("").join(
		Markup('<span lang="{0}">{1}</span>').format(lang, escape(run)) for lang, run in script_runs(text)
	)


def bi(bo: str, zh: str) -> dict:
	"""A piece of text in both languages."""
	return {"bo": bo, "zh": zh}


def para(bo: str, zh: str) -> dict:
	"""A bilingual paragraph."""
	return {"kind": "para", "bo": bo, "zh": zh}


def items(values: list[str]) -> dict:
	"""A numbered list of data (the missing materials, the reasons), printed as entered.

	Staff may write an item in both languages for a reader of Tibetan: each run is printed in its script's
	language (`script_runs`), in the print view and in the Word file alike.
	"""
	return {"kind": "list", "items": values}


def date_text(value) -> dict:
	"""A date in both languages (Latin digits, as Babel does for bo)."""
	if not value:
		return bi("____ལོའི་ཟླ་____ཚེས་____", "____年____月____日")
	day = get_datetime(value)
	return bi(f"{day.year}ལོའི་ཟླ་{day.month}ཚེས་{day.day}", f"{day.year}年{day.month}月{day.day}日")


def term(msgid: str | None) -> dict:
	"""A term in both languages from the catalogue entry the screens use (a select value, an office, a title)."""
	msgid = cstr(getattr(msgid, "msg", msgid))  # an `_lt` entry gives its msgid, not its current translation
	return bi(bare(_(msgid, lang="bo")), _(msgid, lang="zh")) if msgid else bi("", "")


def lines(text: str | None) -> list[str]:
	"""The non-empty lines of a text field."""
	return [line.strip() for line in cstr(text).splitlines() if line.strip()]


def office_name(bo_place: str, zh_place: str, office) -> dict:
	"""A place's office as a letterhead names it: the place, then the catalogue's name of the office."""
	name = term(office)
	return bi(f"{syllable(bo_place)}{name['bo']}།", f"{zh_place}{name['zh']}")


# Issuers
# -------


@dataclass(frozen=True)
class Issuer:
	"""The office that issues a document (its letterhead and signature), and others its prose may name."""

	letterhead: dict
	offices: Mapping[str, dict] = field(default_factory=dict)


def institution_issuer(doc: Document, fieldname: str) -> Issuer:
	"""The Legal Service Institution a Link field of the record names, as the issuer of its documents."""
	names = (
		frappe.db.get_value(
			"Legal Service Institution", doc.get(fieldname), ["institution_name", "institution_name_bo"]
		)
		if doc.get(fieldname)
		else None
	) or ("", "")
	return Issuer(letterhead=bi(bare(names[1] or names[0]), names[0]))


# Prose templates
# ---------------


def prose_text(rendered: str) -> str:
	"""A text as a template gives it: its lines joined (a translator may wrap them), without indentation."""
	return "".join(line.lstrip("\t") for line in cstr(rendered).splitlines())


def prose_helpers() -> dict:
	"""What every prose template may call: the catalogue's terms, dates, lines, the Tibetan joining rules."""
	return {
		"term": term,
		"bi": bi,
		"date_text": date_text,
		"lines": lines,
		"office_name": office_name,
		"genitive": genitive,
		"agentive": agentive,
		"syllable": syllable,
		"bare": bare,
	}


def render_prose(template: str, context: dict) -> tuple[list[dict], dict[str, dict]]:
	"""Render templates/print/<template>.html into its blocks and its named texts.

	The template calls `para(bo, zh)`, `items(values)`, `field(bo, zh, value)` (consecutive rows make one
	table) and `text(name, bo, zh)`; what it prints between them is ignored.
	"""
	blocks: list[dict] = []
	texts: dict[str, dict] = {}

	def add_para(bo: str, zh: str) -> str:
		blocks.append(para(prose_text(bo), prose_text(zh)))
		return ""

	def add_items(values: list[str]) -> str:
		blocks.append(items(list(values)))
		return ""

	def add_field(bo: str, zh: str, value) -> str:
		if not blocks or blocks[-1]["kind"] != "fields":
			blocks.append({"kind": "fields", "rows": []})
		blocks[-1]["rows"].append({"bo": bo, "zh": zh, "value": value})
		return ""

	def add_text(name: str, bo: str, zh: str) -> str:
		texts[name] = bi(prose_text(bo), prose_text(zh))
		return ""

	frappe.render_template(
		f"{PRINT_TEMPLATES}/{template}.html",
		{
			**prose_helpers(),
			**context,
			"para": add_para,
			"items": add_items,
			"field": add_field,
			"text": add_text,
		},
		is_path=True,
	)
	return blocks, texts


def layout_texts(folder: str) -> dict[str, dict]:
	"""The words a folder's documents share (statute, number, seal, date, hotline), from its layout.html."""
	return render_prose(f"{folder}/layout", {})[1]


def copy_count(rule: DocumentRule, doc: Document) -> int:
	"""How many copies of the document the record prints (its rule's number, or its function's answer)."""
	return int(frappe.get_attr(rule.copies)(doc) if isinstance(rule.copies, str) else rule.copies)


def copy_marks(count: int) -> list[dict | None]:
	"""Each copy's mark in both languages ("copy 1 of 3"), or [None] for a single unmarked copy."""
	return [
		number and render_prose(COPY_TEMPLATE, {"copy": number, "copies": count})[1]["copy"]
		for number in declared_documents.copy_numbers(count)
	]


# The registry: every declared document of every service
# --------------------------------------------------------


def _function(path: str) -> Callable[[Document], object] | None:
	return frappe.get_attr(path) if path else None


@dataclass(frozen=True)
class ServiceDocument:
	"""One declared document of a doctype: its rule, the print format that prints it, its prose."""

	doctype: str
	key: str
	rule: DocumentRule

	@property
	def print_format(self) -> str:
		return self.rule.print_format

	@property
	def label(self) -> str:
		return self.rule.print_format

	@property
	def template(self) -> str:
		"""Its prose: templates/print/<template>.html."""
		return self.rule.template

	@property
	def folder(self) -> str:
		return declared_documents.template_folder(self.rule)

	@property
	def title(self) -> dict:
		"""The title printed on the document: its print format's name in the catalogue, as the menus show it."""
		return term(self.print_format)

	def issuer(self, doc: Document):
		issuer = _function(self.rule.issuer)
		return issuer(doc) if issuer else Issuer(letterhead=bi("", ""))

	def facts(self, doc: Document) -> dict:
		facts = _function(self.rule.facts)
		return facts(doc) if facts else {}

	def body(self, doc: Document, issuer, layout: dict[str, dict]) -> list[dict]:
		"""The document's bilingual blocks, rendered from its template."""
		context = {"doc": doc, "issuer": issuer, "law": layout.get("law", bi("", "")), **self.facts(doc)}
		return render_prose(self.template, context)[0]

	def issue_date(self, doc: Document):
		"""The date the document bears: when its step happened, else today."""
		return (self.rule.dated_by and doc.get(self.rule.dated_by)) or frappe.utils.now_datetime()


@cache
def documents_of(doctype: str) -> dict[str, ServiceDocument]:
	"""The documents a doctype declares (in `rules.services.SERVICES`), by key; empty for any other."""
	service = SERVICES.get(doctype)
	return {
		key: ServiceDocument(doctype, key, rule)
		for key, rule in (service.documents if service else {}).items()
	}


def document_doctypes() -> list[str]:
	"""Every doctype that declares official documents."""
	return [doctype for doctype in SERVICES if documents_of(doctype)]


def get_definition(doctype: str, document: str) -> ServiceDocument:
	declared = documents_of(doctype)
	if document not in declared:
		frappe.throw(
			_("Unknown document {0} of {1}: choose one of {2}").format(
				frappe.bold(document), _(doctype), ", ".join(declared)
			),
			frappe.ValidationError,
			title=_("Unknown Document"),
		)
	return declared[document]


def service_document(doc: Document, document: str) -> dict:
	"""Everything one document prints, as bilingual blocks, from the saved record when it warrants it.

	The Jinja method of templates/print/service_document.html; the Word file is built from the same.
	"""
	definition = get_definition(doc.doctype, document)
	record = stored_record(doc)
	ensure_document_allowed(record, document)
	issuer = definition.issuer(record)
	layout = layout_texts(definition.folder)
	return {
		"key": definition.key,
		"title": definition.title,
		"issuer": issuer.letterhead,
		"number": record.name,
		"blocks": definition.body(record, issuer, layout),
		"date": date_text(definition.issue_date(record)),
		"layout": layout,
		"copies": copy_marks(copy_count(definition.rule, record)),
		"spans": script_spans,
	}


# Which documents a record may produce now
# ----------------------------------------


class DocumentNotAvailableError(frappe.PermissionError):
	"""An official document its record's state or data does not warrant now."""


def declared_key(doctype: str | None, print_format: str | None) -> str | None:
	"""The document a print format of `doctype` prints, if it is one of the declared documents."""
	if not doctype or not print_format:
		return None
	return next(
		(key for key, d in documents_of(doctype).items() if d.print_format == print_format),
		None,
	)


def state_path_of(doc: Document) -> tuple[str, ...]:
	"""The workflow states the record has been in, oldest first, as the server recorded them."""
	workflow = get_workflow_name(doc.doctype)
	state_field = get_workflow_state_field(workflow) if workflow else "workflow_state"
	return declared_documents.stored_path(doc.get("states_passed"), doc.get(state_field))


def _rules(doctype: str) -> dict[str, DocumentRule]:
	return {key: d.rule for key, d in documents_of(doctype).items()}


def document_refusal(doc: Document, document: str, for_applicant: bool | None = None) -> Refusal | None:
	"""Why the record may not produce `document` now (None when it may); the applicant gets only theirs."""
	if for_applicant is None:
		for_applicant = is_portal_user(frappe.session.user)
	rule = get_definition(doc.doctype, document).rule
	return declared_documents.refusal(rule, state_path_of(doc), doc.as_dict(), for_applicant)


def allowed_documents(doc: Document) -> list[str]:
	"""The declared documents the record may produce now, for the current user."""
	return declared_documents.allowed_documents(
		_rules(doc.doctype), state_path_of(doc), doc.as_dict(), is_portal_user(frappe.session.user)
	)


def document_title(doc: Document, document: str) -> str:
	"""The document's name in the reader's language (its print format's name, translated)."""
	return _(get_definition(doc.doctype, document).print_format)


def refusal_message(doc: Document, document: str, found: Refusal) -> str:
	"""Why the document cannot be produced, in the reader's language."""
	# State labels end in a shad on the screens; spliced into a sentence they go without it.
	title, state = frappe.bold(document_title(doc, document)), bare(_(found.state))
	rule = get_definition(doc.doctype, document).rule
	if found.reason == declared_documents.NOT_ISSUED:
		issued = " / ".join(bare(_(issued_in)) for issued_in in sorted(rule.issued_in))
		return _(
			"{0} has not been issued for {1}: it is issued when a case becomes {2}, and this one is {3}."
		).format(title, doc.name, issued, state)
	if found.reason == declared_documents.SET_ASIDE:
		before, after = found.set_aside_by
		return _("{0} of {1} no longer stands: it was set aside when the case went from {2} to {3}.").format(
			title, doc.name, bare(_(before)), bare(_(after))
		)
	if found.reason == declared_documents.NOT_IN_STATE:
		valid = " / ".join(bare(_(valid_in)) for valid_in in sorted(rule.valid_in))
		return _("{0} can be produced only while a case is {1}; {2} is {3}.").format(
			title, valid, doc.name, state
		)
	if found.reason == declared_documents.INCOMPLETE:
		labels = ", ".join(_(doc.meta.get_label(fieldname)) for fieldname in found.missing)
		return _("{0} of {1} cannot be produced until these are filled in: {2}.").format(
			title, doc.name, labels
		)
	if found.reason == declared_documents.EXCLUDED:
		fieldname, value = found.excluded_by
		return _("{0} is not produced for {1}: its {2} is {3}.").format(
			title, doc.name, _(doc.meta.get_label(fieldname)), bare(_(value))
		)
	return _("{0} is not issued to the applicant.").format(title)


def ensure_document_allowed(doc: Document, document: str) -> None:
	"""Refuse, with the reason, a document the record does not warrant now."""
	if found := document_refusal(doc, document):
		frappe.throw(
			refusal_message(doc, document, found),
			DocumentNotAvailableError,
			title=_("Document Not Available"),
		)


def stored_record(doc: Document) -> Document:
	"""The record as saved, which its reader may print: a document never prints unsaved or sent values."""
	# The desk's print preview sends the whole form, and anyone may send any values that way.
	if not doc.get("name") or not frappe.db.exists(doc.doctype, doc.name):
		frappe.throw(
			_("Official documents are produced only from a saved record."),
			DocumentNotAvailableError,
			title=_("Document Not Available"),
		)
	record = frappe.get_doc(doc.doctype, doc.name)
	if not frappe.flags.ignore_print_permissions:
		validate_print_permission(record)
	return record


def check_print_permission(doc: Document) -> None:
	if not frappe.has_permission(doc.doctype, "print", doc):
		frappe.throw(
			_("You may not print this record of {0}.").format(_(doc.doctype)), frappe.PermissionError
		)


def pdf_body_html(template, args: dict, print_format=None, **kwargs) -> str:
	"""Frappe's print body (the `pdf_body_html` hook), refusing first a document its record does not warrant."""
	# Frappe reports any error raised while a print format renders as a "Print Format Error"; refused
	# here, before rendering, the reader gets the reason itself (HTTP 403) on every print path.
	doc = args.get("doc")
	if doc is not None and (key := declared_key(doc.doctype, getattr(print_format, "name", None))):
		ensure_document_allowed(stored_record(doc), key)
	return frappe.get_attr(_previous_hook("pdf_body_html"))(
		template=template, args=args, print_format=print_format, **kwargs
	)


def _previous_hook(name: str) -> str:
	"""The implementation this app's hook wraps: the one registered before it (Frappe's own by default)."""
	hooks = frappe.get_hooks(name)
	own = f"{__name__}.{name}"
	earlier = hooks[: hooks.index(own)] if own in hooks else hooks
	return earlier[-1] if earlier else "frappe.utils.pdf.pdf_body_html"


def refuse_unwarranted_print_attachments(doc: Document, method: str | None = None) -> None:
	"""An e-mail may carry an official document as a print only when its record warrants it now."""
	for attachment in json.loads(doc.get("attachments") or "[]"):
		if not isinstance(attachment, dict) or attachment.get("print_format_attachment") != 1:
			continue
		key = declared_key(attachment.get("doctype"), attachment.get("print_format"))
		if key:
			ensure_document_allowed(frappe.get_doc(attachment["doctype"], attachment["name"]), key)


@frappe.whitelist()
def official_documents(doctype: str, name: str) -> list[dict] | None:
	"""The record's declared documents, named in the reader's language, and whether each is allowed now."""
	if not documents_of(doctype):
		return None
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	allowed = set(allowed_documents(doc))
	return [
		{
			"document": key,
			"print_format": definition.print_format,
			"label": _(definition.print_format),
			"allowed": key in allowed,
		}
		for key, definition in documents_of(doctype).items()
	]


def boot_session(bootinfo) -> None:
	"""The desk learns which doctypes declare documents, for the forms' Word buttons."""
	bootinfo.qh_document_doctypes = document_doctypes()


# Word
# ----


def _set_run_fonts(run, lang: str, size: float) -> None:
	"""Fonts per script slot: Tibetan runs fall back to CJK SC for Han characters, and vice versa."""
	run.font.size = Pt(size)
	props = run._element.get_or_add_rPr()
	fonts = props.get_or_add_rFonts()
	main = TIBETAN_FONT if lang == "bo" else CHINESE_FONT
	fonts.set(qn("w:ascii"), main)
	fonts.set(qn("w:hAnsi"), main)
	fonts.set(qn("w:cs"), TIBETAN_FONT)
	fonts.set(qn("w:eastAsia"), CHINESE_FONT)
	size_cs = props.find(qn("w:szCs"))
	if size_cs is None:
		size_cs = props.makeelement(qn("w:szCs"), {})
		props.append(size_cs)
	size_cs.set(qn("w:val"), str(int(size * 2)))
	language = props.find(qn("w:lang"))
	if language is None:
		language = props.makeelement(qn("w:lang"), {})
		props.append(language)
	if lang == "bo":
		language.set(qn("w:val"), "bo-CN")
		language.set(qn("w:bidi"), "bo-CN")
	language.set(qn("w:eastAsia"), "zh-CN")


def _add_run(paragraph, text: str, lang: str, size: float = 10.5, bold: bool = False) -> None:
	"""Text in runs by script; Tibetan prints about 1.25x the Chinese size to look the same."""
	runs = script_runs(text) if lang == "bo" else [("zh", text)]
	for run_lang, run_text in runs:
		run = paragraph.add_run(run_text)
		run.bold = bold
		_set_run_fonts(run, run_lang, size * 1.25 if run_lang == "bo" else size)


def _tibetan_line_spacing(paragraph, size: float) -> None:
	"""Noto Serif Tibetan's line metrics are very tall: fix the line at 1.7x the Tibetan size."""
	paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	paragraph.paragraph_format.line_spacing = Pt(round(size * 1.25 * 1.7))


def _add_bilingual(
	word, text: dict, size: float = 11, bold: bool = False, align=None, space_after: float = 6
):
	for lang in ("bo", "zh"):
		paragraph = word.add_paragraph()
		paragraph.paragraph_format.space_after = Pt(0 if lang == "bo" else space_after)
		if lang == "bo":
			_tibetan_line_spacing(paragraph, size)
		if align is not None:
			paragraph.alignment = align
		_add_run(paragraph, text[lang], lang, size, bold)


def _add_copy(word, content: dict, mark: dict | None) -> None:
	"""One copy of the document: letterhead, title, number, blocks, signature, hotline."""
	layout = content["layout"]
	if mark:
		paragraph = word.add_paragraph()
		paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
		_add_run(paragraph, mark["bo"] + " ", "bo", 9)
		_add_run(paragraph, mark["zh"], "zh", 9)
		_tibetan_line_spacing(paragraph, 9)
	_add_bilingual(
		word, content["issuer"], size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4
	)
	_add_bilingual(word, content["title"], size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
	number = word.add_paragraph()
	number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
	_add_run(number, layout["number"]["bo"] + " ", "bo", 10)
	_add_run(number, f"{layout['number']['zh']}：{content['number']}", "zh", 10)
	_tibetan_line_spacing(number, 10)

	for block in content["blocks"]:
		if block["kind"] == "para":
			_add_bilingual(word, block)
		elif block["kind"] == "list":
			for index, item in enumerate(block["items"], 1):
				paragraph = word.add_paragraph()
				paragraph.paragraph_format.left_indent = Mm(8)
				_add_run(paragraph, f"{index}. {item}", "bo")  # split by script: Tibetan runs are tagged bo
				if any(is_tibetan(char) for char in item):
					_tibetan_line_spacing(paragraph, 10.5)
		elif block["kind"] == "fields":
			table = word.add_table(rows=0, cols=2)
			table.style = "Table Grid"
			for row in block["rows"]:
				cells = table.add_row().cells
				label = cells[0].paragraphs[0]
				_add_run(label, row["bo"] + " ", "bo", 10)
				_add_run(label, row["zh"], "zh", 10)
				_add_run(cells[1].paragraphs[0], cstr(row["value"]), "zh", 10)
				for cell in cells:
					_tibetan_line_spacing(cell.paragraphs[0], 9)
			word.add_paragraph().paragraph_format.space_after = Pt(0)

	# Signature block on the right: issuer, seal, date.
	for parts in (
		[("bo", content["issuer"]["bo"])],
		[("zh", content["issuer"]["zh"])],
		[("bo", layout["seal"]["bo"] + " "), ("zh", layout["seal"]["zh"])],
		[("bo", content["date"]["bo"])],
		[("zh", content["date"]["zh"])],
	):
		paragraph = word.add_paragraph()
		paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
		paragraph.paragraph_format.space_after = Pt(0)
		for lang, text in parts:
			_add_run(paragraph, text, lang)
		if parts[0][0] == "bo":
			_tibetan_line_spacing(paragraph, 10.5)
	hotline = word.add_paragraph()
	_add_run(hotline, layout["hotline"]["bo"] + "  ", "bo", 9)
	_add_run(hotline, layout["hotline"]["zh"], "zh", 9)


def build_word(doc: Document, document: str):
	"""A python-docx Document with the same bilingual content as the print format, every copy a page."""
	content = service_document(doc, document)
	word = WordDocument()
	section = word.sections[0]
	section.orientation = WD_ORIENT.PORTRAIT
	section.page_width, section.page_height = Mm(210), Mm(297)
	section.left_margin = section.right_margin = Mm(18)
	section.top_margin = section.bottom_margin = Mm(15)
	normal = word.styles["Normal"].paragraph_format
	normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(2), 1.0
	for index, mark in enumerate(content["copies"]):
		if index:
			word.add_page_break()
		_add_copy(word, content, mark)
	return word


def word_bytes(doc: Document, document: str) -> bytes:
	buffer = BytesIO()
	build_word(doc, document).save(buffer)
	return buffer.getvalue()


# Downloads (desk and portal)
# ---------------------------


def _send(doc: Document, definition: ServiceDocument, extension: str, content: bytes, kind: str) -> None:
	frappe.local.response.filename = f"{doc.name}-{definition.print_format}.{extension}".replace(" ", "-")
	frappe.local.response.filecontent = content
	frappe.local.response.type = kind


def _warranted(doctype: str, name: str, document: str) -> tuple[Document, ServiceDocument]:
	"""The record and its document, when the user may print the record and it warrants the document now."""
	definition = get_definition(doctype, document)
	doc = frappe.get_doc(doctype, name)
	check_print_permission(doc)
	ensure_document_allowed(doc, document)
	return doc, definition


def download_links(doc: Document) -> list[dict]:
	"""The documents the record may produce now for the current user (a citizen gets only theirs), each
	with its title in the reader's language and its PDF and Word download URLs (for a portal page)."""
	links = []
	for key in allowed_documents(doc):
		query = urlencode({"doctype": doc.doctype, "name": doc.name, "document": key})
		links.append(
			{
				"document": key,
				"title": document_title(doc, key),
				"pdf": f"/api/method/{__name__}.download_pdf?{query}",
				"word": f"/api/method/{__name__}.download_word?{query}",
			}
		)
	return links


@frappe.whitelist()
def download_word(doctype: str, name: str, document: str) -> None:
	"""Send one of the official documents of a record as a Word file."""
	doc, definition = _warranted(doctype, name, document)
	_send(doc, definition, "docx", word_bytes(doc, document), "binary")


@frappe.whitelist()
def download_pdf(doctype: str, name: str, document: str) -> None:
	"""Send one of the official documents of a record as a PDF (the portal's download)."""
	doc, definition = _warranted(doctype, name, document)
	pdf = frappe.get_print(doctype, doc.name, definition.print_format, as_pdf=True)
	_send(doc, definition, "pdf", pdf, "pdf")
