"""The hotline desk's server calls: importing the telephone system's call records.

The app records calls, it does not carry them: the exchange exports its call records (CSV) and the
operator imports them here. Each call becomes a work order (or fills in the call times of the one already
entered for it, by its call id), so the GB/T 33358 figures count every call, answered or not.
"""

import frappe
from frappe import _

from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import matters

IMPORT_ROLES = frozenset({hl.OPERATOR, "System Manager"})
PROVINCE = "630000"
MAX_IMPORT_BYTES = 2 * 1024 * 1024

# How each problem of a line reads, as a literal per line so that the catalogues keep it.
_PROBLEMS = {
	"empty_file": lambda: _("The file is empty."),
	"missing_columns": lambda: _("The file lacks the columns: {0}"),
	"too_many_rows": lambda: _("The file has too many calls ({0}); import at most 5000 at a time."),
	"no_call_id": lambda: _("No call id."),
	"duplicate_call_id": lambda: _("Call id {0} appears twice; the first one was read."),
	"bad_time": lambda: _("A time cannot be read: {0}"),
	"no_start_time": lambda: _("No start time."),
	"answered_before_start": lambda: _("Call {0} was answered before it started."),
}


def problem_text(problem: hl.CallRecordProblem) -> str:
	return _("Line {0}: {1}").format(problem.line, _PROBLEMS[problem.problem]().format(problem.value or ""))


@frappe.whitelist(methods=["POST"])
def import_call_records(content: str, division: str | None = None) -> dict:
	"""Import a CSV of call records; returns how many work orders were created, updated and the problems."""
	if not IMPORT_ROLES.intersection(frappe.get_roles()):
		raise frappe.PermissionError
	frappe.has_permission(hl.DOCTYPE, "create", throw=True)
	if len((content or "").encode()) > MAX_IMPORT_BYTES:
		frappe.throw(_("The file is too large; import at most 2 MB at a time."))
	records, problems = hl.parse_call_records(content)
	division = division or PROVINCE
	created = updated = 0
	for record in records:
		name = frappe.db.get_value(hl.DOCTYPE, {"call_id": record.call_id}, "name")
		if name:
			doc = frappe.get_doc(hl.DOCTYPE, name)
			if doc.call_started_at and (doc.call_answered_at or not record.answered_at):
				continue
			doc.call_started_at = doc.call_started_at or record.started_at
			doc.call_answered_at = doc.call_answered_at or record.answered_at
			doc.save()
			updated += 1
			continue
		frappe.get_doc(
			{
				"doctype": hl.DOCTYPE,
				"call_id": record.call_id,
				"phone": record.phone,
				"call_started_at": record.started_at,
				"call_answered_at": record.answered_at,
				"division": division,
				"matter_type": matters.OTHER,
				"summary": (
					_("Call {0} imported from the call records: describe the matter.")
					if record.answered_at
					else _("Missed call {0} imported from the call records: call the caller back.")
				).format(record.call_id),
			}
		).insert()
		created += 1
	return {"created": created, "updated": updated, "problems": [problem_text(p) for p in problems]}
