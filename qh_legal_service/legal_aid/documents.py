"""The six official legal aid documents, Tibetan and Chinese on one page (法律援助法 Art 43, 48, 49).

The prose lives once, in templates translators read: templates/print/legal_aid/<document>.html (and
layout.html for the words every document shares). `render_prose` renders a template into bilingual
blocks (paragraphs, lists, field tables); every term they print (select values, offices, titles) is the
catalogue entry the screens use (`term`), and Tibetan words are joined by `rules.tibetan` (particles, no
stray shads), helpers the templates call. The print formats read the blocks through the Jinja method
`legal_aid_document` (rendered by templates/print/legal_aid_base.html); the Word files are built from the
same blocks by `build_word`.

Which document a case may produce now is declared in `rules.legal_aid_documents` and enforced here on
every path, for staff and citizens alike: the Jinja method and the Word builder refuse a document its
case does not warrant, and the `pdf_body_html` hook refuses it before Frappe renders any print (the
print view, /printview, PDF downloads, e-mail attachments). Documents are always built from the record
as saved, never from values a client sends.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO

import frappe
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from frappe import _, _lt
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name, get_workflow_state_field
from frappe.utils import cstr, get_datetime
from frappe.www.printview import validate_print_permission
from markupsafe import Markup, escape

from qh_legal_service.rules import documents as declared_documents
from qh_legal_service.rules.divisions import tibetan_place_name
from qh_legal_service.rules.documents import DocumentRule, Refusal
from qh_legal_service.rules.legal_aid_documents import DOCUMENTS as LEGAL_AID_RULES
from qh_legal_service.rules.tibetan import agentive, bare, genitive, syllable
from qh_legal_service.scoping import is_portal_user

DOCTYPE = "Legal Aid Application"

TIBETAN_FONT = "Noto Serif Tibetan"
CHINESE_FONT = "Noto Serif CJK SC"

# The templates of the documents' prose, relative to the app (as Frappe's Jinja loader reads them).
PROSE_TEMPLATES = "qh_legal_service/templates/print/legal_aid"

# The catalogue's msgids of the offices a document names (the screens use the same entries).
LEGAL_AID_CENTRE = _lt("Legal Aid Centre")
JUSTICE_BUREAU = _lt("Justice Bureau")


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


@dataclass(frozen=True)
class Issuer:
	"""The legal aid centre that issues the document and the justice bureau that set it up."""

	centre: dict
	bureau: dict


def county_of(doc: Document) -> str | None:
	"""The code of the applicant's county (filled on save; walked up from the division otherwise)."""
	code = doc.get("county")
	if not code and doc.get("division"):
		code = doc.division
		while code:
			tier, parent = frappe.db.get_value(
				"Administrative Division", code, ["tier", "parent_administrative_division"]
			) or (None, None)
			if tier in ("County", None):
				break
			code = parent
	return code


def office_name(bo_place: str, zh_place: str, office) -> dict:
	"""A place's office as a letterhead names it: the place, then the catalogue's name of the office."""
	name = term(office)
	return bi(f"{syllable(bo_place)}{name['bo']}།", f"{zh_place}{name['zh']}")


def get_issuer(doc: Document) -> Issuer:
	"""The county legal aid centre of the applicant (its record if there is one, else a derived name)."""
	county = county_of(doc)
	zh_name, bo_name = (
		frappe.db.get_value("Administrative Division", county, ["division_name", "division_name_bo"])
		if county
		else None
	) or ("", "")
	bo_name = tibetan_place_name(bo_name, zh_name)
	centre = frappe.db.get_value(
		"Legal Service Institution",
		{"institution_type": "Legal Aid Centre", "division": county, "disabled": 0},
		["institution_name", "institution_name_bo"],
		order_by="creation asc",
	)
	if centre:
		centre_text = bi(centre[1] or office_name(bo_name, zh_name, LEGAL_AID_CENTRE)["bo"], centre[0])
	else:
		centre_text = office_name(bo_name, zh_name, LEGAL_AID_CENTRE)
	return Issuer(centre=centre_text, bureau=office_name(bo_name, zh_name, JUSTICE_BUREAU))


def prose_text(rendered: str) -> str:
	"""A text as a template gives it: its lines joined (a translator may wrap them), without indentation."""
	return "".join(line.lstrip("\t") for line in cstr(rendered).splitlines())


def prose_helpers() -> dict:
	"""What the prose templates may call: the catalogue's terms, dates, lines, and the Tibetan joining rules."""
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
		"legal_aid_centre": LEGAL_AID_CENTRE,
		"justice_bureau": JUSTICE_BUREAU,
	}


