"""Count mediation, notarization, the hotline, consultations, satisfaction and service orders into the
supervisors' monthly sums too, once the hotline's calls know whether they were answered within 15 s."""

import frappe

from qh_legal_service.figures import rebuild
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules.figure_sources import OTHER_SERVICES


def execute():
	frappe.db.sql(
		"""update `tabHotline Work Order` set answered_within_15s = (call_answered_at is not null
		and wait_seconds is not null and wait_seconds <= %s)""",
		hl.ANSWER_TARGET_SECONDS,
	)
	for source in OTHER_SERVICES:
		rebuild(source.doctype)
