"""Service points, workers and the coverage report on a real site."""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_service_core.doctype.legal_service_worker.legal_service_worker import (
	AdviserOutsideVillageError,
	MissingLicenceError,
)
from qh_legal_service.legal_service_core.doctype.service_point.service_point import PointTypeMismatchError
from qh_legal_service.quality_and_supervision.report.adviser_and_service_point_coverage import (
	adviser_and_service_point_coverage as coverage_report,
)
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	make_staff,
	make_worker,
)


def make_point(**overrides):
	values = {
		"doctype": "Service Point",
		"service_point_name": "测试公共法律服务站",
		"point_type": "Public Legal Service Station",
		"division": DONGGUAN_STREET,
		"is_built": 1,
		"built_on": "2021-01-01",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


class TestServiceNetwork(FrappeTestCase):
	def test_point_type_must_fit_the_tier(self):
		with self.assertRaises(PointTypeMismatchError):
			make_point(point_type="Public Legal Service Centre")
		with self.assertRaises(PointTypeMismatchError):
			make_point(point_type="Public Legal Service Room", division=CHENGDONG)
		self.assertEqual(make_point().township, DONGGUAN_STREET)

	def test_lawyers_need_a_licence_number(self):
		with self.assertRaises(MissingLicenceError):
			make_worker(worker_type="Lawyer", served_divisions=[], licence_number="  ")
		make_worker(worker_type="Lawyer", served_divisions=[], licence_number="16301202110000001")

	def test_advisers_serve_villages_only(self):
		with self.assertRaises(AdviserOutsideVillageError):
			make_worker(served_divisions=[{"division": DONGGUAN_STREET}])
		worker = make_worker(
			served_divisions=[{"division": BEIGUAN_COMMUNITY}, {"division": BEIGUAN_COMMUNITY}]
		)
		self.assertEqual([row.division for row in worker.served_divisions], [BEIGUAN_COMMUNITY])


class TestCoverageReport(FrappeTestCase):
	def run_report(self, user, **filters):
		frappe.set_user(user)
		try:
			return coverage_report.execute(filters)
		finally:
			frappe.set_user("Administrator")

	def test_village_with_adviser_counts_and_gaps_are_listed(self):
		county_user = make_staff("coverage-county@test.qh", CHENGDONG, "County Justice Bureau")
		before = self.township_row(county_user)
		frappe.db.delete("Legal Service Worker Division", {"division": BEIGUAN_COMMUNITY})
		without = self.township_row(county_user)
		make_worker(served_divisions=[{"division": BEIGUAN_COMMUNITY}])
		with_adviser = self.township_row(county_user)
		self.assertEqual(with_adviser["villages"], without["villages"])
		self.assertEqual(with_adviser["villages_with_adviser"], without["villages_with_adviser"] + 1)
		self.assertGreaterEqual(before["villages"], with_adviser["villages_with_adviser"])

		_columns, gaps = self.run_report(county_user, view="Villages without an Adviser")
		self.assertNotIn(BEIGUAN_COMMUNITY, {row["division"] for row in gaps})

	def test_report_is_scoped_to_the_users_area(self):
		county_user = make_staff("coverage-scope@test.qh", CHENGDONG, "County Justice Bureau")
		_columns, rows, *_ = self.run_report(county_user, group_by="County")
		self.assertEqual([row["division"] for row in rows], [CHENGDONG])
		_columns, gaps = self.run_report(county_user, view="Units without a Centre or Station")
		self.assertTrue(all(row["division"].startswith(CHENGDONG) for row in gaps))
		self.assertNotIn(CHENGZHONG, {row["division"] for row in gaps})

	def township_row(self, user):
		_columns, rows, *_ = self.run_report(user, group_by="Township")
		return next(row for row in rows if row["division"] == DONGGUAN_STREET)
