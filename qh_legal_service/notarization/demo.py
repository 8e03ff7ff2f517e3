"""Demo notarization referrals: about twenty matters from Chengdong and Chengzhong at every stage.

The demo notary (`notary@demo.qh.gov.cn`, at Xining 630100) works for the Xining notary office; the
referrals come from the township judicial office, the 12348 hotline, a legal aid case and the portal,
and move along through the workflow as the notary would move them, each with its service order.
"""

import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime

from qh_legal_service.rules import notarization as nt

DEMO_NOTARY = "notary@demo.qh.gov.cn"
NOTARY_OFFICE_TYPE = "Notary Office"
OFFICE_DIVISION = "630100"
OFFICE_NAME = "西宁市公证处"
COUNTIES = ("630102", "630103")
NAMES = ("才让", "卓玛", "马海燕", "王建国", "多杰", "拉毛", "索南", "李文华", "扎西", "德吉")
DESCRIPTIONS = {
	"Inheritance": "父亲去世，兄妹三人办理房产继承公证。",
	"Will": "老人订立遗嘱，需办理遗嘱公证。",
	"Power of Attorney": "外出务工，委托亲属办理草场承包经营权手续。",
	"Contract": "牛羊买卖合同办理公证。",
	"Kinship": "子女出国留学需要亲属关系公证。",
	"Birth": "办理出生公证用于境外手续。",
	"Marital Status": "办理未婚公证。",
	"No Criminal Record": "出国务工需要无犯罪记录公证。",
	"Property Rights": "房屋所有权证明公证。",
	"Other Matter": "其他公证事项。",
}
ACCEPT, REFUSE, PAUSE, RESUME, ISSUE, CLOSE = (
	"Accept Referral",
	"Refuse Referral",
	"Pause",
	"Resume",
	"Issue Certificate",
	"Return Result",
)
# (actions, issued late): the list repeats to about twenty referrals.
STORIES = (
	((), False),
	((ACCEPT,), False),
	((ACCEPT, PAUSE), False),
	((ACCEPT, PAUSE, RESUME), False),
	((ACCEPT, ISSUE), False),
	((ACCEPT, ISSUE, CLOSE), False),
	((REFUSE,), False),
	((ACCEPT, PAUSE, RESUME, ISSUE, CLOSE), False),
	((ACCEPT, ISSUE, CLOSE), True),
	((ACCEPT, PAUSE, RESUME, ISSUE), True),
)
REFERRAL_COUNT = 20


def make_notarization_referrals(rng: random.Random) -> None:
	"""The Xining notary office, the demo notary's worker record and about twenty referrals (once)."""
	office = ensure_notary_office()
	ensure_notary(office)
	if frappe.db.count(nt.DOCTYPE):
		return
	villages = frappe.get_all(
		"Administrative Division",
		filters={"tier": "Village", "name": ["like", f"{COUNTIES[0]}%"]},
		pluck="name",
		limit=30,
	) + frappe.get_all(
		"Administrative Division",
		filters={"tier": "Village", "name": ["like", f"{COUNTIES[1]}%"]},
		pluck="name",
		limit=10,
	)
	granted = frappe.get_all(
		"Legal Aid Application",
		filters={"workflow_state": ["in", sorted(nt.LEGAL_AID_GRANTED_STATES)]},
		pluck="name",
		limit=3,
	)
	for number in range(REFERRAL_COUNT):
		actions, late = STORIES[number % len(STORIES)]
		application = granted[number % len(granted)] if granted and number % 5 == 0 else None
		make_referral(rng, rng.choice(villages), office, actions, late, application)


def ensure_notary_office() -> str:
	filters = {"institution_type": NOTARY_OFFICE_TYPE, "division": OFFICE_DIVISION}
	if existing := frappe.db.get_value("Legal Service Institution", filters):
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Legal Service Institution",
				"institution_name": OFFICE_NAME,
				"institution_type": NOTARY_OFFICE_TYPE,
				"division": OFFICE_DIVISION,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def ensure_notary(office: str) -> None:
	"""The demo notary's worker record at the office (the order flow names their institution)."""
	if not frappe.db.exists("User", DEMO_NOTARY):
		return
	existing = frappe.db.get_value("Legal Service Worker", {"user": DEMO_NOTARY}) or frappe.db.get_value(
		"Legal Service Worker",
		{"worker_type": "Notary", "division": OFFICE_DIVISION, "user": ["is", "not set"]},
	)
	if existing:
		frappe.db.set_value("Legal Service Worker", existing, {"institution": office, "user": DEMO_NOTARY})
		return
	frappe.get_doc(
		{
			"doctype": "Legal Service Worker",
			"worker_name": "西宁市公证处 公证员",
			"worker_type": "Notary",
			"institution": office,
			"division": OFFICE_DIVISION,
			"licence_number": "16301002026000001",
			"user": DEMO_NOTARY,
			"active": 1,
			"languages": [{"language": "zh"}, {"language": "bo"}],
		}
	).insert(ignore_permissions=True)


def make_referral(rng, village, office, actions, late, application):
	matter = rng.choice(nt.MATTER_TYPES)
	values = {
		"doctype": nt.DOCTYPE,
		"source": rng.choice((nt.SERVICE_POINT, nt.HOTLINE, nt.PORTAL)),
		"matter_type": matter,
		"matter_description": DESCRIPTIONS[matter],
		"certificate_language": rng.choice((nt.CHINESE, nt.BOTH)),
		"notary_office": office,
		"elderly_without_income": int(rng.random() < 0.2),
	}
	if application:
		source = frappe.get_doc("Legal Aid Application", application)
		values.update(
			{
				name: source.get(name)
				for name in ("applicant_name", "id_number", "phone", "preferred_language", "division")
			}
		)
		values["legal_aid_application"] = application
	else:
		values.update(
			{
				"applicant_name": rng.choice(NAMES),
				"id_number": "11010519491231002X",
				"phone": f"139{rng.randrange(10**8):08d}",
				"preferred_language": rng.choice(("zh", "bo")),
				"division": village,
			}
		)
	doc = frappe.get_doc(values).insert(ignore_permissions=True)
	for action in actions:
		doc = frappe.get_doc(nt.DOCTYPE, doc.name)
		if action == PAUSE:
			doc.pause_reason = rng.choice(nt.PAUSE_REASONS)
			doc.save(ignore_permissions=True)
		if action == REFUSE:
			doc.refusal_ground = "Outside the Office's Practice Area (Art 25)"
			doc.refusal_reason = "申请公证的事项不属于公证执业区域，请向户籍所在地公证机构申请。"
			doc.save(ignore_permissions=True)
		if action == ISSUE:
			if late:
				# Accepted five weeks ago: the certificate is issued after its 15 working days.
				doc.db_set("accepted_on", add_to_date(now_datetime(), days=-35))
				doc = frappe.get_doc(nt.DOCTYPE, doc.name)
				doc.save(ignore_permissions=True)
			doc.certificate_number = f"(2026)青西证字第{rng.randrange(100, 9999)}号"
			doc.save(ignore_permissions=True)
		apply_workflow(doc, action)
