"""The desk's paths are read through the declared indexes (`rules.desk_indexes.DESK_INDEXES`).

For each service, the SQL Frappe builds for a township, a county and a prefecture user and for
Administrator (the count in a state, each sidebar group-by count, the overdue and due-today counts and
lists) is EXPLAINed, and the plan must read the declared index, never the whole table. The tables get 20,000 generated rows each
first (`desk_rows`), as the optimizer reads a nearly empty table whole whatever its indexes; the rows are
committed and deleted at the end. A missing index is shown to the planner with IGNORE INDEX, not by
dropping it: DDL in a test run waits for every open transaction on the table.
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from qh_legal_service.desk_indexes import add_desk_indexes, index_columns
from qh_legal_service.rules.desk_indexes import DESK_INDEXES, DESKS, desk_index_name
from qh_legal_service.tests.desk_rows import add_rows, delete_rows, make_reader, states

ROWS = 20_000
# (email, division, desk, scope column); Administrator has no scope.
COUNTY = ("desk-index-county@test.qh", "630202", "County Justice Bureau", "county")
PREFECTURE = ("desk-index-prefecture@test.qh", "630200", "Prefecture Supervisor", "prefecture")
TOWNSHIP = ("desk-index-township@test.qh", "630202001", "Township Judicial Office", "township")
SCOPED = (TOWNSHIP, COUNTY, PREFECTURE)
SINCE_EVER = "1900-01-01 00:00:00"


class TestDeskIndexes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		add_desk_indexes()
		now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
		for doctype in DESK_INDEXES:
			delete_rows(doctype)
			add_rows(doctype, ROWS, now)
		for email, division, profile, _column in SCOPED:
			make_reader(email, division, profile, DESK_INDEXES)
		frappe.db.commit()  # nosemgrep: the index test below runs DDL, which commits anyway
		for doctype in DESK_INDEXES:
			frappe.db.sql(f"analyze table `tab{doctype}`")

	@classmethod
	def tearDownClass(cls):
		for doctype in DESK_INDEXES:
			delete_rows(doctype)
		frappe.db.commit()  # nosemgrep: the rows were committed in setUpClass
		super().tearDownClass()

	def paths(self, doctype: str) -> dict[str, tuple[dict, str]]:
		"""path -> (frappe.get_list arguments as the desk passes them, which index of the desk it needs)."""
		desk = DESKS[doctype]
		state = states(doctype)[0][0]
		paths = {
			"count in a state": (
				{
					"fields": [f"count(`tab{doctype}`.name) as total_count"],
					"filters": [[doctype, desk.state_field, "=", state]],
				},
				"desk",
			)
		}
		for field in (desk.state_field, *desk.group_by):
			# frappe.desk.listview.get_group_by_count
			paths[f"sidebar by {field}"] = (
				{
					"filters": [],
					"group_by": f"`tab{doctype}`.{field}",
					"fields": ["count(*) as count", f"`{field}` as name"],
					"order_by": "count desc",
				},
				"desk",
			)
		if desk.sort_field != "modified":
			paths["latest 20"] = (
				{
					"fields": ["name", desk.state_field, desk.sort_field],
					"order_by": f"`tab{doctype}`.`{desk.sort_field}` desc",
					"limit_page_length": 20,
				},
				"sort",
			)
		if desk.due_field:
			now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
			for name, condition in (
				("overdue", ["between", [SINCE_EVER, now]]),
				("due today", ["Timespan", "today"]),
			):
				# The number card's count.
				paths[f"{name}, count"] = (
					{
						"fields": [f"count(`tab{doctype}`.name) as total_count"],
						"filters": [[doctype, desk.due_field, *condition]],
					},
					"due",
				)
				# The list it opens: MariaDB reads the due index, or the (column, list order) index in the
				# list's order until it has 20, as its estimate of the two favours; either avoids the table.
				paths[f"{name}, latest 20"] = (
					{
						"fields": ["name", desk.state_field, desk.due_field, desk.sort_field],
						"filters": [[doctype, desk.due_field, *condition]],
						"order_by": f"`tab{doctype}`.`{desk.sort_field}` desc",
						"limit_page_length": 20,
					},
					"list",
				)
		return paths

	def expected(self, doctype: str, column: str | None, kind: str) -> str | None:
		"""The index the path must read; None for a list, where two are as good."""
		if kind == "list":
			return None
		if kind == "sort":
			sort = DESKS[doctype].sort_field
			return f"{column}_{sort}_index" if column else f"{sort}_index"
		if kind == "due" and not column:
			return "due_index"
		if kind == "due":
			return f"{column}_due_index"
		return desk_index_name(column, DESKS[doctype]) if column else "state_desk_index"

	def plan(self, doctype: str, arguments: dict, user: str, missing: str | None = None) -> frappe._dict:
		"""EXPLAIN's row for the doctype's table in the SQL Frappe builds for `user`; with `missing`, as if
		that index were not there (the planner is told to ignore it)."""
		query = frappe.get_list(doctype, user=user, run=0, **arguments)
		for email, _division, _profile, column in SCOPED:
			if user == email:
				self.assertIn(f"`{column}` =", query)
		if missing:
			table = f"from `tab{doctype}`"
			self.assertIn(table, query)
			query = query.replace(table, f"{table} ignore index (`{missing}`)", 1)
		rows = frappe.db.sql(f"explain {query}", as_dict=True)
		return next(row for row in rows if row.table == f"tab{doctype}")

	def assert_reads(
		self, doctype: str, arguments: dict, user: str, index: str | None, missing: str | None = None
	):
		plan = self.plan(doctype, arguments, user, missing)
		if index:
			self.assertEqual(plan.key, index, f"{doctype} as {user}: {plan}")
		else:
			self.assertTrue(plan.key, f"{doctype} as {user}: {plan}")
		self.assertNotEqual(plan.type, "ALL", f"{doctype} as {user}: {plan}")

	def test_each_desk_path_reads_its_index(self):
		for doctype in DESK_INDEXES:
			for path, (arguments, kind) in self.paths(doctype).items():
				for user, column in [(email, column) for email, _d, _p, column in SCOPED] + [
					("Administrator", None)
				]:
					with self.subTest(doctype=doctype, path=path, user=user):
						index = self.expected(doctype, column, kind)
						self.assertIn(index or "due_index", DESK_INDEXES[doctype])
						self.assert_reads(doctype, arguments, user, index)

	def test_a_dropped_index_fails_the_check(self):
		# The planner is told the index is not there (IGNORE INDEX) rather than the index being dropped:
		# DDL inside the test run waits for every open transaction on the table and can hang the run.
		doctype = "Legal Aid Application"
		arguments, _kind = self.paths(doctype)["overdue, count"]
		self.assertEqual(index_columns(doctype, "county_due_index"), ("county", "current_due"))
		self.assert_reads(doctype, arguments, COUNTY[0], "county_due_index")
		with self.assertRaises(AssertionError):
			self.assert_reads(doctype, arguments, COUNTY[0], "county_due_index", missing="county_due_index")
