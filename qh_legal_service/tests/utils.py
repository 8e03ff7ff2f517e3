"""Factories and hooks shared by the site-layer tests."""

import frappe

from qh_legal_service.install import after_install, complete_setup_unattended
from qh_legal_service.staff import create_staff_user

TEST_PASSWORD = "Qhls-Test#2026"

# Two neighbouring counties of Xining, a township and a village of the first, and a Yushu county.
XINING = "630100"
CHENGDONG = "630102"
CHENGZHONG = "630103"
DONGGUAN_STREET = "630102001"
BEIGUAN_COMMUNITY = "630102001001"
YUSHU_PREFECTURE = "632700"
YUSHU_CITY = "632701"


def before_tests():
	"""Make sure a test site has what after_install gives a real one (idempotent)."""
	frappe.clear_cache()
	after_install()
	complete_setup_unattended()
	relax_portal_limits()
	frappe.db.commit()  # nosemgrep: the test runner starts from this committed state


def relax_portal_limits():
	"""Site tests write as one guest or citizen from loopback many times a minute: raise the portal's
	limits (still enforced) so they never refuse them. test_portal_abuse sets its own low ones."""
	settings = frappe.get_single("Portal Protection Settings")
	for field in (
		"guest_per_address_per_minute",
		"guest_per_address_per_hour",
		"citizen_per_account_per_minute",
		"citizen_per_account_per_hour",
		"citizen_per_address_per_minute",
		"citizen_per_address_per_hour",
	):
		settings.set(field, 100000)
	settings.save(ignore_permissions=True)


def make_staff(email: str, division: str, profile: str, language: str = "zh") -> str:
	"""A staff user of `profile` at `division`; returns the email."""
	create_staff_user(email, email.split("@")[0], division, profile, language, TEST_PASSWORD)
	return email


def make_institution(**overrides):
	"""A legal aid centre at Chengdong unless told otherwise."""
	values = {
		"doctype": "Legal Service Institution",
		"institution_name": f"测试法律援助中心 {frappe.generate_hash(length=6)}",
		"institution_type": "Legal Aid Centre",
		"division": CHENGDONG,
		"languages_served": [{"language": "zh"}],
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_consultation(**overrides):
	"""An open window consultation in Chengdong unless told otherwise."""
	values = {
		"doctype": "Legal Consultation",
		"channel": "Service Window",
		"division": CHENGDONG,
		"status": "Open",
		"citizen_name": f"测试群众 {frappe.generate_hash(length=6)}",
		"question": "工资被拖欠怎么办？",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_worker(**overrides):
	"""A village legal adviser based at Dongguan Street serving Beiguan Community unless told otherwise."""
	values = {
		"doctype": "Legal Service Worker",
		"worker_name": f"测试顾问 {frappe.generate_hash(length=6)}",
		"worker_type": "Village Legal Adviser",
		"division": DONGGUAN_STREET,
		"languages": [{"language": "zh"}, {"language": "bo"}],
		"served_divisions": [{"division": BEIGUAN_COMMUNITY}],
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


LATE_ENTRY_REASON = "纸质申请补录 (a paper application entered later)"

VALID_ID = "11010519491231002X"


def make_application(**overrides):
	"""A labour-pay legal aid application from Beiguan Community, received now, unless told otherwise."""
	values = {
		"doctype": "Legal Aid Application",
		"applicant_name": f"测试申请人 {frappe.generate_hash(length=6)}",
		"id_number": VALID_ID,
		"phone": "13800000000",
		"division": BEIGUAN_COMMUNITY,
		"matter_type": "Labour Relations or Unpaid Pay",
		"aid_requested": "Civil or Administrative Litigation Representation",
		"channel": "Walk-in at a Service Point",
		"facts": "工地拖欠工资三个月。",
	}
	if "received_on" in overrides:
		# A receipt dated before the record's entry is a late entry, which needs its reason.
		values["late_entry_reason"] = LATE_ENTRY_REASON
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def delete_with_history(doctype: str, name: str) -> None:
	"""Delete a record a test committed, with its versions and comments: Frappe reuses a deleted last
	number, and the next record must not show this one's history."""
	frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
