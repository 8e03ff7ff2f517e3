# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class LegalServiceInstitution(AreaScopedDocument):
	"""A legal aid centre, notary office, mediation committee or other institution in one area."""


def on_doctype_update():
	add_area_indexes("Legal Service Institution")
