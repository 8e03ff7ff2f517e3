# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt
"""The monthly bulletin on a real site: exact figures from written sums in the printed HTML, for a county and
for the province; each reader's area only; a published bulletin kept as it was; the PDF in both scripts."""

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.figures import write
from qh_legal_service.quality_and_supervision.bulletin import create_monthly_drafts
from qh_legal_service.quality_and_supervision.doctype.supervision_bulletin.supervision_bulletin import (
	BulletinPublishedError,
	BulletinTierError,
	FutureMonthError,
)
from qh_legal_service.quality_and_supervision.equalisation import POPULATION, equalisation_rows
from qh_legal_service.rules import bulletin as rules
from qh_legal_service.rules import equalisation as eq
from qh_legal_service.rules.equalisation import SERVICES as MAIN_SERVICES
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import GROUP, GROUP_STEP, RECEIVED, STEP, Measures
from qh_legal_service.rules.special_groups import MINORS
from qh_legal_service.tests.http import SiteClient, exception_type
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	XINING,
	YUSHU_PREFECTURE,
	make_staff,
)

BULLETIN = "Supervision Bulletin"
PRINT_FORMAT = "Supervision Bulletin"
PROVINCE = "630000"
PROVINCE_USER = "bul-province@test.qh"
XINING_USER = "bul-xining@test.qh"
YUSHU_USER = "bul-yushu@test.qh"
CHENGDONG_USER = "bul-chengdong@test.qh"

LEGAL_AID = "Legal Aid Application"
MEDIATION = "Mediation Case"
# Months far from any other test's records: the bulletin's, the month before, a year earlier.
MONTH = frappe.utils.getdate("2003-03-01")
LAST = frappe.utils.getdate("2003-02-01")
YEAR_AGO = frappe.utils.getdate("2002-03-01")
CHENGDONG_AREA = ("630102001", XINING, CHENGDONG, "630102001")
CHENGZHONG_AREA = ("630103001", XINING, CHENGZHONG, "630103001")

TITLE_ZH = "公共法律服务监督月报"
TITLE_BO = "སྤྱི་པའི་ཁྲིམས་ལུགས་ཞབས་ཞུའི་ལྟ་ཞིབ་ཟླ་དེབ།"


def cells(html: str, label_zh: str) -> list[str]:
	"""The printed numbers of the table row named `label_zh` in Chinese (beside its Tibetan name)."""
	for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
		name = re.search(r'<td class="qhb-name">.*<span lang="zh">([^<]*)</span>(?:</div>)?</td>', row, re.S)
		if name and name.group(1) == label_zh:
			return [
				re.sub(r"<[^>]+>", "", cell).strip()
				for cell in re.findall(r'<td class="qhb-num">(.*?)</td>', row, re.S)
			]
	raise AssertionError(f"no row for {label_zh}")


def make_bulletin(division: str, month=MONTH, **values):
	return frappe.get_doc({"doctype": BULLETIN, "division": division, "month": month, **values}).insert()


