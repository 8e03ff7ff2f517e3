"""The order flow on the desk: the holder's county gets the actions, the referring county only looks.

A consultation of Chengdong is referred to a legal aid centre of Chengzhong. Chengzhong's bureau opens
the order in Chinese and finds Accept / Refuse to Accept / Hand On under Actions, the step in Chinese;
Chengdong's bureau reads the same order with its trail and no actions.
"""

import pytest
from conftest import BASE_URL, BENCH, SITE, screenshot

HOLDER = "browser-order-holder@test.qh"
ORIGIN = "browser-order-origin@test.qh"


@pytest.fixture(scope="module")
def order():
	import frappe

	from qh_legal_service import service_order
	from qh_legal_service.rules import service_orders as rules
	from qh_legal_service.tests import utils

	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		utils.make_staff(HOLDER, utils.CHENGZHONG, "County Justice Bureau")
		utils.make_staff(ORIGIN, utils.CHENGDONG, "County Justice Bureau")
		office = utils.make_institution(institution_type="Judicial Office", division=utils.CHENGDONG).name
		centre = utils.make_institution(division=utils.CHENGZHONG).name
		consultation = utils.make_consultation(division=utils.BEIGUAN_COMMUNITY)
		name = service_order.open_order(
			consultation, centre, "转法律援助中心", rules.LEGAL_AID, "拖欠工资", "城东群众", office
		).name
		frappe.db.commit()  # nosemgrep: the served site reads these from its own connection
		yield name
		frappe.db.rollback()
		utils.delete_with_history("Service Order", name)
		utils.delete_with_history("Legal Consultation", consultation.name)
		for institution in (office, centre):
			utils.delete_with_history("Legal Service Institution", institution)
		frappe.db.commit()  # nosemgrep: leave the served site as it was
	finally:
		frappe.destroy()


def open_as(page, user: str, name: str):
	from qh_legal_service.tests.utils import TEST_PASSWORD

	response = page.request.post(f"{BASE_URL}/api/method/login", form={"usr": user, "pwd": TEST_PASSWORD})
	assert response.ok, response.text()
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.goto(f"{BASE_URL}/app/service-order/{name}")
	page.wait_for_selector(".form-layout")
	page.wait_for_timeout(1500)
	return errors


def test_the_holder_acts_in_chinese(page, order):
	errors = open_as(page, HOLDER, order)
	page.get_by_role("button", name="操作").click()
	menu = page.locator(".dropdown-menu.show")
	for label in ("受理", "不予受理", "转办"):
		assert menu.get_by_text(label, exact=True).count() == 1, label
	assert page.locator('[data-fieldname="current_step"] .control-value').inner_text().strip() == "受理订单"
	screenshot(page, "service-order-holder")
	assert errors == []


def test_the_referring_county_only_looks(page, order):
	errors = open_as(page, ORIGIN, order)
	assert page.get_by_role("button", name="操作").count() == 0
	assert "城东群众" in page.locator(".form-layout").inner_text()
	screenshot(page, "service-order-origin")
	assert errors == []
