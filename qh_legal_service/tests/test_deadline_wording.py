"""The deadline explanation is stored as structured lines and worded in each reader's language."""

import datetime as dt
import json
import re

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.deadline_wording import WORDING, word_lines
from qh_legal_service.patches import legal_aid_deadline_lines
from qh_legal_service.rules.deadlines import ENGLISH, Counting, Pause, Unit, compute_due
from qh_legal_service.rules.legal_aid import MATERIALS_PAUSE_REASON
from qh_legal_service.tests.utils import make_application

LATIN = re.compile(r"[A-Za-z]+")
TIBETAN = re.compile(r"[\u0F00-\u0FFF]")


def sample_lines():
	"""Lines of every kind the engine writes, from periods that need each of them."""
	materials = Pause(dt.datetime(2025, 9, 2, 10), dt.datetime(2025, 9, 3, 15), MATERIALS_PAUSE_REASON)
	early = Pause(dt.datetime(2025, 8, 1, 10), dt.datetime(2025, 8, 2, 10), MATERIALS_PAUSE_REASON)
	lines = [("rule", {"code": "LA-REVIEW", "law": "法律援助法 (Legal Aid Law)", "article": "Art 43"})]
	lines += compute_due(dt.datetime(2025, 9, 1, 9), 30, Unit.CALENDAR_DAYS, [materials, early]).lines
	lines += compute_due(dt.datetime(2025, 1, 20, 10), 15, Unit.WORKING_DAYS).lines
	lines += compute_due(
		dt.datetime(2025, 9, 28, 10), 7, Unit.CALENDAR_DAYS, counting=Counting.CRIMINAL, in_custody=True
	).lines
	hours = [
		Pause(dt.datetime(2025, 1, 29, 1), dt.datetime(2025, 1, 29, 3), MATERIALS_PAUSE_REASON),
		Pause(dt.datetime(2025, 1, 27), dt.datetime(2025, 1, 27, 5), MATERIALS_PAUSE_REASON),
		Pause(dt.datetime(2025, 2, 5), dt.datetime(2025, 2, 6), MATERIALS_PAUSE_REASON),
	]
	lines += compute_due(
		dt.datetime(2025, 1, 28, 22, 30), 24, Unit.HOURS, hours, counting=Counting.CRIMINAL
	).lines
	# One calendar month from 31 January (民法典 Art 202).
	lines += compute_due(dt.datetime(2025, 1, 31, 10), 1, Unit.CALENDAR_MONTHS).lines
	# A year no calendar knows: the weekday rule is assumed and the explanation warns of it.
	lines += compute_due(dt.datetime(2099, 3, 6, 9), 3, Unit.WORKING_DAYS).lines
	# At an office that closes at 17:30 (民法典 Art 203 para 2).
	lines += compute_due(dt.datetime(2025, 3, 3, 9), 3, Unit.CALENDAR_DAYS, closes_at=dt.time(17, 30)).lines
	# The service case's own lines: a date a person fixed, and a pause still open.
	paused = ("clock_stopped", {"since": "2025-09-02 10:00:00", "reason": MATERIALS_PAUSE_REASON})
	return [*lines, ("fixed_due", {}), paused]


