# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from qh_legal_service.rules.divisions import CODE_LENGTH, parent_tier
from qh_legal_service.scoping import clear_area_path_cache

DOCTYPE = "Administrative Division"


class DivisionTierError(frappe.ValidationError):
	"""A division whose tier does not sit directly below its parent's."""


class DivisionCodeError(frappe.ValidationError):
	"""A statistical code of the wrong length for its tier."""


class AdministrativeDivision(NestedSet):
	"""A unit of Qinghai's five tiers, named by its statistical code."""

	nsm_parent_field = "parent_administrative_division"

	def validate(self):
		self.validate_code()
		self.validate_parent_tier()
		self.is_group = 0 if self.tier == "Village" else 1

	def validate_code(self):
		expected = CODE_LENGTH[self.tier]
		if not (self.division_code.isdigit() and len(self.division_code) == expected):
			frappe.throw(
				_("The code of a {0} has {1} digits.").format(_(self.tier), expected),
				DivisionCodeError,
				title=_("Invalid Division Code"),
			)

	def validate_parent_tier(self):
		expected = parent_tier(self.tier)
		actual = (
			frappe.db.get_value("Administrative Division", self.parent_administrative_division, "tier")
			if self.parent_administrative_division
			else None
		)
		if actual != expected:
			frappe.throw(
				_("A {0} must sit directly below a {1}.").format(_(self.tier), _(expected or "nothing")),
				DivisionTierError,
				title=_("Wrong Parent Division"),
			)

	def on_update(self):
		super().on_update()
		clear_area_path_cache()
		if self.has_value_changed("division_name") or self.has_value_changed("division_name_bo"):
			# Imported here: install imports the portal, which needs this module's neighbours loaded.
			from qh_legal_service.install import fill_division_full_names_bo

			fill_division_full_names_bo()

	def on_trash(self):
		super().on_trash()
		clear_area_path_cache()


SEARCH_FIELDS = ("name", "division_name", "division_name_bo", "full_name", "full_name_bo")


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def division_search(
	doctype, txt, searchfield, start, page_len, filters, as_dict=False, reference_doctype=None
):
	"""Link search for divisions: a Tibetan reader gets Tibetan names and paths, anyone may type either script.

	Titles are the label and the path the description (Frappe's link search shows them so).
	"""
	tibetan = frappe.local.lang == "bo"
	or_filters = [[DOCTYPE, field, "like", f"%{txt}%"] for field in SEARCH_FIELDS] if txt else None
	rows = frappe.get_list(
		DOCTYPE,
		fields=["name", "division_name", "division_name_bo", "full_name", "full_name_bo"],
		filters=filters,
		or_filters=or_filters,
		order_by="lft asc",
		start=start,
		page_length=page_len,
	)
	results = [
		(row.name, row.division_name_bo or f"（{row.division_name}）", row.full_name_bo or row.full_name)
		if tibetan
		else (row.name, row.division_name, row.full_name)
		for row in rows
	]
	if as_dict:
		return [frappe._dict(name=name, label=label, description=path) for name, label, path in results]
	return results


def show_tibetan_paths(web_form_fields, fieldnames: tuple[str, ...], lang: str | None = None) -> None:
	"""For a Tibetan reader, label a web form's division choices (`fieldnames`) with their Tibetan paths.

	Frappe turns a web form's Link into a choice of every division labelled by its Chinese name alone.
	"""
	fields = [field for field in web_form_fields if field.get("fieldname") in fieldnames]
	if (lang or frappe.local.lang) != "bo" or not fields:
		return
	rows = frappe.get_all(DOCTYPE, fields=["name", "division_name", "full_name_bo"], order_by="lft asc")
	labelled = [{"value": row.name, "label": row.full_name_bo or f"（{row.division_name}）"} for row in rows]
	options = json.dumps(labelled, ensure_ascii=False, separators=(",", ":"))
	for field in fields:
		field.options = options


def on_doctype_update():
	frappe.db.add_index("Administrative Division", ["lft", "rgt"])
