"""Demo data: staff at every tier, institutions, service points, workers, adviser assignments and
consultations across Qinghai. `bench --site S qhls-demo --scale small|large`."""

import random
from dataclasses import dataclass

import frappe
from frappe.utils import add_to_date, now, now_datetime

from qh_legal_service.figures import rebuild as rebuild_figures
from qh_legal_service.hotline.demo import make_hotline_work_orders
from qh_legal_service.install import complete_setup_unattended
from qh_legal_service.legal_service_core.doctype.special_group.special_group import make_special_groups
from qh_legal_service.mediation.demo import make_mediation_cases
from qh_legal_service.notarization.demo import make_notarization_referrals
from qh_legal_service.quality_and_supervision.demo import make_satisfaction_evaluations
from qh_legal_service.quality_and_supervision.equalisation import load_population_file
from qh_legal_service.rules.divisions import ancestors_by_tier, load_division_file
from qh_legal_service.rules.scope import area_columns
from qh_legal_service.rules.service_network import point_type_for_tier
from qh_legal_service.rules.special_groups import (
	GROUPS_FIELD,
	MEMBERSHIP_DOCTYPE,
	MEMBERSHIP_FIELD,
	SPECIAL_GROUPS,
)
from qh_legal_service.service_order_demo import make_service_orders
from qh_legal_service.staff import create_staff_user

DEMO_PASSWORD = "Qinghai#2026"
# Prefectures whose people mostly speak Tibetan; their staff serve in both languages.
TIBETAN_PREFECTURE_PREFIXES = ("6322", "6323", "6325", "6326", "6327")


def in_tibetan_area(code: str) -> bool:
	"""Whether a division lies in one of the Tibetan prefectures."""
	return code.startswith(TIBETAN_PREFECTURE_PREFIXES)


@dataclass(frozen=True)
class DemoUser:
	"""A demo login: who, where and which desk."""

	email: str
	full_name: str
	division: str
	profile: str
	language: str = "zh"


DEMO_USERS = (
	DemoUser("province@demo.qh.gov.cn", "省司法厅 监管员", "630000", "Province Supervisor"),
	DemoUser("xining@demo.qh.gov.cn", "西宁市 监管员", "630100", "Prefecture Supervisor"),
	DemoUser("yushu@demo.qh.gov.cn", "玉树州 监管员", "632700", "Prefecture Supervisor", "bo"),
	DemoUser("chengdong@demo.qh.gov.cn", "城东区司法局 工作人员", "630102", "County Justice Bureau"),
	DemoUser("chengzhong@demo.qh.gov.cn", "城中区司法局 工作人员", "630103", "County Justice Bureau"),
	DemoUser("reviewer@demo.qh.gov.cn", "城东区法律援助中心 审查员", "630102", "Legal Aid Reviewer"),
	DemoUser(
		"township@demo.qh.gov.cn", "东关大街街道司法所 工作人员", "630102001", "Township Judicial Office"
	),
	DemoUser("village@demo.qh.gov.cn", "村法律顾问", "630102001001", "Village Legal Adviser"),
	DemoUser("hotline@demo.qh.gov.cn", "12348热线 接线员", "630000", "12348 Hotline Operator"),
	DemoUser("notary@demo.qh.gov.cn", "西宁市公证处 公证员", "630100", "Notary"),
	DemoUser("mediator@demo.qh.gov.cn", "人民调解员", "630102001", "Mediator"),
)

CITIZEN_EMAIL = "citizen@demo.qh.gov.cn"

