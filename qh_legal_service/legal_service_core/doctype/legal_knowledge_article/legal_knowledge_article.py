# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document

from qh_legal_service import knowledge_base


class LegalKnowledgeArticle(Document):
	"""A question and answer; the search index follows it once the change is committed."""

	def validate(self):
		self.question = (self.question or "").strip()
		self.answer = (self.answer or "").strip()
		self.keywords = (self.keywords or "").strip()

	def on_update(self):
		knowledge_base.reindex_after_commit(self.name)

	def on_trash(self):
		knowledge_base.reindex_after_commit(self.name, removed=True)
