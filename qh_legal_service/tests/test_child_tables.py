"""Over HTTP: the rows of an area record's tables (a mediation's parties with their resident IDs, a case's
step log) are read only by those who may read the record, on every path that lists a table by `parent`."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.mediation.doctype.mediation_case.test_mediation_case import make_case
from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	VALID_ID,
	delete_with_history,
	make_application,
	make_staff,
)

PARENT = "Mediation Case"
APPLICATION = "Legal Aid Application"
PARTY = "Mediation Party"
STEP = "Service Case Step"
OWN_AREA = "tables-chengdong@test.qh"
OTHER_AREA = "tables-chengzhong@test.qh"


class TestTablesFollowTheirRecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(OWN_AREA, CHENGDONG, "County Justice Bureau")
		make_staff(OTHER_AREA, CHENGZHONG, "County Justice Bureau")
		cls.case = make_case().name
		cls.application = make_application().name
		frappe.db.commit()  # nosemgrep: the requests read the case from their own connections
		cls.own, cls.other = SiteClient(OWN_AREA), SiteClient(OTHER_AREA)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		delete_with_history(PARENT, cls.case)
		delete_with_history(APPLICATION, cls.application)
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed
		super().tearDownClass()

	def listed(
		self, client: SiteClient, child: str, fields: list[str], parent: str = PARENT, name: str | None = None
	) -> dict[str, list]:
		"""What each list path returns of one record's rows of `child` (the mediation case's by default)."""
		filters = json.dumps([[child, "parent", "=", name or self.case]])
		answers = {
			"REST": client.get(
				f"/api/resource/{child}",
				query_string={"filters": filters, "fields": json.dumps(fields), "parent": parent},
			),
			"frappe.client.get_list": client.call(
				"frappe.client.get_list", doctype=child, filters=filters, fields=fields, parent=parent
			),
			"frappe.client.get_value": client.call(
				"frappe.client.get_value",
				doctype=child,
				fieldname=json.dumps(fields),
				filters=filters,
				parent=parent,
			),
			"reportview": client.call(
				"frappe.desk.reportview.get",
				doctype=child,
				filters=filters,
				fields=json.dumps([f"`tab{child}`.`{field}`" for field in fields]),
				parent_doctype=parent,
			),
		}
		rows = {}
		for path, response in answers.items():
			self.assertIn(response.status_code, (200, 403), f"{path}: {response.text[:300]}")
			found = message(response) if response.status_code == 200 else []
			if isinstance(found, dict):
				# reportview's keys and values, get_value's one row
				found = found.get("values", [found] if found else [])
			rows[path] = found or []
		return rows

	def test_a_mediations_parties_are_read_in_its_own_county_and_nowhere_else(self):
		own = self.listed(self.own, PARTY, ["party_name", "id_number"])
		for path, found in own.items():
			self.assertTrue(found, f"{path}: the case's own county reads its parties")
		self.assertIn(VALID_ID, json.dumps(own["REST"]))
		other = self.listed(self.other, PARTY, ["party_name", "id_number"])
		self.assertEqual(other, {path: [] for path in other})

	def test_a_cases_step_log_is_read_only_with_the_case(self):
		own = self.listed(self.own, STEP, ["step", "due_on"], APPLICATION, self.application)
		self.assertEqual([row["step"] for row in own["REST"]], ["Review and decide"])
		other = self.listed(self.other, STEP, ["step", "due_on"], APPLICATION, self.application)
		self.assertEqual(other, {path: [] for path in other})

	def test_a_row_asked_for_by_name_from_another_county_is_refused(self):
		# The respondent's row, then the applicant's, which carries the resident ID.
		party = frappe.get_all(PARTY, filters={"parent": self.case, "id_number": VALID_ID}, pluck="name")[0]
		response = self.other.call("frappe.client.get", doctype=PARTY, name=party, parent=PARENT)
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertNotIn(VALID_ID, response.text)
		self.assertEqual(
			self.other.call("frappe.desk.form.load.getdoc", doctype=PARTY, name=party).status_code, 403
		)
		# The row loaded on its own answers for its record (Frappe alone would ask only its doctype).
		for user, readable in ((OTHER_AREA, False), (OWN_AREA, True)):
			frappe.set_user(user)
			try:
				self.assertEqual(frappe.get_doc(PARTY, party).has_permission("read"), readable, user)
			finally:
				frappe.set_user("Administrator")
		own = self.own.call("frappe.client.get", doctype=PARTY, name=party, parent=PARENT)
		self.assertEqual((own.status_code, message(own)["id_number"]), (200, VALID_ID))
