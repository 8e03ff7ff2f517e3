"""Demo 12348 hotline work orders: about forty calls today and on the six days before, in Chinese and
Tibetan, at every stage: waiting (some emergencies, some overdue and escalated), answered directly (as
consultations), transferred to the Chengdong and Chengzhong offices through service orders, accepted,
completed, refused back to the operator, and called back; a few calls nobody answered.

The demo operator (`hotline@demo.qh.gov.cn`, at the province) takes the calls; the demo county and
township staff hold the orders transferred to their offices and complete them through the orders.
"""

import datetime as dt
import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from qh_legal_service import service_order
from qh_legal_service.escalation import escalate_service
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import matters
from qh_legal_service.rules.services import SERVICES

COUNT = 40
COUNTIES = ("630102", "630103")
NAMES = ("才让", "卓玛", "马海燕", "王建国", "多杰", "拉毛", "索南", "李文华", "扎西", "德吉", None)
# What callers ask, by matter, in the language they spoke.
SUMMARIES = {
	matters.LABOUR: ("工地老板拖欠三个月工资，怎么讨要？", "ལས་ཀའི་གླ་ཕོགས་མ་སྤྲད། ཇི་ལྟར་བྱ་དགོས།"),
	matters.MARRIAGE: ("离婚后孩子抚养费对方不给，怎么办？", "གཉེན་སྒྲིག་ཁ་བྲལ་རྗེས་བུ་ཕྲུག་གི་གསོ་སྐྱོང་གི་འགྲོ་སོང་།"),
	matters.INHERITANCE: ("父亲去世后房子怎么继承？", "ཕ་ཤི་རྗེས་ཁང་པ་ཇི་ལྟར་རྒྱུད་འཛིན་བྱེད།"),
	matters.LAND: ("草场承包合同到期后还能续包吗？", "རྩྭ་ཐང་གི་ཁེ་ལས་ཆིངས་ཡིག་དུས་ཚོད་རྫོགས་རྗེས།"),
	matters.CONTRACTS: ("借给亲戚的钱不还，能起诉吗？", "བུ་ལོན་སྤྲད་པ་ཕྱིར་མ་སློག"),
	matters.INJURY: ("被邻居家的狗咬伤，医药费谁出？", "ཁྱིས་སོ་བཏབ་པའི་སྨན་བཅོས་ཀྱི་འགྲོ་སོང་།"),
	matters.SOCIAL: ("养老保险断缴了怎么补？", "རྒས་གསོའི་ཉེན་བཅོལ།"),
	matters.NEIGHBOURS: ("邻居盖房占了我家的路。", "ཁྱིམ་མཚེས་ཀྱིས་ལམ་བཀག"),
}
ANSWER = "已告知来电人可先协商，协商不成可申请人民调解或向人民法院起诉，并告知所需材料。"
REPLY = "已联系来电人并依法处理，来电人表示认可。"
# (actions, days ago, urgency, complex); the list repeats to about forty work orders.
STORIES = (
	((), 0, hl.NORMAL, 0),
	((), 0, hl.EMERGENCY, 0),
	(("answer",), 0, hl.NORMAL, 0),
	(("answer", "callback"), 1, hl.NORMAL, 0),
	(("transfer",), 0, hl.NORMAL, 0),
	(("transfer", "accept"), 1, hl.NORMAL, 1),
	(("transfer", "accept", "complete"), 2, hl.NORMAL, 0),
	(("transfer", "accept", "complete", "callback"), 4, hl.NORMAL, 0),
	(("transfer", "refuse"), 1, hl.NORMAL, 0),
	((), 3, hl.NORMAL, 0),  # left waiting: overdue, escalated
	(("transfer",), 6, hl.NORMAL, 0),  # never accepted: the order and the reply are overdue
	(("answer", "callback"), 5, hl.NORMAL, 0),
)