class TestSupervisionBulletin(FrappeTestCase):
	"""Chengdong: legal aid 12 this month, 8 the month before, 6 a year earlier, 9 of 10 steps in time;
	Chengzhong: 5 this month, 5 of 5 in time; 3 mediations in Chengdong; 2 minors in Chengdong (1 before)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(PROVINCE_USER, PROVINCE, "Province Supervisor")
		make_staff(XINING_USER, XINING, "Prefecture Supervisor")
		make_staff(YUSHU_USER, YUSHU_PREFECTURE, "Prefecture Supervisor")
		make_staff(CHENGDONG_USER, CHENGDONG, "County Justice Bureau")
		frappe.db.delete(BULLETIN)
		frappe.db.delete("Service Figure", {"month": ["between", ["2002-01-01", "2003-12-31"]]})
		frappe.db.delete(POPULATION)
		for county, people in ((CHENGDONG, 100_000), (CHENGZHONG, 200_000)):
			frappe.get_doc(
				{
					"doctype": POPULATION,
					"division": county,
					"year": 2003,
					"population": people,
					"county_class": eq.URBAN,
				}
			).insert(ignore_permissions=True)
		write(
			LEGAL_AID,
			{
				(CHENGDONG_AREA, MONTH, RECEIVED, ""): Measures(12),
				(CHENGDONG_AREA, LAST, RECEIVED, ""): Measures(8),
				(CHENGDONG_AREA, YEAR_AGO, RECEIVED, ""): Measures(6),
				(CHENGDONG_AREA, MONTH, STEP, "Review"): Measures(10, 10, 9, 30.0),
				(CHENGZHONG_AREA, MONTH, RECEIVED, ""): Measures(5),
				(CHENGZHONG_AREA, MONTH, STEP, "Review"): Measures(5, 5, 5, 10.0),
				(CHENGDONG_AREA, MONTH, GROUP, MINORS): Measures(2),
				(CHENGDONG_AREA, LAST, GROUP, MINORS): Measures(1),
				(CHENGDONG_AREA, MONTH, GROUP_STEP, MINORS): Measures(4, 4, 3, 8.0),
			},
		)
		write(
			MEDIATION, {(CHENGDONG_AREA, MONTH, FIGURE_SOURCES[MEDIATION].received.figure, ""): Measures(3)}
		)

	def setUp(self):
		# Each test's bulletins and figures go with it; the class's figures stay until the class ends.
		frappe.db.savepoint("bulletin_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="bulletin_test")

	def printed(self, name: str) -> str:
		return frappe.get_print(BULLETIN, name, PRINT_FORMAT)

	def test_a_county_bulletin_prints_its_month_against_the_month_before_and_a_year_earlier(self):
		frappe.set_user(XINING_USER)
		doc = make_bulletin(CHENGDONG, month="2003-03-17", notes="城东区本月法律援助受理量上升。")
		self.assertEqual(doc.name, "BUL-630102-2003-03")
		self.assertEqual(
			(doc.tier, doc.prefecture, doc.county, str(doc.month)),
			("County", XINING, CHENGDONG, "2003-03-01"),
		)
		self.assertEqual(doc.status, rules.DRAFT)
		html = self.printed(doc.name)
		# this month, the month before, a year earlier, month on month, year on year, steps in time
		self.assertEqual(cells(html, "法律援助申请"), ["12", "8", "6", "+50.0%", "+100.0%", "90.0%"])
		self.assertEqual(cells(html, "人民调解案件"), ["3", "0", "0", "—", "—", "—"])
		self.assertEqual(cells(html, "未成年人"), ["2", "1", "+100.0%", "75.0%"])
		self.assertEqual(cells(html, "老年人"), ["0", "0", "—", "—"])
		indicator = frappe.get_cached_value("Supervision Indicator", "LA-RECEIVED", "indicator_name")
		self.assertEqual(cells(html, frappe._(indicator, lang="zh"))[0], "12")
		for text in (
			TITLE_ZH,
			TITLE_BO,
			"城东区司法局",
			"2003年3月",
			"草稿（未发布）",
			"城东区本月法律援助受理量上升。",
		):
			self.assertIn(text, html)
		self.assertNotIn("均等化排名", html)  # a county's bulletin ranks no counties

	def test_the_province_bulletin_sums_every_county_and_ranks_them(self):
		frappe.set_user(PROVINCE_USER)
		doc = make_bulletin(PROVINCE)
		self.assertEqual(doc.name, "BUL-630000-2003-03")
		html = self.printed(doc.name)
		self.assertEqual(cells(html, "法律援助申请"), ["17", "8", "6", "+112.5%", "+183.3%", "93.3%"])
		self.assertIn("青海省司法厅", html)
		self.assertIn("县域公共法律服务均等化排名", html)
		# Per county: rank, services per 10,000 residents (15 / 10, 5 / 20), steps in time, the index.
		ranked = {row["county"]: row for row in equalisation_rows(PROVINCE, MONTH, MONTH)}
		chengdong, chengzhong = cells(html, "城东区"), cells(html, "城中区")
		self.assertEqual(chengdong, ["1", "1.50", "90.0%", f"{ranked[CHENGDONG]['index']:.2f}"])
		self.assertEqual(chengzhong, ["2", "0.25", "100.0%", f"{ranked[CHENGZHONG]['index']:.2f}"])
		self.assertGreater(ranked[CHENGDONG]["index"], ranked[CHENGZHONG]["index"])

	def test_readers_see_only_bulletins_of_their_area(self):
		frappe.set_user(XINING_USER)
		county, prefecture = make_bulletin(CHENGDONG).name, make_bulletin(XINING).name
		frappe.set_user(YUSHU_USER)
		yushu = make_bulletin(YUSHU_PREFECTURE).name
		frappe.set_user(PROVINCE_USER)
		province = make_bulletin(PROVINCE).name
		self.assertEqual(set(frappe.get_list(BULLETIN, pluck="name")), {county, prefecture, yushu, province})
		frappe.set_user(CHENGDONG_USER)
		self.assertEqual(frappe.get_list(BULLETIN, pluck="name"), [county])
		self.assertTrue(frappe.has_permission(BULLETIN, "read", county))
		self.assertFalse(frappe.has_permission(BULLETIN, "read", prefecture))
		with self.assertRaises(frappe.DoesNotExistError):  # Frappe's print does not say it exists
			self.printed(prefecture)
		with self.assertRaises(frappe.PermissionError):
			make_bulletin(CHENGDONG, month=LAST)  # county staff read and print; supervisors make them
		frappe.set_user(XINING_USER)
		self.assertEqual(set(frappe.get_list(BULLETIN, pluck="name")), {county, prefecture})
		with self.assertRaises(frappe.PermissionError):
			make_bulletin(PROVINCE, month=LAST)

	def test_a_published_bulletin_keeps_its_figures_after_new_records(self):
		frappe.set_user(XINING_USER)
		doc = make_bulletin(CHENGDONG)
		doc.publish()
		doc.reload()
		self.assertEqual((doc.status, doc.published_by), (rules.PUBLISHED, XINING_USER))
		stored = [(row.section, row.code, row.current, row.previous, row.year_ago) for row in doc.figures]
		self.assertIn((rules.SERVICES, LEGAL_AID, 12, 8, 6), stored)
		before = self.printed(doc.name)
		self.assertNotIn("草稿（未发布）", before)
		frappe.set_user("Administrator")
		write(LEGAL_AID, {(CHENGDONG_AREA, MONTH, RECEIVED, ""): Measures(100)})
		frappe.set_user(XINING_USER)
		draft = make_bulletin(XINING)  # a draft reads the figures as they are now
		self.assertEqual(cells(self.printed(draft.name), "法律援助申请")[0], "117")
		after = self.printed(doc.name)
		self.assertEqual(cells(after, "法律援助申请"), ["12", "8", "6", "+50.0%", "+100.0%", "90.0%"])
		self.assertEqual(after, before)
		doc.reload()
		doc.notes = "改一改"
		with self.assertRaises(BulletinPublishedError):
			doc.save()
		with self.assertRaises(BulletinPublishedError):
			frappe.get_doc(BULLETIN, doc.name).publish()
		with self.assertRaises(BulletinPublishedError):
			frappe.delete_doc(BULLETIN, doc.name)

	def test_a_village_or_a_month_to_come_has_no_bulletin(self):
		with self.assertRaises(BulletinTierError):
			make_bulletin(BEIGUAN_COMMUNITY)
		with self.assertRaises(FutureMonthError):
			make_bulletin(CHENGDONG, month=frappe.utils.add_months(frappe.utils.getdate(), 1))
		with self.assertRaises(frappe.DuplicateEntryError):
			make_bulletin(CHENGDONG)
			make_bulletin(CHENGDONG, month="2003-03-31")

	def test_the_first_of_a_month_makes_drafts_for_the_province_and_each_prefecture(self):
		make_bulletin(XINING, month="2003-02-01")
		made = create_monthly_drafts("2003-03-01")
		prefectures = frappe.get_all("Administrative Division", filters={"tier": "Prefecture"}, pluck="name")
		self.assertEqual(len(prefectures), 8)
		self.assertEqual(
			sorted(made), sorted(f"BUL-{code}-2003-02" for code in [PROVINCE, *prefectures] if code != XINING)
		)
		self.assertEqual({frappe.db.get_value(BULLETIN, name, "status") for name in made}, {rules.DRAFT})
		self.assertEqual(create_monthly_drafts("2003-03-01"), [])

	def test_the_pdf_carries_both_scripts(self):
		frappe.set_user(XINING_USER)
		doc = make_bulletin(CHENGDONG)
		pdf = frappe.get_print(BULLETIN, doc.name, PRINT_FORMAT, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		with tempfile.TemporaryDirectory() as folder:
			path = Path(folder) / "bulletin.pdf"
			path.write_bytes(pdf)
			text = subprocess.run(
				["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
			).stdout
			fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
		# pdftotext gives some Han characters as their Kangxi radicals (⽉ for 月): NFKC folds them back.
		flat = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
		for heading in (TITLE_ZH, "主要业务环比同比", "特殊群体服务", "法律援助申请"):
			self.assertIn(heading, flat)
		# Stacked Tibetan letters come out of the PDF as glyphs without text; the unstacked syllables of a
		# heading do: གཙོ་གནད་ཚད་གཞི (key indicators) gives གནད་ཚད་.
		self.assertIn("གནད་ཚད་", flat)
		self.assertGreater(len(re.findall("[\u0f00-\u0fff]", flat)), 200)
		self.assertIn("NotoSerifTibetan", fonts.replace(" ", ""))
		self.assertIn("+50.0%", flat)


class TestPublishOverHttp(FrappeTestCase):
	"""The form's Publish button calls `publish` through Frappe's run_doc_method, as these requests do."""

	MONTH = "2003-05-01"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(XINING_USER, XINING, "Prefecture Supervisor")
		make_staff(CHENGDONG_USER, CHENGDONG, "County Justice Bureau")
		cls.name = rules.bulletin_name(CHENGDONG, frappe.utils.getdate(cls.MONTH))
		cls.forget()
		make_bulletin(CHENGDONG, month=cls.MONTH)
		frappe.db.commit()  # nosemgrep: the requests run on their own connections

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		cls.forget()
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed
		super().tearDownClass()

	@classmethod
	def forget(cls):
		frappe.db.delete("Supervision Bulletin Row", {"parent": cls.name})
		frappe.db.delete(BULLETIN, {"name": cls.name})

	def publish_as(self, user: str):
		return SiteClient(user).post(
			"/api/method/run_doc_method", data={"dt": BULLETIN, "dn": self.name, "method": "publish"}
		)

	def test_a_supervisor_publishes_once_and_county_staff_cannot(self):
		refused = self.publish_as(CHENGDONG_USER)
		self.assertEqual(refused.status_code, 403, refused.get_data()[:300])
		self.assertEqual(frappe.db.get_value(BULLETIN, self.name, "status"), rules.DRAFT)
		published = self.publish_as(XINING_USER)
		self.assertEqual(published.status_code, 200, published.get_data()[:300])
		frappe.db.rollback()  # read what the request committed
		self.assertEqual(
			frappe.db.get_value(BULLETIN, self.name, ["status", "published_by"]),
			(rules.PUBLISHED, XINING_USER),
		)
		stored = frappe.get_all(
			"Supervision Bulletin Row",
			filters={"parent": self.name, "section": rules.SERVICES},
			pluck="code",
			order_by="idx asc",
		)
		self.assertEqual(stored, list(MAIN_SERVICES))
		again = self.publish_as(XINING_USER)
		self.assertEqual(again.status_code, 417, again.get_data()[:300])
		self.assertEqual(exception_type(again), "BulletinPublishedError")
