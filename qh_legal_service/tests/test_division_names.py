"""Tibetan place names on a site: the letterhead's fallback, old sites updated, the pickers."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.install import fill_division_full_names_bo, sync_division_tibetan_names
from qh_legal_service.legal_aid.documents import get_issuer
from qh_legal_service.legal_service_core.doctype.administrative_division.administrative_division import (
	division_search,
	show_tibetan_paths,
)
from qh_legal_service.rules.divisions import load_division_file
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, CHENGDONG

DIVISION = "Administrative Division"
CHENGDUO = "632723"  # 称多县, ཁྲི་འདུ་རྫོང་།


def application(county: str, division: str | None = None):
	"""An unsaved application from `county` (only what the letterhead reads)."""
	return frappe.get_doc({"doctype": "Legal Aid Application", "county": county, "division": division})


class TestDivisionNames(FrappeTestCase):
	def setUp(self):
		# The centre's own record would name it; these tests read the name derived from the county.
		frappe.db.delete("Legal Service Institution", {"division": ["in", [CHENGDONG, CHENGDUO]]})

	def tearDown(self):
		frappe.db.rollback()
		frappe.local.lang = "en"

	def test_letterhead_of_a_county_with_a_tibetan_name_reads_it_without_its_shad(self):
		self.assertEqual(frappe.db.get_value(DIVISION, CHENGDUO, "division_name_bo"), "ཁྲི་འདུ་རྫོང་།")
		issuer = get_issuer(application(CHENGDUO))
		self.assertEqual(issuer.bureau, {"bo": "ཁྲི་འདུ་རྫོང་ཁྲིམས་བཅོས་ཅུས།", "zh": "称多县司法局"})
		self.assertEqual(issuer.centre, {"bo": "ཁྲི་འདུ་རྫོང་ཁྲིམས་ལུགས་རོགས་རམ་ལྟེ་གནས།", "zh": "称多县法律援助中心"})

	def test_letterhead_of_a_county_without_a_tibetan_name_brackets_the_chinese(self):
		frappe.db.set_value(DIVISION, CHENGDONG, "division_name_bo", None, update_modified=False)
		issuer = get_issuer(application(CHENGDONG, BEIGUAN_COMMUNITY))
		self.assertEqual(issuer.bureau, {"bo": "（城东区）ཁྲིམས་བཅོས་ཅུས།", "zh": "城东区司法局"})
		self.assertEqual(issuer.centre, {"bo": "（城东区）ཁྲིམས་ལུགས་རོགས་རམ་ལྟེ་གནས།", "zh": "城东区法律援助中心"})

	def test_the_county_is_found_from_the_village_when_not_stored(self):
		issuer = get_issuer(application(None, BEIGUAN_COMMUNITY))
		self.assertEqual(issuer.bureau["zh"], "城东区司法局")
		self.assertEqual(issuer.bureau["bo"], "ཁྲིན་ཏུང་ཆུས་ཁྲིམས་བཅོས་ཅུས།")

	def test_migrate_brings_the_shipped_tibetan_names_and_keeps_a_name_entered_on_the_site(self):
		frappe.db.set_value(DIVISION, CHENGDUO, "division_name_bo", None, update_modified=False)
		frappe.db.set_value(DIVISION, CHENGDONG, "division_name_bo", "ཟུར་མིང་།", update_modified=False)
		frappe.db.set_value(DIVISION, BEIGUAN_COMMUNITY, "division_name_bo", "བྱང་སྒོ།", update_modified=False)
		self.assertEqual(sync_division_tibetan_names(), 2)
		self.assertEqual(frappe.db.get_value(DIVISION, CHENGDUO, "division_name_bo"), "ཁྲི་འདུ་རྫོང་།")
		self.assertEqual(frappe.db.get_value(DIVISION, CHENGDONG, "division_name_bo"), "ཁྲིན་ཏུང་ཆུས།")
		self.assertEqual(frappe.db.get_value(DIVISION, BEIGUAN_COMMUNITY, "division_name_bo"), "བྱང་སྒོ།")
		self.assertEqual(sync_division_tibetan_names(), 0)

	def test_every_shipped_tibetan_name_is_on_the_site(self):
		shipped = {row.code: row.name_bo for row in load_division_file() if row.name_bo}
		stored = dict(
			frappe.get_all(
				DIVISION,
				filters={"name": ["in", list(shipped)]},
				fields=["name", "division_name_bo"],
				as_list=True,
			)
		)
		self.assertEqual(stored, shipped)

	def test_every_division_has_its_tibetan_path(self):
		self.assertEqual(frappe.db.count(DIVISION, {"full_name_bo": ["is", "not set"]}), 0)
		self.assertEqual(
			frappe.db.get_value(DIVISION, BEIGUAN_COMMUNITY, "full_name_bo"),
			"ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ （东关大街街道） （北关社区居民委员会）",
		)
		self.assertEqual(fill_division_full_names_bo(), 0)

	def test_a_new_tibetan_name_reaches_the_paths_below_it(self):
		frappe.db.set_value(DIVISION, "630102001", "division_name_bo", "ཏུང་ཀོན་ལམ།", update_modified=False)
		changed = fill_division_full_names_bo()
		below = frappe.db.count(DIVISION, {"parent_administrative_division": "630102001"})
		self.assertEqual(changed, below + 1)
		self.assertEqual(
			frappe.db.get_value(DIVISION, BEIGUAN_COMMUNITY, "full_name_bo"),
			"ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ ཏུང་ཀོན་ལམ་ （北关社区居民委员会）",
		)

	def test_link_search_shows_a_tibetan_reader_tibetan_names_and_paths(self):
		frappe.local.lang = "bo"
		found = division_search(DIVISION, "ཁྲི་འདུ", "name", 0, 10, None)
		self.assertEqual(found[0], (CHENGDUO, "ཁྲི་འདུ་རྫོང་།", "ཡུལ་ཤུལ་བོད་རིགས་རང་སྐྱོང་ཁུལ་ ཁྲི་འདུ་རྫོང་"))
		by_chinese = dict(
			(code, label) for code, label, _path in division_search(DIVISION, "北关社区", "name", 0, 10, None)
		)
		self.assertEqual(by_chinese[BEIGUAN_COMMUNITY], "（北关社区居民委员会）")

	def test_link_search_shows_a_chinese_reader_chinese_names_and_paths(self):
		frappe.local.lang = "zh"
		found = division_search(DIVISION, "称多", "name", 0, 10, None)
		# The county first, then what lies under it (its path names it too), in tree order.
		self.assertEqual(found[0], (CHENGDUO, "称多县", "玉树藏族自治州 称多县"))
		self.assertEqual(found[1], ("632723100", "称文镇", "玉树藏族自治州 称多县 称文镇"))
		self.assertEqual(len(found), 10)
		self.assertTrue(all(path.startswith("玉树藏族自治州 称多县") for _code, _name, path in found))

	def test_portal_picker_labels_divisions_with_tibetan_paths_for_a_tibetan_reader(self):
		fields = [frappe._dict(fieldname="division", fieldtype="Autocomplete", options="[]")]
		show_tibetan_paths(fields, ("division",), lang="zh")
		self.assertEqual(fields[0].options, "[]")
		show_tibetan_paths(fields, ("division",), lang="bo")
		options = {option["value"]: option["label"] for option in json.loads(fields[0].options)}
		self.assertEqual(len(options), frappe.db.count(DIVISION))
		self.assertEqual(options[CHENGDUO], "ཡུལ་ཤུལ་བོད་རིགས་རང་སྐྱོང་ཁུལ་ ཁྲི་འདུ་རྫོང་")
		self.assertEqual(
			options[BEIGUAN_COMMUNITY], "ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ （东关大街街道） （北关社区居民委员会）"
		)

	def test_a_tibetan_name_entered_on_the_desk_reaches_the_paths_below_it(self):
		township = frappe.get_doc(DIVISION, "630102001")
		township.division_name_bo = "ཏུང་ཀོན་ལམ།"
		township.save()
		self.assertEqual(
			frappe.db.get_value(DIVISION, BEIGUAN_COMMUNITY, "full_name_bo"),
			"ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ ཏུང་ཀོན་ལམ་ （北关社区居民委员会）",
		)

	def test_the_portal_names_the_village_by_its_tibetan_path_for_a_tibetan_reader(self):
		from qh_legal_service import portal_records as form

		frappe.local.lang = "bo"
		self.assertEqual(
			form.place_name(BEIGUAN_COMMUNITY),
			"ཟི་ལིང་གྲོང་ཁྱེར་ ཁྲིན་ཏུང་ཆུས་ （东关大街街道） （北关社区居民委员会）",
		)
		self.assertEqual(form.place_name(CHENGDUO), "ཡུལ་ཤུལ་བོད་རིགས་རང་སྐྱོང་ཁུལ་ ཁྲི་འདུ་རྫོང་")
		frappe.local.lang = "zh"
		self.assertEqual(form.place_name(CHENGDUO), "玉树藏族自治州 称多县")