# (applicant, village, matter, flags, actions with the values each needs) for the legal aid demo.
LEGAL_AID_STORIES = (
	("才让", "630102001001", "Labour Relations or Unpaid Pay", {"migrant_worker_pay_claim": 1}, ()),
	(
		"马海燕",
		"630102001004",
		"Maintenance (Support, Child Support, Alimony)",
		{"single_mother": 1},
		("Start Review",),
	),
	(
		"李建国",
		"630102002008",
		"Personal Injury (Work, Traffic, Food or Drug, Medical)",
		{},
		(("Request Materials", {"materials_notice": "1. 医院诊断证明\n2. 交通事故认定书\n3. 家庭收入证明"}),),
	),
	(
		"卓玛",
		"630102002009",
		"Maintenance (Support, Child Support, Alimony)",
		{"art32_claim": "A Victim of Abuse, Abandonment or Domestic Violence Claiming Their Rights"},
		("Start Review", "Approve"),
	),
	(
		"索南",
		"630102001005",
		"Pension or Relief Payment",
		{"elderly_without_income": 1},
		("Start Review", "Approve", ("Assign", {}), "Start Handling"),
	),
	(
		"王文华",
		"630102002010",
		"Labour Relations or Unpaid Pay",
		{},
		(
			"Start Review",
			(
				"Refuse",
				{"decision_reasons": "家庭人均月收入高于本省法律援助经济困难标准，且不属于免予核查的情形。"},
			),
		),
	),
	(
		"多杰",
		"630102001001",
		"Personal Injury (Work, Traffic, Food or Drug, Medical)",
		{"disabled_without_income": 1},
		(
			"Start Review",
			"Approve",
			("Assign", {}),
			"Start Handling",
			(
				"Close",
				{"outcome": "Settled or Mediated", "closing_report": "经调解，用人单位一次性赔偿工伤损失。"},
			),
		),
	),
)

SCALES = {"small": 3_000, "large": 1_000_000}
CHANNELS = ("Service Window", "12348 Hotline", "12348 Online", "Village Visit")
STATUSES = ("Open", "Answered", "Answered", "Referred", "Closed", "Closed")
QUESTIONS = (
	"草场承包合同纠纷怎么处理？",
	"工资被拖欠三个月，可以申请法律援助吗？",
	"老人赡养费如何主张？",
	"交通事故赔偿标准是什么？",
	"离婚时牛羊如何分割？",
	"ཞིང་ཁའི་རྩོད་གཞི་ཇི་ལྟར་ཐག་གཅོད་བྱེད་དགོས།",
)


def make_demo(scale: str = "small", seed: int = 2026) -> list[DemoUser]:
	"""Fill the site with demo data at `scale` and return the demo users."""
	complete_setup_unattended()
	rng = random.Random(seed)
	divisions = load_division_file()
	by_tier: dict[str, list] = {}
	for row in divisions:
		by_tier.setdefault(row.tier, []).append(row)
	if not frappe.db.exists("Legal Service Institution", {"institution_name": "青海省法律援助中心"}):
		make_institutions(by_tier)
		make_service_points(by_tier, rng)
		make_workers(by_tier, rng)
	attach_workers_to_institutions()
	make_hardship_thresholds()
	for user in DEMO_USERS:
		create_staff_user(
			user.email, user.full_name, user.division, user.profile, user.language, DEMO_PASSWORD
		)
	make_citizen(CITIZEN_EMAIL, "卓玛", "bo")
	make_consultations(divisions, SCALES.get(scale, scale), rng)
	if not frappe.db.count("Legal Aid Application"):
		make_legal_aid_applications(rng)
	make_mediation_cases(rng)
	make_notarization_referrals(rng)
	make_hotline_work_orders(rng)
	make_service_orders()
	make_satisfaction_evaluations(rng, CITIZEN_EMAIL)
	# The 2020 census population per county, for the Equalisation Index.
	load_population_file()
	mark_special_groups(rng)
	# Some demo records are written in bulk, past their controllers: count every service afresh.
	rebuild_figures()
	return [*DEMO_USERS, DemoUser(CITIZEN_EMAIL, "卓玛 (portal)", "", "Legal Service Citizen", "bo")]


# The services whose people mark their special groups in the shared Special Groups table, and the share
# of their demo records that belong to one or two groups.
GROUP_TABLE_DOCTYPES = ("Mediation Case", "Hotline Work Order", "Legal Consultation")
GROUP_SHARE = 0.2


