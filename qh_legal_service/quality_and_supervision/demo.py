"""Demo satisfaction evaluations (好差评): about sixty answers across services and counties.

Answers are spread over the last two months, by phone, portal and link, on legal aid applications,
mediation cases, notarization referrals, consultations and hotline work orders. One county (Chengzhong,
630103) is rated worse than the others so that Poorly Rated Regions names it; its bad reviews are at
every step: being rectified (one overdue), awaiting the callback, and closed after the callback. The
demo citizen gets an unanswered survey link for one of their own records.
"""

import random

import frappe
from frappe.utils import add_to_date, now_datetime

from qh_legal_service.quality_and_supervision import satisfaction as site
from qh_legal_service.rules import satisfaction as sat

EVALUATION_COUNT = 60
POOR_COUNTY = "630103"
COMMENTS = {
	sat.VERY_SATISFIED: "工作人员很耐心，解释得很清楚。",
	sat.SATISFIED: "办理及时。",
	sat.BASICALLY_SATISFIED: "等待时间有点长。",
	sat.DISSATISFIED: "多次打电话都没有人回复。",
	sat.VERY_DISSATISFIED: "窗口工作人员态度不好，材料被退回三次。",
}
# Weights of the five levels, best first: most counties are rated well, the poor county badly.
GOOD_WEIGHTS = (45, 30, 15, 6, 4)
POOR_WEIGHTS = (10, 15, 20, 30, 25)
MEASURES = "已核实情况，对窗口工作人员进行批评教育，调整了答复流程。"


def candidate_records() -> list[tuple[str, str, str | None]]:
	"""(doctype, name, county) of the service records the demo evaluates."""
	records = []
	for doctype in sat.SURVEYED_DOCTYPES:
		if not frappe.db.exists("DocType", doctype) or not frappe.get_meta(doctype).has_field("county"):
			continue
		for row in frappe.get_all(doctype, fields=["name", "county"], order_by="creation asc", limit=40):
			records.append((doctype, row.name, row.county))
	return records


def make_satisfaction_evaluations(rng: random.Random, citizen: str | None = None) -> None:
	"""About sixty evaluations and their rectifications (once)."""
	if frappe.db.count(sat.EVALUATION_DOCTYPE):
		return
	records = candidate_records()
	rng.shuffle(records)
	# The poor county's records first, so it has enough answers to be named.
	records.sort(key=lambda record: record[2] != POOR_COUNTY)
	now = now_datetime()
	made = 0
	for doctype, name, county in records:
		if made >= EVALUATION_COUNT:
			break
		weights = POOR_WEIGHTS if county == POOR_COUNTY else GOOD_WEIGHTS
		level = rng.choices(sat.LEVELS, weights=weights)[0]
		channel = rng.choice(sat.CHANNELS)
		evaluated_on = add_to_date(now, days=-rng.randint(0, 60), hours=-rng.randint(0, 8))
		evaluation = frappe.get_doc(
			{
				"doctype": sat.EVALUATION_DOCTYPE,
				"reference_doctype": doctype,
				"reference_name": name,
				"level": level,
				"comment": COMMENTS[level],
				"evaluated_on": evaluated_on,
			}
		)
		evaluation.flags.channel = channel
		evaluation.flags.keep_evaluated_on = True
		evaluation.flags.answer_checked = True
		evaluation.insert(ignore_permissions=True)
		made += 1
		if sat.is_bad(level):
			rectify(evaluation, rng, evaluated_on)
	if citizen:
		give_citizen_a_link(citizen)


def rectify(evaluation, rng: random.Random, evaluated_on) -> None:
	"""Older bad reviews are rectified and called back; recent ones are still open (one overdue)."""
	age_days = (now_datetime() - evaluated_on).days
	if age_days < 5:
		return
	if age_days > 20 and rng.random() < 0.2:
		# Left open past its working days: Bad Reviews Open and Overdue lists it.
		return
	evaluation.rectification_measures = MEASURES
	evaluation.save(ignore_permissions=True)
	if age_days > 10:
		evaluation.update(
			{
				"called_back_on": add_to_date(evaluated_on, days=rng.randint(3, 7)),
				"callback_result": rng.choice(sat.CALLBACK_RESULTS),
				"callback_notes": "当事人表示接受整改结果。",
			}
		)
		evaluation.save(ignore_permissions=True)


def give_citizen_a_link(citizen: str) -> None:
	"""An unanswered one-time link for one of the demo citizen's own records, if they have one."""
	for doctype, rule in sat.SERVICE_RECORDS.items():
		if not rule.user or not frappe.db.exists("DocType", doctype):
			continue
		if not frappe.get_meta(doctype).has_field(rule.user):
			continue
		if name := frappe.db.get_value(doctype, {rule.user: citizen}, "name"):
			site.issue_link(doctype, name)
			return
