"""Every report of this app exports to Excel through Frappe's own export, as a supervisor would from the desk.

`frappe.desk.query_report.export_query` (the desk's Menu → Export, file type Excel) runs the report through
`frappe.desk.query_report.run`, which Frappe 15 marks `@frappe.read_only()`: with `read_from_replica` set
the export's reads go to the replica, like the report on the desk. This test opens each workbook with
openpyxl and holds its header and rows to what the report returns, and two values to written figures.
"""

import json
from io import BytesIO

import frappe
from frappe.desk.query_report import export_query, run
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from qh_legal_service.direct_reports import app_report_names
from qh_legal_service.figures import write
from qh_legal_service.rules.figures import RECEIVED, STEP, Measures
from qh_legal_service.rules.legal_aid import REVIEW_STEP
from qh_legal_service.tests.utils import XINING, make_staff

SUPERVISOR = "excel-province@test.qh"
PROVINCE = "630000"
CHENGDONG = "630102"
CHENGDONG_AREA = ("630102001", XINING, CHENGDONG, "630102001")
# A month far from any other test's records.
FROM, TO = "2004-06-01", "2004-06-30"
MONTH = frappe.utils.getdate(FROM)

# The filters the desk fills in by default (the reports' .js), over the test's month.
COMMON = {"from_date": FROM, "to_date": TO, "group_by": "Prefecture"}
FILTERS = {
	"Legal Aid Callbacks": {"view": "Summary"},
	"Legal Aid Volumes": {"dimension": "Matter Type"},
	"Notarization Referrals": {"group_by": "Notary Office"},
	"Adviser and Service Point Coverage": {"view": "Summary"},
	"Poorly Rated Regions": {"group_by": "County"},
	"Equalisation Index": {"show": "Counties"},
	"Supervision Indicators": {"group_by": "", "view": "Against Target"},
}


def export(report: str, filters: dict) -> tuple[list, list[list]]:
	"""The header and rows of the report's Excel export, as openpyxl reads the workbook."""
	frappe.local.form_dict = frappe._dict(
		report_name=report,
		file_format_type="Excel",
		filters=json.dumps(filters),
		visible_idx="[]",
		include_indentation=0,
	)
	frappe.local.response = frappe._dict()
	export_query()
	response = frappe.local.response
	if response.get("type") != "binary":  # "No data to export": the report returned no columns
		raise AssertionError(f"{report} exported nothing: {response}")
	assert response.filename.endswith(".xlsx"), response.filename
	sheet = load_workbook(BytesIO(response.filecontent), read_only=True).active
	rows = [list(row) for row in sheet.iter_rows(values_only=True)]
	return rows[0], rows[1:]


def visible(columns: list) -> list[dict]:
	return [
		column if isinstance(column, dict) else {"label": column, "fieldname": column}
		for column in columns
		if not (isinstance(column, dict) and column.get("hidden"))
	]


def cell_of(row, column: dict, index: int):
	return (
		row.get(column.get("fieldname"), row.get(column.get("label")))
		if isinstance(row, dict)
		else row[index]
	)


class TestReportExcel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(SUPERVISOR, PROVINCE, "Province Supervisor")
		frappe.db.delete("Service Figure", {"month": ["between", ["2004-01-01", "2004-12-31"]]})
		write(
			"Legal Aid Application",
			{
				(CHENGDONG_AREA, MONTH, RECEIVED, ""): Measures(12),
				(CHENGDONG_AREA, MONTH, STEP, REVIEW_STEP): Measures(4, 4, 3, 6.0),
			},
		)

	def setUp(self):
		frappe.set_user(SUPERVISOR)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()
		frappe.local.response = frappe._dict()

	def test_every_report_exports_its_header_and_rows(self):
		reports = app_report_names()
		self.assertGreaterEqual(len(reports), 15)
		for report in sorted(reports):
			with self.subTest(report=report):
				filters = {**COMMON, **FILTERS.get(report, {})}
				data = run(report, filters)
				columns = visible(data["columns"])
				header, rows = export(report, filters)
				self.assertEqual(header, [frappe._(column.get("label")) for column in columns])
				expected = [row for row in data["result"] if row]
				self.assertEqual(len(rows), len(expected))
				for row, exported in zip(expected, rows, strict=True):
					for index, column in enumerate(columns):
						value = cell_of(row, column, index)
						if isinstance(value, bool) or not isinstance(value, int | float):
							continue
						self.assertAlmostEqual(exported[index], value, places=6, msg=column.get("label"))

	def test_exported_indicators_are_the_written_figures(self):
		_header, rows = export("Supervision Indicators", {**COMMON, **FILTERS["Supervision Indicators"]})
		data = run("Supervision Indicators", {**COMMON, **FILTERS["Supervision Indicators"]})
		fields = [column.get("fieldname") for column in visible(data["columns"])]
		received = next(row for row in rows if row[fields.index("indicator")] == "LA-RECEIVED")
		self.assertEqual(received[fields.index("value")], 12)
		in_time = next(row for row in rows if row[fields.index("indicator")] == "LA-REVIEW-IN-TIME")
		self.assertEqual((in_time[fields.index("numerator")], in_time[fields.index("denominator")]), (3, 4))

	def test_exported_counties_carry_the_written_figures(self):
		filters = {**COMMON, **FILTERS["Equalisation Index"]}
		header, rows = export("Equalisation Index", filters)
		fields = [
			column.get("fieldname") for column in visible(run("Equalisation Index", filters)["columns"])
		]
		self.assertIn(frappe._("Services Received"), header)
		chengdong = next(row for row in rows if row[fields.index("county")] == CHENGDONG)
		self.assertEqual(chengdong[fields.index("services")], 12)
		self.assertEqual(chengdong[fields.index("timeliness")], 75)
