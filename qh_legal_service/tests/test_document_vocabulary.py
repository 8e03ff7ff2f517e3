"""The legal aid documents print the screens' terms, and their Tibetan joins correctly.

Each document is rendered (its blocks, the print view's HTML and the Word file) for applications that
between them carry every matter type, form of aid and termination ground; the terms expected are read
from the .po files with babel, not through the translation function the documents use.
"""

from io import BytesIO
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from docx import Document as WordDocument
from docx.oxml.ns import qn
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime, nowdate

from qh_legal_service.legal_aid.documents import (
	DOCTYPE,
	DOCUMENTS,
	PROSE_TEMPLATES,
	build_word,
	get_issuer,
	legal_aid_document,
	office_name,
	render_prose,
)
from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.tibetan import shad_endings_agree, tibetan_defects
from qh_legal_service.tests.utils import make_application, make_institution, make_worker

LOCALE_DIR = Path(frappe.get_app_path("qh_legal_service", "locale"))

# The road each case took, and the documents it produces there.
ROAD_TO_TERMINATION = (
	legal_aid.RECEIVED,
	legal_aid.UNDER_REVIEW,
	legal_aid.APPROVED,
	legal_aid.ASSIGNED,
	legal_aid.TERMINATED,
)
TERMINATED_DOCUMENTS = ("receipt", "approval", "assignment", "termination")
# Materials a clerk lists for a reader of Tibetan, in both languages.
MATERIALS_BO = "ཐོབ་ཐང་ལག་ཁྱེར་གྱི་འདྲ་བཤུས།"
# The statute's title as the documents print it (templates/print/legal_aid/layout.html).
LAW_BO = "《ཀྲུང་ཧྭ་མི་དམངས་སྤྱི་མཐུན་རྒྱལ་ཁབ་ཀྱི་ཁྲིམས་ལུགས་རོགས་རམ་ཁྲིམས་ཡིག》"
MATERIALS = f"身份证复印件\n{MATERIALS_BO}\n劳动合同 ངལ་རྩོལ་གན་རྒྱ།"


def catalogue(lang: str) -> dict[str, str]:
	with open(LOCALE_DIR / f"{lang}.po", "rb") as f:
		return {message.id: message.string for message in read_po(f) if message.id and not message.context}


def options(fieldname: str) -> list[str]:
	return [option for option in frappe.get_meta(DOCTYPE).get_options(fieldname).split("\n") if option]


def bo_strings(content: dict) -> list[str]:
	"""Every Tibetan string a document prints: issuer, title, paragraphs, field labels and values."""
	found = [content["issuer"]["bo"], content["title"]["bo"], content["date"]["bo"]]
	for block in content["blocks"]:
		if block["kind"] == "para":
			found.append(block["bo"])
		elif block["kind"] == "fields":
			found += [row["bo"] for row in block["rows"]]
			found += [row["value"] for row in block["rows"] if isinstance(row["value"], str)]
	return found


def word_text(doc, key: str) -> str:
	buffer = BytesIO()
	build_word(doc, key).save(buffer)
	word = WordDocument(BytesIO(buffer.getvalue()))
	cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
	return "\n".join([paragraph.text for paragraph in word.paragraphs] + cells)


