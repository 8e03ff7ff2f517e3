"""Deadline rules name the statute that counts them; the re-review after a correction gets its rule."""

import json

import frappe

from qh_legal_service.install import DATA_DIR, load_deadline_rules


def execute():
	"""Add the rules shipped since install, and set each rule's counting from the shipped file."""
	frappe.reload_doc("legal_service_core", "doctype", "deadline_rule")
	load_deadline_rules()
	for rule in json.loads((DATA_DIR / "deadline_rules.json").read_text(encoding="utf-8")):
		if frappe.db.exists("Deadline Rule", rule["rule_code"]):
			frappe.db.set_value("Deadline Rule", rule["rule_code"], "counting", rule["counting"])
