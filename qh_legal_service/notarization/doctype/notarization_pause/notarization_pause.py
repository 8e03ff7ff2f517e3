# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class NotarizationPause(Document):
	"""One span the certificate's clock does not count, recorded by the server on the transitions."""
