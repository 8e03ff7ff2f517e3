"""Sites installed before the knowledge base get its seeded articles, synonyms and search index (new sites
get them from after_install, and this patch is then marked done)."""

from qh_legal_service.knowledge_base import load_seed


def execute():
	load_seed()
