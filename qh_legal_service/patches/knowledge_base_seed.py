"""Sites installed before the knowledge base get its seeded articles, synonyms, search index and navigation
link (new sites get them from after_install, and this patch is then marked done)."""

from qh_legal_service.install import load_knowledge_base


def execute():
	load_knowledge_base()