class TestDeadlineWording(FrappeTestCase):
	def tearDown(self):
		frappe.local.lang = "en"

	def test_every_line_the_engine_writes_has_a_wording(self):
		self.assertLessEqual(set(ENGLISH), set(WORDING))
		self.assertEqual({key for key, _ in sample_lines()}, set(WORDING))

	def test_every_line_reads_without_english_in_chinese_and_tibetan(self):
		lines = json.loads(json.dumps(sample_lines()))
		for lang, script, words in (
			(
				"zh",
				re.compile(r"[\u4E00-\u9FFF]"),
				("《民法典》第二百零三条", "星期五", "等待补充材料", "国庆节"),
			),
			("bo", TIBETAN, ("དམངས་ཁྲིམས་ཕྱོགས་བསྒྲིགས་དོན་ཚན་ 203", "གཟའ་པ་སངས", "ཡིག་ཆ་ཁ་སྣོན་སྒུག་བཞིན་པ")),
		):
			frappe.local.lang = lang
			text = word_lines(lines)
			self.assertEqual(len(text.splitlines()), len(lines))
			for line in text.splitlines():
				self.assertRegex(line, script)
				self.assertIsNone(LATIN.search(line), f"{lang}: {line}")
			for word in words:
				self.assertIn(word, text)
			self.assertIn("2099", text)  # the unknown year is named in the warning

	def test_the_form_shows_the_explanation_in_the_readers_language(self):
		doc = make_application(received_on="2025-09-28 10:00:00")
		stored = json.loads(frappe.db.get_value("Legal Aid Application", doc.name, "deadline_lines"))
		self.assertEqual(
			stored[0],
			["rule", {"code": "LA-REVIEW", "law": "法律援助法 (Legal Aid Law)", "article": "Art 43"}],
		)
		self.assertEqual(stored[-1], ["due_day", {"day": "2025-10-09", "weekday": "Thursday"}])
		# Stored in the site's language (Chinese), whoever saved it: here the administrator, who reads English.
		self.assertEqual(frappe.get_system_settings("language"), "zh")
		self.assertIn("期满：2025-10-09 24:00（星期四结束时", doc.deadline_explanation)
		expected = {
			"zh": (
				"期限依据：《法律援助法》第43条。",
				"期满：2025-10-09 24:00（星期四结束时；《民法典》第二百零三条）。",
			),
			"bo": ("དོན་ཚན་ 43", "2025-10-09 24:00 (གཟའ་ཕུར་བུ མཇུག་རྫོགས་དུས།"),
		}
		for lang, (first, last) in expected.items():
			frappe.local.lang = lang
			shown = frappe.get_doc("Legal Aid Application", doc.name)
			shown.run_method("onload")
			lines = shown.deadline_explanation.splitlines()
			self.assertIn(first, lines[0])
			self.assertIn(last, lines[-1])
			self.assertIsNone(LATIN.search(shown.deadline_explanation), shown.deadline_explanation)
			# The step the form shows beside it is translated too (the form words it through __()).
			self.assertEqual(shown.current_step, "Review and decide")
			self.assertNotEqual(frappe._(shown.current_step), shown.current_step)

	def test_the_patch_gives_earlier_records_their_lines(self):
		doc = make_application(received_on="2025-09-28 10:00:00")
		stored = frappe.db.get_value("Legal Aid Application", doc.name, "deadline_lines")
		frappe.db.set_value(
			"Legal Aid Application",
			doc.name,
			{"deadline_lines": None, "deadline_explanation": "Due: 2025-10-09 24:00."},
			update_modified=False,
		)
		legal_aid_deadline_lines.execute()
		self.assertEqual(frappe.db.get_value("Legal Aid Application", doc.name, "deadline_lines"), stored)
		frappe.local.lang = "bo"
		shown = frappe.get_doc("Legal Aid Application", doc.name)
		shown.run_method("onload")
		self.assertRegex(shown.deadline_explanation.splitlines()[-1], TIBETAN)


class TestStatuteNames(FrappeTestCase):
	def test_a_tibetan_reader_reads_the_statutes_name_in_tibetan(self):
		from qh_legal_service.deadline_wording import word_lines

		bo = "bo"
		for law, tibetan in (
			("法律援助法 (Legal Aid Law)", "ཁྲིམས་ལུགས་རོགས་རམ་ཁྲིམས་ཡིག"),
			("人民调解法 (People's Mediation Law)", "མི་དམངས་བར་འདུམ་ཁྲིམས་ཡིག"),
			("公证法 (Notarization Law)", "ཁུངས་སྐྱེལ་ཁྲིམས་ཡིག"),
		):
			frappe.local.lang = bo
			try:
				line = word_lines([("rule", {"code": "X", "law": law, "article": "Art 30"})])
			finally:
				frappe.local.lang = "en"
			self.assertIn(tibetan, line)
			self.assertNotRegex(line, "[\u4e00-\u9fff]")
