"""Whitelisted methods of the legal aid desk."""

import frappe

ASSIGNABLE_TYPES = ("Lawyer", "Grassroots Legal Service Worker")


@frappe.whitelist()
def suggest_workers(name: str) -> list[dict]:
	"""Active lawyers of the application's county who speak the applicant's language (Art 43 assignment)."""
	application = frappe.get_doc("Legal Aid Application", name)
	application.check_permission("read")
	# The county's centre assigns; an application handled at the prefecture draws on the prefecture.
	area = {"county": application.county} if application.county else {"prefecture": application.prefecture}
	workers = frappe.get_list(
		"Legal Service Worker",
		filters={"active": 1, "worker_type": ["in", ASSIGNABLE_TYPES], **area},
		fields=["name", "worker_name", "worker_type"],
		limit_page_length=50,
	)
	spoken = {}
	for row in frappe.get_all(
		"Legal Service Language",
		filters={"parenttype": "Legal Service Worker", "parent": ["in", [w.name for w in workers] or [""]]},
		fields=["parent", "language"],
	):
		spoken.setdefault(row.parent, []).append(row.language)
	for worker in workers:
		worker["languages"] = ", ".join(spoken.get(worker.name, []))
	language = application.preferred_language or "zh"
	return sorted((w for w in workers if language in spoken.get(w.name, [])), key=lambda w: w.worker_name)[
		:10
	]
