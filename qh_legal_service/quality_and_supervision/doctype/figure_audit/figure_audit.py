# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class FigureAudit(Document):
	"""One run of the drift audit of the supervision figures, written by `figure_audit.audit_figures`."""
