"""The monthly supervision bulletin's figures and its bilingual print (Jinja method `supervision_bulletin`).

A draft bulletin reads its division's figures live, as its reader may see them: the key indicators
(`indicators.indicator_rows`), the receipts of each of the five services residents receive this month,
the month before and the same month a year earlier with the share of its steps ended in time
(`figures.figure_sums`), the special groups and, for the province and a prefecture, its counties ranked by
the equalisation index. Publishing copies those rows into the bulletin (`Supervision Bulletin Row`); a
published bulletin prints only its copy. The headings' wording is in templates/print/bulletin/layout.html.
"""

import frappe
from frappe.utils import getdate

from qh_legal_service.figures import figure_sums
from qh_legal_service.indicators import indicator_rows
from qh_legal_service.quality_and_supervision.equalisation import equalisation_rows
from qh_legal_service.quality_and_supervision.special_groups import ALL_SERVICES, special_group_rows
from qh_legal_service.rules import bulletin as rules
from qh_legal_service.rules.divisions import tibetan_place_name
from qh_legal_service.rules.equalisation import SERVICES as MAIN_SERVICES
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import STEP, share
from qh_legal_service.rules.special_groups import SPECIAL_GROUPS
from qh_legal_service.service_documents import (
	bi,
	date_text,
	lines,
	office_name,
	render_prose,
	script_spans,
	term,
)

DIVISION = "Administrative Division"
BULLETIN = "Supervision Bulletin"
LAYOUT = "bulletin/layout"
# The unit of an indicator given in percent (the indicators list's).
PERCENT = "percent"

# The office that issues a division's bulletin, by the division's tier (catalogue msgids).
OFFICE_BY_TIER = {
	"Province": "Department of Justice",
	"Prefecture": "Justice Bureau",
	"County": "Justice Bureau",
	"Township": "Judicial Office",
}


# The figures
# -----------


def live_sections(division: str, tier: str, month) -> dict[str, list[dict]]:
	"""Every section of a division's bulletin for a month, from the figures as they are now."""
	month = rules.first_of_month(getdate(month))
	return {
		rules.INDICATORS: indicator_section(division, month),
		rules.SERVICES: service_section(division, month),
		rules.SPECIAL_GROUPS: special_group_section(division, month),
		rules.EQUALISATION: equalisation_section(division, month) if tier in rules.RANKING_TIERS else [],
	}


def indicator_section(division: str, month) -> list[dict]:
	"""The key indicators the app computes, against their targets, for the division's month."""
	return [
		{
			"section": rules.INDICATORS,
			"code": row["indicator"],
			"label": row["indicator_name"],
			"division": row["division"],
			"current": row["value"],
			"target": row["target"],
			"met": 1 if row["met"] else 0,
			"numerator": row["numerator"],
			"denominator": row["denominator"],
			"unit": row["unit"],
		}
		for row in indicator_rows(division, month, month)
	]


def service_section(division: str, month) -> list[dict]:
	"""Each service residents receive: received this month, the month before, a year earlier; steps in time."""
	this, _last, year_ago = rules.compared_months(month)
	rows = []
	for source in (FIGURE_SOURCES[service] for service in MAIN_SERVICES):
		received = {
			getdate(row["month"]): row["records"]
			for row in figure_sums(
				source.doctype,
				[source.received.figure],
				year_ago,
				this,
				group_by=["month"],
				division=division,
			)
		}
		in_time = timed = None
		if source.step_log:
			steps = figure_sums(source.doctype, [STEP], this, this, division=division)
			in_time, timed = (steps[0]["in_time"] or 0, steps[0]["timed"] or 0) if steps else (0, 0)
		rows.append(rules.service_row(source.doctype, received, this, in_time, timed))
	return rows


def special_group_section(division: str, month) -> list[dict]:
	"""Each special group across the services: received this month and the month before; steps on time."""
	this, last, _year_ago = rules.compared_months(month)
	current, previous = (
		{
			row["group"]: row
			for row in special_group_rows(division, start, start)
			if row["service"] == ALL_SERVICES
		}
		for start in (this, last)
	)
	return [
		{
			"section": rules.SPECIAL_GROUPS,
			"code": group,
			"label": group,
			"current": current.get(group, {}).get("received", 0),
			"previous": previous.get(group, {}).get("received", 0),
			"numerator": current.get(group, {}).get("in_time", 0),
			"denominator": current.get(group, {}).get("timed", 0),
		}
		for group in SPECIAL_GROUPS
	]