def make_hotline_work_orders(rng: random.Random) -> None:
	"""About forty work orders (once), their consultations and orders, and the overdue ones escalated."""
	if frappe.db.count(hl.DOCTYPE):
		return
	offices = {
		county: frappe.db.get_value(
			"Legal Service Institution",
			{"institution_type": "Judicial Office", "division": ["like", f"{county}%"]},
			"name",
			order_by="name asc",
		)
		for county in COUNTIES
	}
	villages = {
		county: frappe.get_all(
			"Administrative Division",
			filters={"tier": "Village", "name": ["like", f"{county}%"]},
			pluck="name",
			limit=20,
		)
		for county in COUNTIES
	}
	for number in range(COUNT):
		actions, days_ago, urgency, complex_matter = STORIES[number % len(STORIES)]
		county = COUNTIES[number % 3 == 2]
		if not villages[county] or not offices[county]:
			continue
		make_work_order(
			rng,
			number,
			rng.choice(villages[county]),
			offices[county],
			actions,
			days_ago,
			urgency,
			complex_matter,
		)
	escalate_service(SERVICES[hl.DOCTYPE], now_datetime())
	escalate_service(SERVICES["Service Order"], now_datetime())


def make_work_order(rng, number, village, office, actions, days_ago, urgency, complex_matter):
	matter = rng.choice(sorted(SUMMARIES))
	tibetan = rng.random() < 0.4
	started = now_datetime() - dt.timedelta(days=days_ago, minutes=rng.randrange(20, 600))
	# About one call in twelve rings out; most are picked up within 15 seconds.
	answered = (
		None if number % 12 == 11 else started + dt.timedelta(seconds=rng.choice((4, 8, 11, 14, 22, 35)))
	)
	doc = frappe.get_doc(
		{
			"doctype": hl.DOCTYPE,
			"caller_name": rng.choice(NAMES),
			"phone": f"139{rng.randrange(10**8):08d}",
			"language": hl.TIBETAN if tibetan else hl.CHINESE,
			"division": village,
			"matter_type": matter,
			"urgency": urgency,
			"complex": complex_matter,
			"summary": SUMMARIES[matter][int(tibetan)],
			"call_started_at": started,
			"call_answered_at": answered,
			"call_id": f"DEMO-{started:%Y%m%d}-{number:04d}",
			"operator": "hotline@demo.qh.gov.cn",
		}
	).insert(ignore_permissions=True)
	# The call came in `days_ago` days ago: the work order was received then.
	frappe.db.set_value(hl.DOCTYPE, doc.name, {"received_on": answered or started, "creation": started})
	doc = refreshed(doc)
	for action in actions:
		doc = refreshed(doc)
		if action == "answer":
			doc.answer = ANSWER
			doc.save(ignore_permissions=True)
			apply_workflow(doc, hl.ANSWER)
		elif action == "transfer":
			doc.transfer_to = office
			doc.transfer_reason = "请属地司法所核实并答复来电人。"
			doc.save(ignore_permissions=True)
			apply_workflow(doc, hl.TRANSFER)
			if days_ago:
				moment = (answered or started) + dt.timedelta(hours=2)
				frappe.db.set_value(hl.DOCTYPE, doc.name, "transferred_on", moment)
				refreshed(doc)
				# The order has waited at the office since then too.
				frappe.db.set_value("Service Order", doc.service_order, "held_since", moment)
				frappe.get_doc("Service Order", doc.service_order).save(ignore_permissions=True)
		elif action == "accept":
			service_order.accept_order(doc.service_order)
		elif action == "complete":
			service_order.complete_order(doc.service_order, REPLY)
		elif action == "refuse":
			service_order.refuse_order(
				doc.service_order, "该事项不属于本所辖区，请转至来电人户籍所在地司法所。"
			)
		elif action == "callback":
			doc.callback_result = rng.choice((hl.RESOLVED, hl.RESOLVED, hl.PARTLY_RESOLVED, hl.NOT_REACHED))
			doc.callback_note = "回访来电人，记录办理结果。"
			doc.save(ignore_permissions=True)
			apply_workflow(doc, hl.RECORD_CALLBACK)


def refreshed(doc):
	"""The work order again from the database, saved so that its due moment counts from the stamps."""
	doc = frappe.get_doc(hl.DOCTYPE, doc.name)
	doc.save(ignore_permissions=True)
	return doc
