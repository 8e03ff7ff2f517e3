"""Whitelisted methods of the legal aid desk."""

import frappe
from frappe import _
from frappe.utils import cint

from qh_legal_service.legal_aid.portal import LANGUAGE_LINKS

ASSIGNABLE_TYPES = ("Lawyer", "Grassroots Legal Service Worker")


@frappe.whitelist()
def suggest_workers(name: str) -> list[dict]:
	"""Active lawyers of the application's county who speak the applicant's language (Art 43 assignment)."""
	application = frappe.get_doc("Legal Aid Application", name)
	application.check_permission("read")
	language = application.preferred_language or "zh"
	return [w for w in area_workers(application) if language in w.spoken][:10]


def area_workers(application, txt: str = "") -> list:
	"""The area's assignable workers, with the languages they serve in, the applicant's first."""
	# The county's centre assigns; an application handled at the prefecture draws on the prefecture.
	area = {"county": application.county} if application.county else {"prefecture": application.prefecture}
	workers = frappe.get_list(
		"Legal Service Worker",
		filters={"active": 1, "worker_type": ["in", ASSIGNABLE_TYPES], **area},
		or_filters={"name": ["like", f"%{txt}%"], "worker_name": ["like", f"%{txt}%"]} if txt else None,
		fields=["name", "worker_name", "worker_type"],
		limit_page_length=200,
	)
	spoken = languages_of([w.name for w in workers])
	for worker in workers:
		worker.spoken = spoken.get(worker.name, [])
		worker.languages = ", ".join(worker.spoken)
	language = application.preferred_language or "zh"
	return sorted(workers, key=lambda w: (language not in w.spoken, w.worker_name))


def languages_of(workers: list[str]) -> dict[str, list[str]]:
	"""The languages each worker serves in, by worker."""
	spoken = {}
	for row in frappe.get_all(
		"Legal Service Language",
		filters={"parenttype": "Legal Service Worker", "parent": ["in", workers or [""]]},
		fields=["parent", "language"],
		order_by="idx asc",
	):
		spoken.setdefault(row.parent, []).append(row.language)
	return spoken


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def worker_query(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for the assigned worker: the area's workers, those who speak the applicant's language first."""
	application = frappe.get_doc("Legal Aid Application", filters.get("application"))
	application.check_permission("read")
	workers = area_workers(application, txt)
	# Each language in its own script, as the portal's switch shows them.
	labels = {query.rsplit("=", 1)[-1]: label for label, query in LANGUAGE_LINKS}
	return [
		(
			w.name,
			w.worker_name,
			_(w.worker_type),
			" · ".join(labels.get(code, code) for code in w.spoken),
		)
		for w in workers[cint(start) : cint(start) + cint(page_len)]
	]
