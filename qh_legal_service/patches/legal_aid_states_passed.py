"""Give every legal aid application its stored road of states, read once from its version history.

From now on the server records each state as the application enters it (`states_passed`); records
made before then had only Frappe's version history, which this reads the way the documents did.
"""

import json

import frappe

from qh_legal_service.rules.documents import state_path

DOCTYPE = "Legal Aid Application"


def execute():
	frappe.reload_doc("legal_aid", "doctype", "legal_aid_application")
	for name, state in frappe.get_all(
		DOCTYPE, filters={"states_passed": ["is", "not set"]}, fields=["name", "workflow_state"], as_list=True
	):
		changes = []
		for data in frappe.get_all(
			"Version",
			filters={"ref_doctype": DOCTYPE, "docname": name},
			pluck="data",
			order_by="creation asc",
		):
			for fieldname, old, new in json.loads(data or "{}").get("changed") or ():
				if fieldname == "workflow_state":
					changes.append((old, new))
		path = state_path(changes, state or "Received")
		frappe.db.set_value(DOCTYPE, name, "states_passed", "\n".join(path), update_modified=False)