def render_prose(template: str, context: dict) -> tuple[list[dict], dict[str, dict]]:
	"""Render templates/print/legal_aid/<template>.html into its blocks and its named texts.

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
		f"{PROSE_TEMPLATES}/{template}.html",
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


def layout_texts() -> dict[str, dict]:
	"""The words every document shares (statute, number, seal, date, hotline), from layout.html."""
	return render_prose("layout", {})[1]


def assignment_facts(doc: Document) -> dict:
	"""The assigned worker and institution, named in both languages."""
	worker = (
		frappe.db.get_value(
			"Legal Service Worker", doc.assigned_worker, ["worker_name", "worker_name_bo"], as_dict=True
		)
		if doc.assigned_worker
		else None
	) or frappe._dict()
	institution = (
		frappe.db.get_value(
			"Legal Service Institution",
			doc.assigned_institution,
			["institution_name", "institution_name_bo"],
			as_dict=True,
		)
		if doc.assigned_institution
		else None
	) or frappe._dict()
	worker_zh = worker.worker_name or cstr(doc.assigned_worker)
	inst_zh = institution.institution_name or ""
	return {
		"worker_zh": worker_zh,
		"worker_bo": bare(worker.worker_name_bo or worker_zh),
		"inst_zh": inst_zh,
		"inst_bo": bare(institution.institution_name_bo or inst_zh),
	}


def termination_facts(doc: Document) -> dict:
	"""Whether the aid ended was given by a decision to approve."""
	# Otherwise a notified defence (Art 36) or urgent aid (Art 44): aid given without a decision to approve.
	return {"approved": document_refusal(doc, "approval", for_applicant=False) is None}


def no_facts(doc: Document) -> dict:
	return {}


@dataclass(frozen=True)
class LegalAidDocument:
	"""One of the official documents: its print format, whose name is its title, and its prose template."""

	key: str
	label: str
	print_format: str
	# What the template needs beyond the record, the issuer and the shared words (looked up, not worded).
	facts: Callable[[Document], dict] = no_facts

	@property
	def title(self) -> dict:
		"""The title printed on the document: its print format's name in the catalogue, as the menus show it."""
		return term(self.print_format)

	@property
	def template(self) -> str:
		"""Its prose: templates/print/legal_aid/<key>.html."""
		return self.key

	def body(self, doc: Document, issuer: Issuer, layout: dict[str, dict]) -> list[dict]:
		"""The document's bilingual blocks, rendered from its template."""
		context = {"doc": doc, "issuer": issuer, "law": layout["law"], **self.facts(doc)}
		return render_prose(self.template, context)[0]


DOCUMENTS: dict[str, LegalAidDocument] = {
	d.key: d
	for d in (
		LegalAidDocument("receipt", "Receipt", "Legal Aid Receipt"),
		LegalAidDocument("materials_notice", "Materials Notice", "Legal Aid Materials Notice"),
		LegalAidDocument("approval", "Approval Decision", "Legal Aid Approval"),
		LegalAidDocument("refusal", "Refusal Decision", "Legal Aid Refusal"),
		LegalAidDocument("assignment", "Assignment Letter", "Legal Aid Assignment Letter", assignment_facts),
		LegalAidDocument(
			"termination", "Termination Notice", "Legal Aid Termination Notice", termination_facts
		),
	)
}


def get_definition(document: str) -> LegalAidDocument:
	if document not in DOCUMENTS:
		frappe.throw(
			_("Unknown legal aid document {0}: choose one of {1}").format(
				frappe.bold(document), ", ".join(DOCUMENTS)
			),
			frappe.ValidationError,
			title=_("Unknown Document"),
		)
	return DOCUMENTS[document]


def issue_date(doc: Document, document: str):
	"""The date the document bears: when its step happened, else today."""
	stamp = {
		"receipt": doc.get("received_on"),
		"materials_notice": doc.get("materials_requested_on"),
		"approval": doc.get("decided_on"),
		"refusal": doc.get("decided_on"),
		"assignment": doc.get("assigned_on"),
		"termination": doc.get("terminated_on"),
	}.get(document)
	return stamp or frappe.utils.now_datetime()


def legal_aid_document(doc: Document, document: str) -> dict:
	"""Everything one document prints, as bilingual blocks, from the saved record when it warrants it."""
	definition = get_definition(document)
	record = stored_record(doc)
	ensure_document_allowed(record, document)
	issuer = get_issuer(record)
	layout = layout_texts()
	return {
		"key": definition.key,
		"title": definition.title,
		"issuer": issuer.centre,
		"number": record.name,
		"blocks": definition.body(record, issuer, layout),
		"date": date_text(issue_date(record, document)),
		"layout": layout,
		"spans": script_spans,
	}


# Which documents a record may produce now
# ----------------------------------------


class DocumentNotAvailableError(frappe.PermissionError):
	"""An official document its record's state or data does not warrant now."""


