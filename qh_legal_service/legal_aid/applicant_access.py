"""Applications staff enter for a citizen open on that citizen's portal: a read share with `applicant_user`.

The citizen role reads only what the citizen sent (if_owner). Frappe's DocShare grants one user one
record without widening their role, and both the form's read check and list queries honour it.
"""

import frappe
import frappe.share
from frappe.model.document import Document

SHARE_FLAGS = {"ignore_share_permission": True}


def share_with_applicant(doc: Document, method: str | None = None) -> None:
	"""doc_events on_update: share the application with its applicant's login, and unshare a replaced one."""
	previous = doc.get_doc_before_save()
	replaced = previous.get("applicant_user") if previous else None
	if replaced and replaced not in (doc.applicant_user, doc.owner):
		frappe.share.remove(doc.doctype, doc.name, replaced, flags=SHARE_FLAGS)
	user = doc.get("applicant_user")
	if not user or user == doc.owner:
		return
	if not frappe.db.exists("DocShare", {"share_doctype": doc.doctype, "share_name": doc.name, "user": user}):
		frappe.share.add_docshare(doc.doctype, doc.name, user, read=1, flags=SHARE_FLAGS)
