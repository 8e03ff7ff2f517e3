# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class ServiceCaseStep(Document):
	"""One step of a service case and whether it ended in time, written by the server (see service_case.py)."""
