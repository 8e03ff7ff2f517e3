"""Resident ID numbers (居民身份证号码) as every service checks them: one message, one error."""

import frappe
from frappe import _
from stdnum.cn import ric


class InvalidResidentIDError(frappe.ValidationError):
	"""A resident ID number that fails its check digit, date or region."""


def checked_resident_id(value: str | None) -> str:
	"""The number in its standard form (trimmed, capital X), or a translated refusal of it."""
	number = (value or "").strip().upper()
	try:
		ric.validate(number)
	except Exception:
		frappe.throw(
			_("{0} is not a valid resident ID number: check the 18 characters and the last one.").format(
				number
			),
			InvalidResidentIDError,
			title=_("Invalid Resident ID Number"),
		)
	return number