def mark_special_groups(rng: random.Random) -> None:
	"""Put a fifth of the mediation cases, hotline calls and consultations in one or two special groups
	(rows of their Special Groups table, written in bulk; the figures are rebuilt afterwards)."""
	make_special_groups()
	for doctype in GROUP_TABLE_DOCTYPES:
		if frappe.db.count(MEMBERSHIP_DOCTYPE, {"parenttype": doctype}):
			continue
		rows = []
		for name in frappe.get_all(doctype, pluck="name", order_by="name asc"):
			if rng.random() >= GROUP_SHARE:
				continue
			for idx, group in enumerate(rng.sample(SPECIAL_GROUPS, rng.choice((1, 1, 2))), start=1):
				rows.append(
					(frappe.generate_hash(length=10), name, doctype, GROUPS_FIELD, idx, group, now(), now())
				)
		frappe.db.bulk_insert(
			MEMBERSHIP_DOCTYPE,
			["name", "parent", "parenttype", "parentfield", "idx", MEMBERSHIP_FIELD, "creation", "modified"],
			rows,
		)


# The institution a demo worker of each kind practises at, found in the worker's own division.
WORKER_INSTITUTIONS = {
	"Lawyer": "Law Firm",
	"Mediator": "People's Mediation Committee",
	"Notary": "Notary Office",
	"Village Legal Adviser": "Judicial Office",
}


def attach_workers_to_institutions() -> None:
	"""Give each demo worker the institution they practise at (idempotent).

	An application fetches `assigned_institution` from its worker, and the assignment letter names it:
	demo workers made without an institution left it empty, so their cases are filled in here too.
	"""
	institutions = {
		(row.institution_type, row.division): row.name
		for row in frappe.get_all(
			"Legal Service Institution",
			filters={"institution_type": ["in", list(WORKER_INSTITUTIONS.values())]},
			fields=["name", "institution_type", "division"],
			order_by="creation desc",
		)
	}
	for worker in frappe.get_all(
		"Legal Service Worker",
		filters={"institution": ["is", "not set"], "worker_type": ["in", list(WORKER_INSTITUTIONS)]},
		fields=["name", "worker_type", "division"],
	):
		if institution := institutions.get((WORKER_INSTITUTIONS[worker.worker_type], worker.division)):
			frappe.db.set_value("Legal Service Worker", worker.name, "institution", institution)
	for application in frappe.get_all(
		"Legal Aid Application",
		filters={"assigned_worker": ["is", "set"], "assigned_institution": ["is", "not set"]},
		fields=["name", "assigned_worker"],
	):
		institution = frappe.db.get_value("Legal Service Worker", application.assigned_worker, "institution")
		if institution:
			frappe.db.set_value(
				"Legal Aid Application", application.name, "assigned_institution", institution
			)


def make_hardship_thresholds() -> None:
	"""Illustrative thresholds: province-wide and a higher one for Xining (set by the province, Art 34)."""
	if frappe.db.count("Legal Aid Hardship Threshold"):
		return
	for prefecture, amount in ((None, 1200), ("630100", 1400)):
		insert(
			"Legal Aid Hardship Threshold",
			prefecture=prefecture,
			amount=amount,
			effective_from="2025-01-01",
			basis="示例数据 (demo): 按城乡最低生活保障标准的两倍左右设定",
		)


def make_citizen(email: str, first_name: str, language: str) -> None:
	"""A portal user with the citizen role, as if they had signed up."""
	if frappe.db.exists("User", email):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"language": language,
			"time_zone": frappe.get_system_settings("time_zone") or "Asia/Shanghai",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": DEMO_PASSWORD,
			"roles": [{"role": "Legal Service Citizen"}],
		}
	)
	user.insert(ignore_permissions=True)


