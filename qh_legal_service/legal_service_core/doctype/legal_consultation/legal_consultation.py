# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class LegalConsultation(AreaScopedDocument):
	"""A consultation at a window, on the 12348 hotline, online or on a village visit."""


def on_doctype_update():
	add_area_indexes("Legal Consultation")
