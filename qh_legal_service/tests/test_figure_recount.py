"""The recount in the database gives, for every counted service, exactly what the pure rules give record
by record, at every level and under the names a save upserts into."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from qh_legal_service.figures import FIGURE, figure_name, figures_by_area, rebuild
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import Measures, at_levels
from qh_legal_service.rules.scope import AREA_COLUMNS
from qh_legal_service.rules.service_case import STEP_LOG_DOCTYPE
from qh_legal_service.rules.special_groups import MEMBERSHIP_DOCTYPE, MEMBERSHIP_FIELD
from qh_legal_service.tests.figure_rows import add_rows

PREFIX = "FIG-"
ROWS = 300
STEP_FIELDS = ("parent", "step", "started_on", "due_on", "ended_on", "ended_in_state", "escalated_on")


def children(doctype: str, parentfield: str | None, child: str, fields: list[str]) -> dict[str, list]:
	"""The child rows of every record of `doctype` in `parentfield`, by record."""
	if not parentfield:
		return {}
	by_record: dict[str, list] = {}
	for row in frappe.get_all(
		child,
		filters={"parenttype": doctype, "parentfield": parentfield},
		fields=["parent", *fields],
		order_by="idx asc",
		limit_page_length=0,
	):
		by_record.setdefault(row.parent, []).append(row)
	return by_record


def by_the_rules(doctype: str) -> dict[tuple, Measures]:
	"""Every record's figures by `rules.figures.record_figures`, summed at every level, by stored name."""
	source = FIGURE_SOURCES[doctype]
	fields = list(dict.fromkeys(["name", "division", *AREA_COLUMNS, *source.fields]))
	steps = children(doctype, source.step_log, STEP_LOG_DOCTYPE, list(STEP_FIELDS[1:]))
	groups = children(doctype, source.group_table, MEMBERSHIP_DOCTYPE, [MEMBERSHIP_FIELD])
	totals: dict[tuple, Measures] = {}
	for record in frappe.get_all(doctype, fields=fields, limit_page_length=0):
		if source.step_log:
			record[source.step_log] = steps.get(record.name, [])
		if source.group_table:
			record[source.group_table] = groups.get(record.name, [])
		for key, measures in figures_by_area(source, record).items():
			totals[key] = totals.get(key, Measures()) + measures
	return {
		figure_name(doctype, level, area[0], month, figure, category): measures
		for (level, area, month, figure, category), measures in at_levels(totals).items()
	}


def as_stored(doctype: str) -> dict[str, Measures]:
	rows = frappe.get_all(
		FIGURE,
		filters={"service": doctype},
		fields=["name", "records", "timed", "in_time", "days"],
		limit_page_length=0,
	)
	return {row.name: Measures(row.records, row.timed, row.in_time, row.days) for row in rows}


class TestFigureRecount(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		now = str(now_datetime().replace(microsecond=0))
		for doctype in FIGURE_SOURCES:
			add_rows(doctype, 1, ROWS, PREFIX, now)

	def test_the_recount_of_every_service_is_what_the_rules_give_record_by_record(self):
		for doctype in FIGURE_SOURCES:
			with self.subTest(doctype=doctype):
				self.assertGreaterEqual(frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]}), ROWS)
				written = rebuild(doctype)[doctype]
				expected, stored = by_the_rules(doctype), as_stored(doctype)
				self.assertEqual(written, len(stored))
				# Same names: a save after a recount adds to the recounted rows.
				self.assertEqual(set(stored), set(expected))
				for name, measures in expected.items():
					got = stored[name]
					self.assertEqual(
						(got.records, got.timed, got.in_time),
						(measures.records, measures.timed, measures.in_time),
					)
					self.assertAlmostEqual(got.days, measures.days, delta=0.001)

	def test_the_generated_records_reach_every_kind_of_figure(self):
		# A recount test over records that never reach a step, a group or a dated rule would prove little.
		for doctype, source in FIGURE_SOURCES.items():
			rebuild(doctype)
			figures = set(frappe.get_all(FIGURE, filters={"service": doctype}, pluck="figure", distinct=True))
			wanted = {source.received.figure, "group"} | {rule.figure for rule in source.figures[:1]}
			if source.step_log:
				wanted |= {"step", "ended_in", "group_step"}
			with self.subTest(doctype=doctype):
				self.assertLessEqual(wanted, figures)
