"""A row another transaction holds is a conflict the person can retry, answered 409, not a fault (500)."""

import frappe


def answer_lock_conflicts_as_409() -> None:
	"""before_request: a delete refused as "being modified by another user", or a lock wait that timed out
	(both `frappe.QueryTimeoutError`, which Frappe answers 500 for want of a status), is a 409 Conflict."""
	frappe.QueryTimeoutError.http_status_code = 409
