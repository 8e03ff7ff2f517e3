"""Recount legal aid's callbacks into the monthly sums: callbacks to the aided person by satisfaction
(`aided_person_callback`, new), which the Legal Aid Callbacks report reads."""

from qh_legal_service.figures import rebuild


def execute():
	rebuild("Legal Aid Callback")
