"""Abusive traffic against the served site over real sockets (`requests`): a burst of guest questions is
refused past the limit with nothing more written, a spoofed X-Forwarded-For escapes nothing when the
peer is not a trusted proxy, and is honoured when it is."""

import json
import time

import pytest
import requests
from conftest import BASE_URL, BENCH, SITE

ACCEPT = f"{BASE_URL}/api/method/frappe.website.doctype.web_form.web_form.accept"
PHONE = "13900000979"


def ask(number: int, forwarded_for: str | None = None) -> int:
	data = {
		"doctype": "Legal Consultation",
		"web_form_name": "legal-question",
		"citizen_phone": PHONE,
		"question": f"草场边界怎么划？第{number}问",
	}
	headers = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}
	if forwarded_for:
		headers["X-Forwarded-For"] = forwarded_for
	response = requests.post(
		ACCEPT, data={"web_form": "legal-question", "data": json.dumps(data)}, headers=headers, timeout=60
	)
	return response.status_code


@pytest.fixture
def served():
	"""Low limits on the served site (3 guest writes an hour per address), put back afterwards."""
	import frappe

	from qh_legal_service import portal_protection
	from qh_legal_service.tests.utils import delete_with_history

	# A connection of its own: another module's fixture may have closed the session's.
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	saved = frappe.get_single(portal_protection.SETTINGS).as_dict()

	def set_settings(**values):
		doc = frappe.get_single(portal_protection.SETTINGS)
		doc.update(values)
		doc.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the served site reads the settings from its own connection
		portal_protection.clear_counts()

	def questions() -> int:
		frappe.db.rollback()  # see what the served site committed
		return frappe.db.count("Legal Consultation", {"citizen_phone": PHONE})

	if 3600 - time.time() % 3600 < 30:
		time.sleep(31)
	set_settings(enabled=1, guest_per_address_per_minute=0, guest_per_address_per_hour=3)
	try:
		yield {"set_settings": set_settings, "questions": questions}
	finally:
		set_settings(
			**{
				key: saved.get(key)
				for key in (
					"enabled",
					"guest_per_address_per_minute",
					"guest_per_address_per_hour",
					"trusted_proxies",
				)
			}
		)
		frappe.db.rollback()
		for name in frappe.get_all("Legal Consultation", filters={"citizen_phone": PHONE}, pluck="name"):
			delete_with_history("Legal Consultation", name)
		frappe.db.commit()  # nosemgrep: leave the served site as it was
		frappe.destroy()


def test_spoofed_headers_from_an_untrusted_peer_escape_nothing(served):
	# Loopback is not trusted here: the header is the client's own claim.
	served["set_settings"](trusted_proxies="10.0.0.0/8")
	before = served["questions"]()
	answers = [ask(i, forwarded_for=f"198.51.100.{i}") for i in range(5)]
	assert answers == [200, 200, 200, 429, 429]
	assert served["questions"]() == before + 3


def test_a_trusted_proxy_names_each_client(served):
	served["set_settings"](trusted_proxies="127.0.0.1/32\n::1/128")
	before = served["questions"]()
	# Five clients behind the proxy, each within its limit ...
	assert [ask(i, forwarded_for=f"198.51.100.{i}") for i in range(5)] == [200] * 5
	# ... and one client past its own, whatever it puts in front of the proxy's entry.
	answers = [ask(i, forwarded_for=f"6.6.6.{i}, 198.51.100.99") for i in range(5)]
	assert answers == [200, 200, 200, 429, 429]
	assert served["questions"]() == before + 8
