"""Staff users at a node of the tier tree, each with a desk's role profile and home workspace."""

import frappe
from frappe import _
from frappe.permissions import add_user_permission

from qh_legal_service.rules.desks import desk_for, tier_fits_desk
from qh_legal_service.scoping import DIVISION


class WrongTierForDeskError(frappe.ValidationError):
	"""A desk placed at a tier it does not work at, e.g. a village adviser at a county."""


def create_staff_user(
	email: str,
	full_name: str,
	division: str,
	role_profile: str,
	language: str = "zh",
	password: str | None = None,
):
	"""Create (or update) a staff user at `division` with `role_profile`; return the User.

	The user's area is a standard User Permission on Administrative Division at that node, so
	administrators can review and change it in the usual screens.
	"""
	desk = desk_for(role_profile)
	tier = frappe.db.get_value(DIVISION, division, "tier")
	if not tier:
		frappe.throw(
			_("Administrative Division {0} does not exist.").format(division), frappe.DoesNotExistError
		)
	if not tier_fits_desk(role_profile, tier):
		frappe.throw(
			_("The {0} desk works at {1} level, not at a {2}.").format(
				_(role_profile), ", ".join(_(t) for t in desk.tiers), _(tier)
			),
			WrongTierForDeskError,
		)
	user = frappe.get_doc("User", email) if frappe.db.exists("User", email) else frappe.new_doc("User")
	user.update(
		{
			"email": email,
			"first_name": full_name,
			"language": language,
			# Deadlines are shown in the province's time, not User's default of the framework's home.
			"time_zone": frappe.get_system_settings("time_zone") or "Asia/Shanghai",
			"user_type": "System User",
			"send_welcome_email": 0,
			"enabled": 1,
			"role_profile_name": role_profile,
			"default_workspace": desk.workspace,
		}
	)
	if password:
		user.new_password = password
	user.save(ignore_permissions=True)
	set_user_division(email, division)
	return user


def set_user_division(user: str, division: str) -> None:
	"""Make `division` the user's one area: remove any other division permission, add this one."""
	for name in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": DIVISION, "for_value": ["!=", division]},
		pluck="name",
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)
	add_user_permission(DIVISION, division, user, ignore_permissions=True)
