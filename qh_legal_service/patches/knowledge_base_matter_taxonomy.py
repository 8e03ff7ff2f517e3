"""Seeded knowledge base articles take the matter taxonomy every service shares, and their service, on sites
that seeded them before (load_seed remaps a seeded article whose matter is not in the taxonomy)."""

from qh_legal_service.knowledge_base import load_seed


def execute():
	load_seed()