def make_legal_aid_applications(rng: random.Random) -> None:
	"""Applications in Chengdong at every stage, moved along by the workflow as the desk would."""
	from frappe.model.workflow import apply_workflow

	lawyer = frappe.get_all(
		"Legal Service Worker", filters={"worker_type": "Lawyer", "county": "630102"}, pluck="name", limit=1
	)
	for applicant, village, matter, flags, actions in LEGAL_AID_STORIES:
		values = {"household_size": 3, "monthly_household_income": 2400, "honesty_pledge": 1, **flags}
		doc = insert(
			"Legal Aid Application",
			applicant_name=applicant,
			id_number="11010519491231002X",
			phone=f"139{rng.randrange(10**8):08d}",
			preferred_language="bo" if applicant in ("才让", "卓玛", "索南", "多杰") else "zh",
			division=village,
			matter_type=matter,
			aid_requested="Civil or Administrative Litigation Representation",
			channel=rng.choice(("Walk-in at a Service Point", "Portal", "12348 Hotline")),
			facts="示例案情 (demo facts).",
			**values,
		)
		for action in actions:
			name, values = action if isinstance(action, tuple) else (action, {})
			if name == "Request Materials":
				values = {**values, "materials_due": add_to_date(now_datetime(), days=10).date()}
			if name == "Assign":
				values = {"assigned_worker": lawyer[0]}
			if values:
				doc.update(values)
				doc.save(ignore_permissions=True)
			doc = apply_workflow(doc, name)


def languages_for(code: str) -> list[dict]:
	"""Chinese everywhere, Tibetan too in the Tibetan prefectures."""
	langs = ["zh", "bo"] if in_tibetan_area(code) else ["zh"]
	return [{"language": lang} for lang in langs]


def insert(doctype: str, **values):
	"""Insert one demo record as Administrator."""
	return frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


def make_institutions(by_tier: dict) -> None:
	"""Legal aid centres and notary offices to the prefecture, law firms and committees per county,
	a judicial office per township, and the provincial 12348 centre."""
	insert(
		"Legal Service Institution",
		institution_name="青海省法律援助中心",
		institution_type="Legal Aid Centre",
		division="630000",
		languages_served=languages_for("6327"),
	)
	insert(
		"Legal Service Institution",
		institution_name="青海省12348公共法律服务热线中心",
		institution_type="12348 Hotline Centre",
		division="630000",
		languages_served=languages_for("6327"),
	)
	for row in by_tier["Prefecture"]:
		for kind, suffix in (("Legal Aid Centre", "法律援助中心"), ("Notary Office", "公证处")):
			insert(
				"Legal Service Institution",
				institution_name=row.name + suffix,
				institution_type=kind,
				division=row.code,
				languages_served=languages_for(row.code),
			)
	for row in by_tier["County"]:
		for kind, suffix in (
			("Legal Aid Centre", "法律援助中心"),
			("Law Firm", "明德律师事务所"),
			("People's Mediation Committee", "人民调解委员会"),
		):
			insert(
				"Legal Service Institution",
				institution_name=row.name + suffix,
				institution_type=kind,
				division=row.code,
				languages_served=languages_for(row.code),
			)
	for row in by_tier["Township"]:
		insert(
			"Legal Service Institution",
			institution_name=row.name + "司法所",
			institution_type="Judicial Office",
			division=row.code,
			languages_served=languages_for(row.code),
		)


def make_service_points(by_tier: dict, rng: random.Random) -> None:
	"""A centre for every county and above, a station per township and rooms in some villages; a few
	not yet built, so the coverage report has gaps to show."""
	for tier, built_share in (("Province", 1), ("Prefecture", 1), ("County", 0.93), ("Township", 0.86)):
		for row in by_tier[tier]:
			built = rng.random() < built_share
			insert(
				"Service Point",
				service_point_name=row.name + "公共法律服务" + ("中心" if tier != "Township" else "工作站"),
				point_type=point_type_for_tier(tier),
				division=row.code,
				is_built=int(built),
				built_on="2020-10-01" if built else None,
				windows=[
					{"window_number": str(n), "service_item": item}
					for n, item in enumerate(
						("Legal Consultation", "Legal Aid Application", "People's Mediation"), start=1
					)
				],
			)
	for row in by_tier["Village"]:
		if rng.random() < 0.25:
			insert(
				"Service Point",
				service_point_name=row.name + "公共法律服务室",
				point_type=point_type_for_tier("Village"),
				division=row.code,
				is_built=1,
				built_on="2021-06-01",
			)


