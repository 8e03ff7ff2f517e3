# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from qh_legal_service.rules.portal_protection import parse_extensions, parse_networks


class TrustedProxyError(frappe.ValidationError):
	"""A trusted proxy line that is not a network or an address."""


class PortalProtectionSettings(Document):
	"""Limits on portal writes, the trusted proxies and the content caps (see portal_protection.py)."""

	def validate(self):
		self.validate_trusted_proxies()
		self.upload_extensions = ", ".join(parse_extensions(self.upload_extensions))

	def validate_trusted_proxies(self):
		try:
			parse_networks(self.trusted_proxies)
		except ValueError as error:
			frappe.throw(
				_("{0} is not a network: write one address or CIDR (such as 10.0.0.0/8) a line.").format(
					frappe.bold(str(error))
				),
				TrustedProxyError,
			)
