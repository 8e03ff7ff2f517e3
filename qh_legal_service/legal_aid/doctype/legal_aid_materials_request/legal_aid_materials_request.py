# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class LegalAidMaterialsRequest(Document):
	"""One materials request of a legal aid application, recorded by the server on the transitions."""
