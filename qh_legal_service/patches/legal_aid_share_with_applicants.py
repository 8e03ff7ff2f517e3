"""Share with its applicant every application staff entered for a citizen before such records were shared.

From now on saving an application shares it with its `applicant_user` (see `legal_aid.applicant_access`);
records saved before then open on the citizen's portal once this has run.
"""

import frappe
import frappe.share

from qh_legal_service.legal_aid.applicant_access import SHARE_FLAGS

DOCTYPE = "Legal Aid Application"


def execute():
	shared = set(
		frappe.get_all(
			"DocShare", filters={"share_doctype": DOCTYPE}, fields=["share_name", "user"], as_list=True
		)
	)
	for name, owner, user in frappe.get_all(
		DOCTYPE,
		filters={"applicant_user": ["is", "set"]},
		fields=["name", "owner", "applicant_user"],
		as_list=True,
	):
		if user != owner and (name, user) not in shared:
			frappe.share.add_docshare(DOCTYPE, name, user, read=1, flags=SHARE_FLAGS)