@dataclass(frozen=True)
class DeclaredDocuments:
	"""A doctype's official documents: when each may be produced, and the print format that prints it."""

	rules: Mapping[str, DocumentRule]
	print_formats: Mapping[str, str]


DECLARED: dict[str, DeclaredDocuments] = {
	DOCTYPE: DeclaredDocuments(
		rules=LEGAL_AID_RULES,
		print_formats={key: definition.print_format for key, definition in DOCUMENTS.items()},
	),
}


def declared_key(doctype: str | None, print_format: str | None) -> str | None:
	"""The document a print format of `doctype` prints, if it is one of the declared documents."""
	declared = DECLARED.get(doctype or "")
	if not declared or not print_format:
		return None
	return next((key for key, name in declared.print_formats.items() if name == print_format), None)


def state_path_of(doc: Document) -> tuple[str, ...]:
	"""The workflow states the record has been in, oldest first, as the server recorded them."""
	workflow = get_workflow_name(doc.doctype)
	field = get_workflow_state_field(workflow) if workflow else "workflow_state"
	return declared_documents.stored_path(doc.get("states_passed"), doc.get(field))


def document_refusal(doc: Document, document: str, for_applicant: bool | None = None) -> Refusal | None:
	"""Why the record may not produce `document` now (None when it may); the applicant gets only theirs."""
	if for_applicant is None:
		for_applicant = is_portal_user(frappe.session.user)
	rule = DECLARED[doc.doctype].rules[document]
	return declared_documents.refusal(rule, state_path_of(doc), doc.as_dict(), for_applicant)


def allowed_documents(doc: Document) -> list[str]:
	"""The declared documents the record may produce now, for the current user."""
	return declared_documents.allowed_documents(
		DECLARED[doc.doctype].rules, state_path_of(doc), doc.as_dict(), is_portal_user(frappe.session.user)
	)


def document_title(doc: Document, document: str) -> str:
	"""The document's name in the reader's language (its print format's name, translated)."""
	return _(DECLARED[doc.doctype].print_formats[document])


def refusal_message(doc: Document, document: str, found: Refusal) -> str:
	"""Why the document cannot be produced, in the reader's language."""
	# State labels end in a shad on the screens; spliced into a sentence they go without it.
	title, state = frappe.bold(document_title(doc, document)), bare(_(found.state))
	rule = DECLARED[doc.doctype].rules[document]
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
		labels = ", ".join(_(doc.meta.get_label(field)) for field in found.missing)
		return _("{0} of {1} cannot be produced until these are filled in: {2}.").format(
			title, doc.name, labels
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
		frappe.throw(_("You may not print this legal aid application."), frappe.PermissionError)


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
	if doctype not in DECLARED:
		return None
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	allowed = set(allowed_documents(doc))
	return [
		{
			"document": key,
			"print_format": print_format,
			"label": _(print_format),
			"allowed": key in allowed,
		}
		for key, print_format in DECLARED[doctype].print_formats.items()
	]


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


def build_word(doc: Document, document: str):
	"""A python-docx Document with the same bilingual content as the print format."""
	content = legal_aid_document(doc, document)
	word = WordDocument()
	section = word.sections[0]
	section.orientation = WD_ORIENT.PORTRAIT
	section.page_width, section.page_height = Mm(210), Mm(297)
	section.left_margin = section.right_margin = Mm(18)
	section.top_margin = section.bottom_margin = Mm(15)
	normal = word.styles["Normal"].paragraph_format
	normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(2), 1.0

	layout = content["layout"]
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
	return word


def word_bytes(doc: Document, document: str) -> bytes:
	buffer = BytesIO()
	build_word(doc, document).save(buffer)
	return buffer.getvalue()


def _send(doc: Document, definition: LegalAidDocument, extension: str, content: bytes, kind: str) -> None:
	frappe.local.response.filename = f"{doc.name}-{definition.print_format}.{extension}".replace(" ", "-")
	frappe.local.response.filecontent = content
	frappe.local.response.type = kind


@frappe.whitelist()
def download_word(name: str, document: str) -> None:
	"""Send one of the official documents of an application as a Word file."""
	definition = get_definition(document)
	doc = frappe.get_doc(DOCTYPE, name)
	check_print_permission(doc)
	ensure_document_allowed(doc, document)
	_send(doc, definition, "docx", word_bytes(doc, document), "binary")


@frappe.whitelist()
def download_pdf(name: str, document: str) -> None:
	"""Send one of the official documents of an application as a PDF (the portal's download)."""
	definition = get_definition(document)
	doc = frappe.get_doc(DOCTYPE, name)
	check_print_permission(doc)
	ensure_document_allowed(doc, document)
	pdf = frappe.get_print(DOCTYPE, doc.name, definition.print_format, as_pdf=True)
	_send(doc, definition, "pdf", pdf, "pdf")
