"""Give every legal aid application with a running step its deadline explanation as structured lines.

Earlier records kept only the explanation as text in the language of whoever saved last; with the lines
stored, the form words it for each reader (see LegalAidApplication.onload).
"""

import frappe

DOCTYPE = "Legal Aid Application"


def execute():
	frappe.reload_doc("legal_aid", "doctype", "legal_aid_application")
	for name in frappe.get_all(
		DOCTYPE, filters={"current_step": ["is", "set"], "deadline_lines": ["is", "not set"]}, pluck="name"
	):
		doc = frappe.get_doc(DOCTYPE, name)
		doc.set_current_deadline()
		frappe.db.set_value(
			DOCTYPE,
			name,
			{"deadline_lines": doc.deadline_lines, "deadline_explanation": doc.deadline_explanation},
			update_modified=False,
		)