def make_workers(by_tier: dict, rng: random.Random) -> None:
	"""Lawyers and mediators per county, notaries per prefecture, and village advisers who each serve
	up to three villages of one township, leaving about one village in twelve without an adviser."""
	surnames = "王李张刘陈杨马才多扎桑卓"
	given = ("建国", "海燕", "明", "才让", "卓玛", "多杰", "拉毛", "索南", "文华", "德吉")

	def name():
		return rng.choice(surnames) + rng.choice(given)

	for row in by_tier["Prefecture"]:
		insert(
			"Legal Service Worker",
			worker_name=name(),
			worker_type="Notary",
			division=row.code,
			licence_number=f"1{row.code}{rng.randrange(10**9):09d}"[:17],
			languages=languages_for(row.code),
		)
	for row in by_tier["County"]:
		for _ in range(2):
			insert(
				"Legal Service Worker",
				worker_name=name(),
				worker_type="Lawyer",
				division=row.code,
				licence_number=f"1{row.code}{rng.randrange(10**10):010d}",
				languages=languages_for(row.code),
			)
		insert(
			"Legal Service Worker",
			worker_name=name(),
			worker_type="Mediator",
			division=row.code,
			languages=languages_for(row.code),
		)
	villages_by_township: dict[str, list] = {}
	for row in by_tier["Village"]:
		villages_by_township.setdefault(row.parent_code, []).append(row)
	for township, villages in villages_by_township.items():
		covered = [v for v in villages if rng.random() > 1 / 12] or villages[:1]
		for start in range(0, len(covered), 3):
			group = covered[start : start + 3]
			insert(
				"Legal Service Worker",
				worker_name=name(),
				worker_type="Village Legal Adviser",
				division=township,
				languages=languages_for(township),
				licence_number=None,
				served_divisions=[{"division": v.code} for v in group],
			)


def make_consultations(divisions: list, count: int, rng: random.Random, batch: int = 10_000) -> int:
	"""Bulk-insert `count` consultations (beyond those already there) spread over villages and counties."""
	existing = frappe.db.count("Legal Consultation", {"name": ["like", "LCD-%"]})
	if existing >= count:
		return 0
	paths = ancestors_by_tier(divisions)
	places = [row.code for row in divisions if row.tier in ("Village", "Township", "County")]
	fields = [
		"name",
		"consulted_on",
		"channel",
		"division",
		"prefecture",
		"county",
		"township",
		"status",
		"question",
		"language",
		"citizen_name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
	]
	# Whole minutes, as the desk's datetime control keeps them: seconds would mark every form unsaved.
	now = now_datetime().replace(second=0, microsecond=0)
	added = 0
	for first in range(existing, count, batch):
		values = []
		for number in range(first, min(first + batch, count)):
			division = rng.choice(places)
			when = add_to_date(now, minutes=-rng.randrange(60 * 24 * 365 * 2))
			columns = area_columns(paths[division])
			values.append(
				(
					f"LCD-{number:08d}",
					when,
					rng.choice(CHANNELS),
					division,
					columns["prefecture"],
					columns["county"],
					columns["township"],
					rng.choice(STATUSES),
					rng.choice(QUESTIONS),
					"bo" if in_tibetan_area(division) else "zh",
					"群众",
					when,
					when,
					"Administrator",
					"Administrator",
					0,
				)
			)
		frappe.db.bulk_insert("Legal Consultation", fields, values)
		added += len(values)
		frappe.db.commit()  # nosemgrep: a million rows go in batches; each batch stands on its own
	return added
