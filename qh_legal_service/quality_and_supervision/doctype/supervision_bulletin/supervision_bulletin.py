# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from qh_legal_service.quality_and_supervision.bulletin import live_sections, tier_of
from qh_legal_service.rules import bulletin as rules
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class BulletinTierError(frappe.ValidationError):
	"""A bulletin for a division no bulletin is made for (a village)."""


class FutureMonthError(frappe.ValidationError):
	"""A bulletin for a month that has not begun."""


class BulletinPublishedError(frappe.ValidationError):
	"""A change to a published bulletin, which never changes once issued."""


class SupervisionBulletin(AreaScopedDocument):
	"""A division's monthly supervision bulletin: live figures while a draft, its own copy once published."""

	def autoname(self):
		self.month = rules.first_of_month(getdate(self.month))
		self.name = rules.bulletin_name(self.division, self.month)

	def validate(self):
		self.keep_published()
		self.check_tier()
		self.check_month()

	def keep_published(self):
		"""An official bulletin never changes once published: refuse any save of a published one."""
		before = self.get_doc_before_save()
		if before and before.status == rules.PUBLISHED:
			frappe.throw(
				_("Bulletin {0} is published and can no longer change.").format(frappe.bold(self.name)),
				BulletinPublishedError,
			)

	def check_tier(self):
		self.tier = tier_of(self.division)
		if self.tier not in rules.TIERS:
			frappe.throw(
				_(
					"A bulletin is made for the province, a prefecture, a county or a township, not for {0}."
				).format(frappe.bold(self.division_name or self.division)),
				BulletinTierError,
			)

	def check_month(self):
		self.month = rules.first_of_month(getdate(self.month))
		if self.month > rules.first_of_month(getdate()):
			frappe.throw(
				_("A bulletin can only be made for this month or a month before it."), FutureMonthError
			)

	def on_trash(self):
		if self.status == rules.PUBLISHED:
			frappe.throw(
				_("Bulletin {0} is published and can no longer change.").format(frappe.bold(self.name)),
				BulletinPublishedError,
			)

	@frappe.whitelist()
	def publish(self):
		"""Issue the bulletin: copy its figures as they are now into it, for good."""
		self.check_permission("write")
		if self.status == rules.PUBLISHED:
			frappe.throw(
				_("Bulletin {0} is published and can no longer change.").format(frappe.bold(self.name)),
				BulletinPublishedError,
			)
		self.set("figures", rules.snapshot_rows(live_sections(self.division, self.tier, self.month)))
		self.status = rules.PUBLISHED
		self.published_on = now_datetime()
		self.published_by = frappe.session.user
		self.save()


def on_doctype_update():
	"""Each scope column leads an index (with the list order and with the status)."""
	add_area_indexes("Supervision Bulletin")