def equalisation_section(division: str, month) -> list[dict]:
	"""The counties under the division, ranked by the equalisation index (best served first)."""
	return [
		{
			"section": rules.EQUALISATION,
			"code": row["county"],
			"label": row["county_name"],
			"division": row["county"],
			"current": row["index"],
			"rate": row["per_10k"],
			"numerator": row["in_time"],
			"denominator": row["timed"],
			"rank": row["rank"],
		}
		for row in equalisation_rows(division, month, month)
	]


# The print
# ---------


def bulletin_sections(doc) -> dict[str, list[dict]]:
	"""A published bulletin's rows as published; a draft's from the figures as they are now."""
	if doc.status == rules.PUBLISHED:
		return rules.sections_of(row.as_dict() for row in doc.figures)
	return live_sections(doc.division, doc.tier or tier_of(doc.division), doc.month)


def tier_of(division: str) -> str | None:
	return frappe.db.get_value(DIVISION, division, "tier", cache=True)


def division_text(code: str | None) -> dict:
	"""A division's name in both languages (its Tibetan name, or the Chinese one in brackets)."""
	zh, bo = frappe.db.get_value(DIVISION, code, ["division_name", "division_name_bo"]) or (code or "", "")
	return bi(tibetan_place_name(bo, zh).rstrip("་") if bo else f"（{zh}）", zh)


def month_text(month) -> dict:
	day = getdate(month)
	return bi(f"{day.year}ལོའི་ཟླ་{day.month}པ།", f"{day.year}年{day.month}月")


def number(value) -> str:
	"""A number as printed: a whole number without decimals, else one decimal; '—' for nothing."""
	if value is None:
		return "—"
	value = float(value)
	return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


def percent(value) -> str:
	return "—" if value is None else f"{value:.1f}%"


def index(value) -> str:
	"""The equalisation index (1 is the typical county) or a rate per 10,000 residents, to two decimals."""
	return "—" if value is None else f"{value:.2f}"


def signed(value) -> str:
	return "—" if value is None else f"{value:+.1f}%"


def printed_rows(section: str, rows: list[dict]) -> list[dict]:
	"""The rows of a section with their label in both languages and their numbers as printed."""
	printed = []
	for row in rows:
		row = {**dict.fromkeys(rules.ROW_FIELDS), **row}
		label = division_text(row["division"]) if section == rules.EQUALISATION else term(row["label"])
		shown = percent if row["unit"] == PERCENT else index if section == rules.EQUALISATION else number
		printed.append(
			{
				**row,
				"name": label,
				"current_text": shown(row["current"]),
				"previous_text": number(row["previous"]),
				"year_ago_text": number(row["year_ago"]),
				"target_text": shown(row["target"]),
				"rate_text": index(row["rate"]),
				"on_time": percent(share(row["numerator"] or 0, row["denominator"] or 0)),
				"month_change": signed(rules.change(row["current"], row["previous"])),
				"year_change": signed(rules.change(row["current"], row["year_ago"])),
			}
		)
	return printed


def supervision_bulletin(doc) -> dict:
	"""Everything the bulletin's print format prints, in both languages (the Jinja method)."""
	doc.check_permission("read")
	tier = doc.tier or tier_of(doc.division)
	this, last, year_ago = rules.compared_months(getdate(doc.month))
	place = division_text(doc.division)
	sections = bulletin_sections(doc)
	return {
		"texts": render_prose(LAYOUT, {})[1],
		"letterhead": office_name(place["bo"], place["zh"], OFFICE_BY_TIER.get(tier, "Justice Bureau")),
		"place": place,
		"month": month_text(this),
		"months": {"this": month_text(this), "last": month_text(last), "year_ago": month_text(year_ago)},
		"number": doc.name,
		"published": doc.status == rules.PUBLISHED,
		"date": date_text(doc.published_on) if doc.status == rules.PUBLISHED else date_text(None),
		"ranked": tier in rules.RANKING_TIERS,
		"sections": {section: printed_rows(section, rows) for section, rows in sections.items()},
		"notes": lines(doc.notes),
		"spans": script_spans,
	}


# The monthly drafts
# ------------------


def create_monthly_drafts(today=None) -> list[str]:
	"""On the 1st (scheduled monthly): a draft of last month's bulletin for the province and each prefecture.

	A bulletin already made for the month is left as it is. Returns the names of the drafts made.
	"""
	month = rules.shift_months(rules.first_of_month(getdate(today)), -1)
	made = []
	for division in frappe.get_all(
		DIVISION, filters={"tier": ["in", rules.RANKING_TIERS]}, pluck="name", order_by="lft asc"
	):
		name = rules.bulletin_name(division, month)
		if not frappe.db.exists(BULLETIN, name):
			frappe.get_doc({"doctype": BULLETIN, "division": division, "month": month}).insert(
				ignore_permissions=True
			)
			made.append(name)
	return made