class TestDocumentVocabulary(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.zh, cls.bo = catalogue("zh"), catalogue("bo")
		firm = make_institution(
			institution_name=f"测试词汇律师事务所 {frappe.generate_hash(length=4)}",
			institution_name_bo="ཚོད་ལྟའི་ཁྲིམས་རྩོད་ཁང་།",
		)
		worker = make_worker(worker_name_bo="བཀྲ་ཤིས།")
		matters, aids = options("matter_type"), options("aid_requested")
		reasons = options("termination_reason")
		cls.terminated = []
		for index in range(max(len(matters), len(aids), len(reasons))):
			doc = make_application(
				matter_type=matters[index % len(matters)],
				aid_requested=aids[index % len(aids)],
				preferred_language="bo",
			)
			cls.move(
				doc,
				ROAD_TO_TERMINATION,
				decided_on=now_datetime(),
				assigned_worker=worker.name,
				assigned_institution=firm.name,
				assigned_on=now_datetime(),
				termination_reason=reasons[index % len(reasons)],
				terminated_on=now_datetime(),
			)
			cls.terminated.append(frappe.get_doc(DOCTYPE, doc.name))
		cls.materials = frappe.get_doc(
			DOCTYPE,
			cls.move(
				make_application(preferred_language="bo"),
				(legal_aid.RECEIVED, legal_aid.MATERIALS_REQUESTED),
				materials_notice=MATERIALS,
				materials_due=add_days(nowdate(), 10),
				materials_requested_on=now_datetime(),
			).name,
		)
		cls.refused = frappe.get_doc(
			DOCTYPE,
			cls.move(
				make_application(preferred_language="bo"),
				(legal_aid.RECEIVED, legal_aid.UNDER_REVIEW, legal_aid.REFUSED),
				decided_on=now_datetime(),
				decision_reasons="申请人家庭月收入高于经济困难标准。",
			).name,
		)

	@staticmethod
	def move(doc, road: tuple[str, ...], **values):
		"""Put a case where the road ends, as the workflow would have, with what its steps recorded."""
		frappe.db.set_value(
			DOCTYPE,
			doc.name,
			{"workflow_state": road[-1], "states_passed": "\n".join(road), **values},
			update_modified=False,
		)
		return doc

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		super().tearDownClass()

	def all_documents(self):
		"""(record, document key, content) for every document the test cases produce."""
		for doc in self.terminated:
			for key in TERMINATED_DOCUMENTS:
				yield doc, key, legal_aid_document(doc, key)
		yield self.materials, "materials_notice", legal_aid_document(self.materials, "materials_notice")
		yield self.refused, "refusal", legal_aid_document(self.refused, "refusal")

	def test_titles_are_the_catalogue_names_of_the_print_formats(self):
		for _doc, key, content in self.all_documents():
			with self.subTest(document=key):
				name = DOCUMENTS[key].print_format
				self.assertEqual(content["title"], {"zh": self.zh[name], "bo": self.bo[name]})

	def test_every_select_value_prints_as_the_screens_show_it(self):
		printed = {"matter_type": set(), "aid_requested": set(), "termination_reason": set()}
		for doc, key, content in self.all_documents():
			text = {lang: "\n".join(self.texts(content, lang)) for lang in ("zh", "bo")}
			for fieldname in printed:
				value = doc.get(fieldname)
				if not value or (fieldname == "termination_reason") != (key == "termination"):
					continue
				if key not in ("receipt", "approval", "assignment", "termination"):
					continue
				with self.subTest(document=key, field=fieldname, value=value):
					self.assertIn(self.zh[value], text["zh"])
					self.assertIn(self.bo[value], text["bo"])
					printed[fieldname].add(value)
		for fieldname, values in printed.items():
			self.assertEqual(values, set(options(fieldname)), fieldname)

	def test_offices_are_the_catalogue_terms(self):
		doc = self.refused
		content = legal_aid_document(doc, "refusal")
		issuer = get_issuer(doc)
		self.assertTrue(issuer.bureau["zh"].endswith(self.zh["Justice Bureau"]), issuer.bureau)
		self.assertTrue(issuer.bureau["bo"].endswith(self.bo["Justice Bureau"] + "།"), issuer.bureau)
		self.assertEqual(
			office_name("ཟི་ལིང་", "西宁市", "Legal Aid Centre"),
			{"bo": f"ཟི་ལིང་{self.bo['Legal Aid Centre']}།", "zh": f"西宁市{self.zh['Legal Aid Centre']}"},
		)
		objection = content["blocks"][-2]
		self.assertIn(self.zh["Justice Bureau"] + "提出", objection["zh"])
		self.assertIn(self.bo["Justice Bureau"] + "་ལ་", objection["bo"])
		self.assertIn(self.bo["Justice Bureau"] + "་ཀྱིས་", objection["bo"])
		self.assertNotIn("ཁྲིམས་དོན་ཅུས", objection["bo"])

	def test_print_view_and_word_print_the_catalogue_terms(self):
		doc = self.terminated[4]  # Labour Relations or Unpaid Pay, Labour Arbitration Representation
		for key in TERMINATED_DOCUMENTS:
			name = DOCUMENTS[key].print_format
			html = frappe.get_print(DOCTYPE, doc.name, name)
			word = word_text(doc, key)
			for printed, where in ((html, "print view"), (word, "Word")):
				with self.subTest(document=key, where=where):
					self.assertIn(self.zh[name], printed)
					self.assertIn(self.bo[name], printed)
					if key in ("receipt", "approval", "assignment"):
						self.assertIn(self.zh[doc.matter_type], printed)
						self.assertIn(self.bo[doc.matter_type], printed)
						self.assertIn(self.zh[doc.aid_requested], printed)
					if key == "termination":
						self.assertIn(self.zh[doc.termination_reason], printed)
						self.assertIn(self.bo[doc.termination_reason], printed)

	def test_generated_tibetan_joins_correctly(self):
		for doc, key, content in self.all_documents():
			for text in bo_strings(content):
				with self.subTest(document=key, matter=doc.matter_type, text=text):
					self.assertEqual(tibetan_defects(text), [])
			with self.subTest(document=key):
				paragraphs = "\n".join(block["bo"] for block in content["blocks"] if block["kind"] == "para")
				self.assertNotIn("ཁྱེདགིས", paragraphs)
				self.assertNotIn("》ཀྱི་", paragraphs)

	def test_a_worker_and_firm_named_with_a_shad_keep_it_out_of_sentences(self):
		content = legal_aid_document(self.terminated[0], "assignment")
		salutation, letter = content["blocks"][0]["bo"], content["blocks"][1]["bo"]
		self.assertEqual(salutation, "ཚོད་ལྟའི་ཁྲིམས་རྩོད་ཁང་ བཀྲ་ཤིས ལགས།")
		self.assertIn("ད་ལྟ་བཀྲ་ཤིས་མངགས་ནས་", letter)

	def test_short_labels_end_alike(self):
		for _doc, key, content in self.all_documents():
			labels = [
				row["bo"] for block in content["blocks"] if block["kind"] == "fields" for row in block["rows"]
			]
			labels += [content["layout"]["number"]["bo"], content["layout"]["date"]["bo"]]
			with self.subTest(document=key):
				self.assertTrue(shad_endings_agree(labels), labels)

	def test_staff_lists_print_each_language_under_its_own_tag(self):
		html = frappe.get_print(DOCTYPE, self.materials.name, DOCUMENTS["materials_notice"].print_format)
		self.assertIn('<li><span lang="zh">身份证复印件</span></li>', html)
		self.assertIn(f'<li><span lang="bo">{MATERIALS_BO}</span></li>', html)
		self.assertIn('<li><span lang="zh">劳动合同 </span><span lang="bo">ངལ་རྩོལ་གན་རྒྱ།</span></li>', html)
		buffer = BytesIO()
		build_word(self.materials, "materials_notice").save(buffer)
		runs = {
			run.text: run._element.rPr.find(qn("w:lang")).get(qn("w:val"))
			for paragraph in WordDocument(BytesIO(buffer.getvalue())).paragraphs
			for run in paragraph.runs
			if run._element.rPr is not None and run._element.rPr.find(qn("w:lang")) is not None
		}
		self.assertEqual(runs[MATERIALS_BO], "bo-CN")
		self.assertEqual(runs["ངལ་རྩོལ་གན་རྒྱ།"], "bo-CN")

	def test_each_document_has_a_prose_template_for_translators(self):
		for key in [*DOCUMENTS, "layout"]:
			path = Path(frappe.get_app_path("qh_legal_service", "..", PROSE_TEMPLATES, f"{key}.html"))
			with self.subTest(template=key):
				self.assertTrue(path.is_file(), path)
				self.assertTrue(path.read_text(encoding="utf-8").startswith("{#- Translator's note:"), path)

	def test_the_templates_render_the_blocks_both_outputs_print(self):
		"""Each template renders its paragraphs, lists and tables; the print view and the Word file show them."""
		layout = render_prose("layout", {})[1]
		self.assertEqual(layout["law"], {"bo": LAW_BO, "zh": "《中华人民共和国法律援助法》"})
		self.assertEqual(set(layout), {"law", "number", "seal", "date", "hotline"})
		kinds = {
			"receipt": ["para", "para", "fields", "para", "para"],
			"approval": ["para", "para", "fields", "para", "para"],
			"assignment": ["para", "para", "fields", "para"],
			"termination": ["para", "para", "para", "para"],
			"materials_notice": ["para", "para", "list", "para", "para"],
			"refusal": ["para", "para", "list", "para", "para"],
		}
		openings = {
			"receipt": "你于",
			"approval": "你于",
			"materials_notice": "你于",
			"refusal": "你于",
			"assignment": "根据《中华人民共和国法律援助法》第四十三条",
			"termination": "本中心于",
		}
		for doc, key, content in self.all_documents():
			with self.subTest(document=key):
				blocks = content["blocks"]
				self.assertEqual([block["kind"] for block in blocks], kinds[key])
				self.assertEqual(blocks[0]["kind"], "para")
				self.assertTrue(blocks[1]["zh"].startswith(openings[key]), blocks[1]["zh"])
				self.assertIn(doc.name, blocks[1]["zh"] + "".join(map(str, self.texts(content, "zh"))))
				for block in blocks:
					if block["kind"] == "para":
						self.assertNotIn("{{", block["bo"] + block["zh"])
						self.assertNotIn("\n", block["bo"] + block["zh"])
		receipt = legal_aid_document(self.terminated[0], "receipt")
		self.assertEqual(
			[row["zh"] for row in receipt["blocks"][2]["rows"]],
			["申请人", "身份证号码", "联系电话", "事项类别", "申请援助形式"],
		)
		self.assertEqual(
			receipt["blocks"][0],
			{
				"kind": "para",
				"bo": f"{self.terminated[0].applicant_name} ལགས།",
				"zh": f"{self.terminated[0].applicant_name}：",
			},
		)
		self.assertIn(f"{LAW_BO}གི་དོན་ཚན་43པའི་", receipt["blocks"][3]["bo"])
		materials = legal_aid_document(self.materials, "materials_notice")
		self.assertEqual(
			materials["blocks"][2]["items"], ["身份证复印件", MATERIALS_BO, "劳动合同 ངལ་རྩོལ་གན་རྒྱ།"]
		)
		word = word_text(self.refused, "refusal")
		for block in legal_aid_document(self.refused, "refusal")["blocks"]:
			if block["kind"] == "para":
				self.assertIn(block["zh"], word)
				self.assertIn(block["bo"], word)

	def test_termination_without_a_decision_to_approve_names_the_aid_given(self):
		worker = make_worker(worker_name_bo="བཀྲ་ཤིས།")
		firm = make_institution(institution_name=f"测试终止律师事务所 {frappe.generate_hash(length=4)}")
		doc = self.move(
			make_application(preferred_language="bo"),
			(legal_aid.RECEIVED, legal_aid.URGENT_AID, legal_aid.ASSIGNED, legal_aid.TERMINATED),
			assigned_worker=worker.name,
			assigned_institution=firm.name,
			assigned_on=now_datetime(),
			termination_reason=options("termination_reason")[0],
			terminated_on=now_datetime(),
		)
		letter = legal_aid_document(frappe.get_doc(DOCTYPE, doc.name), "termination")["blocks"][1]
		self.assertTrue(letter["zh"].startswith(f"本中心为你提供了法律援助（编号{doc.name}）。现因“"), letter)
		self.assertTrue(
			letter["bo"].startswith(f"ལྟེ་གནས་འདིས་ཁྱེད་ལ་ཁྲིམས་ལུགས་རོགས་རམ་སྤྲད་ཡོད（ཨང་གྲངས་{doc.name}）། ད་ལྟ་"), letter
		)

	@staticmethod
	def texts(content: dict, lang: str) -> list[str]:
		found = [content["title"][lang]]
		for block in content["blocks"]:
			if block["kind"] == "para":
				found.append(block[lang])
			elif block["kind"] == "fields":
				found += [row["value"] for row in block["rows"] if isinstance(row["value"], str)]
		return found
