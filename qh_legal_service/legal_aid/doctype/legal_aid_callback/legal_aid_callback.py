# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class LegalAidCallback(AreaScopedDocument):
	"""A quality check after a legal aid case closed (Art 59): it belongs to the application's area."""


def on_doctype_update():
	add_area_indexes("Legal Aid Callback")
