"""Demo people's mediation cases: about thirty disputes in Chengdong and Chengzhong at every stage.

The demo mediator (`mediator@demo.qh.gov.cn`, at the Dongguan street township 630102001) works for
that township's committee; the cases move along through the workflow as the desk would move them.
"""

import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime

from qh_legal_service.rules import mediation as m

DEMO_MEDIATOR = "mediator@demo.qh.gov.cn"
COMMITTEE_TYPE = "People's Mediation Committee"
# (township, its committee's name): the demo mediator's township and a neighbouring county's.
TOWNSHIP_COMMITTEES = (
	("630102001", "东关大街街道人民调解委员会"),
	("630103001", "人民街街道人民调解委员会"),
)
NAMES = ("才让", "卓玛", "马海燕", "王建国", "多杰", "拉毛", "索南", "李文华", "扎西", "德吉")
SUMMARIES = {
	"Marriage and Family": "离婚后子女抚养费的数额和支付方式有争议。",
	"Neighbours": "邻居加盖房屋挡住采光和通道。",
	"Land": "承包地边界界桩被移动。",
	"Grassland and Pasture Boundaries": "两户牧民冬季草场的边界有争议。",
	"Labour": "工地拖欠三个月工资。",
	"Contracts": "牛羊买卖合同的货款未付清。",
	"Damages": "牦牛越界踩坏青稞地，要求赔偿。",
	"Other Dispute": "共用水渠的用水时间有争议。",
}
# (actions to take, agreement form) per story; the list repeats to about thirty cases.
STORIES = (
	((), None),
	((m.ACCEPT,), None),
	((m.ACCEPT, m.START), None),
	((m.ACCEPT, m.START, m.RECORD_AGREEMENT), m.WRITTEN),
	((m.ACCEPT, m.START, m.RECORD_AGREEMENT), m.VERBAL),
	((m.ACCEPT, m.START, m.RECORD_AGREEMENT, m.CLOSE), m.WRITTEN),
	((m.ACCEPT, m.START, m.RECORD_NO_AGREEMENT), None),
	((m.ACCEPT, m.START, m.RECORD_NO_AGREEMENT, m.CLOSE), None),
	((m.ACCEPT, m.RECORD_WITHDRAWAL), None),
	((m.DECLINE,), None),
)
CASE_COUNT = 30


def make_mediation_cases(rng: random.Random) -> None:
	"""Committees, the demo mediator's worker record and about thirty cases (once)."""
	committees = {township: ensure_committee(township, name) for township, name in TOWNSHIP_COMMITTEES}
	mediators = {township: ensure_mediator(township, committee) for township, committee in committees.items()}
	if frappe.db.count("Mediation Case"):
		return
	villages = {
		township: frappe.get_all(
			"Administrative Division", filters={"parent_administrative_division": township}, pluck="name"
		)
		or [township]
		for township in committees
	}
	for number in range(CASE_COUNT):
		township = TOWNSHIP_COMMITTEES[0 if number % 4 else 1][0]
		actions, form = STORIES[number % len(STORIES)]
		make_case(
			rng, rng.choice(villages[township]), committees[township], mediators[township], actions, form
		)


def ensure_committee(township: str, name: str) -> str:
	if existing := frappe.db.get_value("Legal Service Institution", {"institution_name": name}):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Legal Service Institution",
			"institution_name": name,
			"institution_type": COMMITTEE_TYPE,
			"division": township,
		}
	).insert(ignore_permissions=True)
	return doc.name


def ensure_mediator(township: str, committee: str) -> str:
	"""The township's mediator: the demo mediator's own worker record in their township."""
	user = DEMO_MEDIATOR if township == TOWNSHIP_COMMITTEES[0][0] else None
	filters = {"worker_type": "Mediator", "division": township}
	if existing := frappe.db.get_value("Legal Service Worker", filters):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Legal Service Worker",
			"worker_name": "桑吉卓玛" if user else "马明",
			"worker_type": "Mediator",
			"institution": committee,
			"division": township,
			"user": user if user and frappe.db.exists("User", user) else None,
			"active": 1,
			"languages": [{"language": "zh"}, {"language": "bo"}],
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_case(rng, village, committee, mediator, actions, form):
	dispute_type = rng.choice(m.DISPUTE_TYPES)
	applicant, respondent = rng.sample(NAMES, 2)
	doc = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"applicant_name": applicant,
			"source": rng.choice(m.SOURCES[:2]),
			"division": village,
			"dispute_type": dispute_type,
			"dispute_summary": SUMMARIES[dispute_type],
			"parties": [
				{"party_name": applicant, "role": m.APPLICANT, "language": rng.choice(("zh", "bo"))},
				{"party_name": respondent, "role": m.RESPONDENT, "language": "zh"},
			],
		}
	).insert(ignore_permissions=True)
	for action in actions:
		if action == m.ACCEPT:
			doc.committee = committee
		if action == m.DECLINE:
			doc.not_accepted_reason = "被申请人明确拒绝调解（人民调解法第十七条）。"
		if action == m.START:
			doc.set("mediators", [{"mediator": mediator}])
			doc.append(
				"sessions",
				{
					"session_date": now_datetime().date(),
					"place": "村委会",
					"mediator": mediator,
					"summary": "听取双方陈述。",
				},
			)
		if action == m.RECORD_AGREEMENT:
			fill_agreement(doc, form)
		if action == m.RECORD_NO_AGREEMENT:
			doc.no_agreement_reason = "双方对赔偿数额分歧较大，已告知可向人民法院起诉。"
		if action == m.RECORD_WITHDRAWAL:
			doc.withdrawal_reason = "申请人要求终止调解。"
		if action == m.CLOSE and doc.outcome == m.AGREEMENT_REACHED:
			doc.followed_up_on = now_datetime().date()
			doc.performance = rng.choice(m.PERFORMANCE)
		doc.save(ignore_permissions=True)
		doc = apply_workflow(doc, action)
	return doc


def fill_agreement(doc, form):
	doc.agreement_form = form
	doc.agreement_terms = "被申请人于三十日内一次性支付赔偿款人民币三千元。"
	doc.agreement_effective_on = now_datetime().date()
	if form == m.WRITTEN:
		doc.facts_and_dispute = doc.dispute_summary
		doc.responsibility = "被申请人承担主要责任。"
		doc.performance_method = "现金或银行转账支付。"
		doc.performance_deadline = add_to_date(now_datetime(), days=30).date()
		doc.signed_by_parties = doc.signed_by_mediator = doc.committee_seal = 1
