"""What a citizen may set, enforced on the server on every path (web form, REST, `frappe.client`).

Frappe's web form saves a citizen's record with `ignore_permissions`, which skips permission levels,
and any field of the form is taken as sent; the REST API takes any field at the citizen's levels.
So every save by a citizen keeps only the fields of `rules.field_access.CITIZEN_FIELDS` and puts
everything else back: the default on a new record, the stored value on an existing one.
"""

import frappe
from frappe import _
from frappe.model import display_fieldtypes
from frappe.model.document import Document

from qh_legal_service.rules.field_access import citizen_may_set, has_citizen_allow_list


class CitizenNotAllowedError(frappe.PermissionError):
	"""A citizen tried to create or change a record that citizens never write."""


def is_citizen(user: str) -> bool:
	"""A visitor or a portal (Website) user: never staff."""
	return user == "Guest" or frappe.db.get_value("User", user, "user_type", cache=True) == "Website User"


def keep_citizen_to_allowed_fields(doc: Document) -> None:
	"""Reset every field a citizen sent outside the allow-list (called before validation)."""
	if not is_citizen(frappe.session.user):
		return
	if not has_citizen_allow_list(doc.doctype):
		frappe.throw(
			_("You cannot change {0} records.").format(_(doc.doctype)),
			CitizenNotAllowedError,
			title=_("Not Permitted"),
		)
	reference = frappe.new_doc(doc.doctype) if doc.is_new() else doc.get_doc_before_save()
	for df in doc.meta.fields:
		if df.fieldtype in display_fieldtypes or citizen_may_set(doc.doctype, df.fieldname):
			continue
		value = reference.get(df.fieldname) if reference else None
		if df.fieldtype in frappe.model.table_fields:
			value = [row.as_dict() for row in value or ()]
		doc.set(df.fieldname, value)
