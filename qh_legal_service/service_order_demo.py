"""Demo orders (订单式流转) between the demo's institutions, for the demo users to follow and act on.

Called from `demo.make_demo` after the consultations and legal aid applications exist. Four orders in
Xining: one a township office sent to Chengdong's legal aid centre, still waiting; one the centre
accepted as an application and completed; one it handed on to Chengzhong's centre; one it refused.
Chengdong's bureau follows them all, Chengzhong's acts on the one it holds.
"""

import frappe

from qh_legal_service import service_order as orders
from qh_legal_service.rules import service_orders as rules

CHENGDONG = "630102"
CHENGZHONG = "630103"
DONGGUAN_STREET = "630102001"
TOWNSHIP_USER = "township@demo.qh.gov.cn"
CENTRE_USER = "reviewer@demo.qh.gov.cn"


def institution(kind: str, division: str) -> str | None:
	return frappe.db.get_value(
		"Legal Service Institution", {"institution_type": kind, "division": division}, "name"
	)


def acting_as(user: str, action, *args, **kwargs):
	"""Run an order action as a demo user, so the trail names who sent and who decided."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return action(*args, **kwargs)
	finally:
		frappe.set_user(previous)


def make_service_orders() -> int:
	"""The four demo orders (once); returns how many were made."""
	if frappe.db.exists("Service Order", {"sent_by": TOWNSHIP_USER}):
		return 0
	office = institution("Judicial Office", DONGGUAN_STREET)
	centre = institution("Legal Aid Centre", CHENGDONG)
	neighbour = institution("Legal Aid Centre", CHENGZHONG)
	consultations = frappe.get_all(
		"Legal Consultation",
		filters={"township": DONGGUAN_STREET},
		fields=["name"],
		order_by="consulted_on desc",
		limit=4,
	)
	application = frappe.get_all(
		"Legal Aid Application", filters={"county": CHENGDONG}, pluck="name", order_by="creation", limit=1
	)
	if not (office and centre and neighbour and len(consultations) == 4):
		return 0
	sources = [frappe.get_doc("Legal Consultation", row.name) for row in consultations]

	def send(source, reason):
		return acting_as(
			TOWNSHIP_USER,
			orders.open_order,
			source,
			centre,
			reason,
			rules.LEGAL_AID,
			matter_summary=source.question,
			requester_name=source.citizen_name,
			from_institution=office,
		)

	send(sources[0], "群众反映被拖欠工资，经济困难，转县法律援助中心审查。")
	done = send(sources[1], "赡养纠纷，当事人为低保户，申请法律援助。")
	target = frappe.get_doc("Legal Aid Application", application[0]) if application else None
	acting_as(CENTRE_USER, orders.accept_order, done.name, target)
	acting_as(
		CENTRE_USER, orders.complete_order, done.name, "已受理并指派律师，案件办结。", target and target.name
	)
	handed = send(sources[2], "交通事故损害赔偿，申请法律援助。")
	acting_as(CENTRE_USER, orders.hand_on_order, handed.name, neighbour, "当事人户籍及事故发生地均在城中区。")
	refused = send(sources[3], "房屋买卖合同纠纷，咨询能否申请法律援助。")
	acting_as(CENTRE_USER, orders.refuse_order, refused.name, "家庭收入高于本地法律援助经济困难标准。")
	return 4
