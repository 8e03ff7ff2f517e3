# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document

from qh_legal_service import knowledge_base


class LegalSynonym(Document):
	"""A term and its synonyms; searches read the table afresh once a change is committed."""

	def validate(self):
		self.term = (self.term or "").strip()

	def on_update(self):
		knowledge_base.clear_synonyms_after_commit()

	def on_trash(self):
		knowledge_base.clear_synonyms_after_commit()
