"""Benchmark the Mediation Outcomes report at scale, as a province, a prefecture and a county user.

Run with the bench's python from the bench's sites folder, on a THROWAWAY site with the app installed
(it bulk-inserts mediation cases):

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/mediation_report_benchmark.py \
		--site medbench.localhost --records 1000000

It tops the site up to --records Mediation Cases (frappe.db.bulk_insert in batches, no doc.insert), from
random villages over the last two years, at every state with the stamps and stored facts the controller
would have set (outcome, duration_days, the court's answer, the follow-up). It then times the report
(`execute`: one GROUP BY by division and dispute type over the rows the user's tier reads, requested in the
last twelve months; the division rows and the total add those sums up) as each user, and prints and appends the table to
benchmarks/RESULTS.md. Medians of --repeat runs, in milliseconds. `--drop` deletes the inserted cases.
"""

import random
import time

import frappe
from harness import ensure_users, machine, main, results_table, site_session, timed, top_up

USERS = (
	("Province", "bench-mediation-province@test.qh", "630000", "Province Supervisor"),
	("Prefecture", "bench-mediation-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("County", "bench-mediation-county@test.qh", "630202", "County Justice Bureau"),
)
DOCTYPE = "Mediation Case"
PREFIX = "MEB-"
SECTION = "## Mediation: Mediation Outcomes report"


def make_cases(divisions, count: int, rng: random.Random, batch: int = 10_000) -> int:
	"""Bulk-insert cases up to `count`, their columns filled as the controller would fill them."""
	from frappe.utils import add_to_date, now_datetime

	from qh_legal_service.rules import mediation as m
	from qh_legal_service.rules.divisions import ancestors_by_tier
	from qh_legal_service.rules.scope import area_columns

	existing = frappe.db.count(DOCTYPE, {"name": ["like", f"{PREFIX}%"]})
	if existing >= count:
		return 0
	paths = ancestors_by_tier(divisions)
	villages = [row.code for row in divisions if row.tier == "Village"]
	states = [m.CLOSED] * 5 + [m.AGREEMENT_REACHED] * 2 + [m.AGREEMENT_NOT_REACHED, m.WITHDRAWN]
	states += [m.IN_MEDIATION, m.ACCEPTED, m.REQUESTED, m.NOT_ACCEPTED]
	fields = [
		"name",
		"applicant_name",
		"division",
		"prefecture",
		"county",
		"township",
		"source",
		"linked_kind",
		"dispute_type",
		"dispute_summary",
		"preferred_language",
		"workflow_state",
		"requested_on",
		"accepted_on",
		"outcome",
		"outcome_on",
		"duration_days",
		"agreement_form",
		"judicial_confirmation",
		"performance",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
	]
	now = now_datetime()
	added = 0
	for first in range(existing, count, batch):
		values = []
		for number in range(first, min(first + batch, count)):
			village = rng.choice(villages)
			area = area_columns(paths[village])
			state = rng.choice(states)
			requested = add_to_date(now, minutes=-rng.randrange(60 * 24 * 730))
			accepted = None
			if state not in (m.REQUESTED, m.NOT_ACCEPTED):
				accepted = add_to_date(requested, hours=rng.randrange(1, 72))
			outcome = state if state in m.OUTCOMES else None
			if state == m.CLOSED:
				outcome = rng.choice((m.AGREEMENT_REACHED,) * 3 + (m.AGREEMENT_NOT_REACHED, m.WITHDRAWN))
			days = rng.randrange(0, 45) if outcome else 0
			outcome_on = add_to_date(accepted, days=days) if outcome else None
			agreed = outcome == m.AGREEMENT_REACHED
			form = rng.choice((m.WRITTEN,) * 4 + (m.VERBAL,)) if agreed else None
			confirmed = rng.choice((m.CONFIRMED, None, None, None)) if form == m.WRITTEN else None
			performed = rng.choice(m.PERFORMANCE) if agreed and state == m.CLOSED else None
			values.append(
				(
					f"{PREFIX}{number:08d}",
					"群众",
					village,
					area["prefecture"],
					area["county"],
					area["township"],
					rng.choice(m.SOURCES),
					m.PEOPLES_MEDIATION,
					rng.choice(m.DISPUTE_TYPES),
					"纠纷",
					rng.choice(("zh", "bo")),
					state,
					requested,
					accepted,
					outcome,
					outcome_on,
					days,
					form,
					confirmed,
					performed,
					requested,
					outcome_on or accepted or requested,
					"Administrator",
					"Administrator",
					0,
				)
			)
		frappe.db.bulk_insert(DOCTYPE, fields, values)
		added += len(values)
		frappe.db.commit()  # nosemgrep: a million rows go in batches; each batch stands on its own
	return added


def run(args) -> str:
	from qh_legal_service.mediation.report.mediation_outcomes.mediation_outcomes import execute

	if args.drop:
		drop(args.site)
		return ""
	with site_session(args.site):
		total = top_up(DOCTYPE, args.records, make_cases, "cases")
		ensure_users(USERS)
		rows = []
		for tier, email, division, _profile in USERS:
			frappe.set_user(email)
			by_prefecture, by_county = {"group_by": "Prefecture"}, {"group_by": "County"}
			counted = execute(by_county)[1][-1]["cases"]
			rows.append(
				(
					tier,
					division,
					timed(lambda f=by_prefecture: execute(f), args.repeat),
					timed(lambda f=by_county: execute(f), args.repeat),
					counted,
				)
			)
			frappe.set_user("Administrator")
	return results_table(
		f"{SECTION}, {time.strftime('%Y-%m-%d')}: {total:,} cases, median of {args.repeat} runs (ms)",
		f"{machine(args.site)} The report as the user, over the last twelve months: one GROUP BY under the tier "
		"scope by division and dispute type, counting cases, outcomes, the stored duration_days, court "
		"confirmations and follow-ups (the division and total rows add them up); by prefecture or by county.",
		("user at", "division", "by prefecture", "by county", "cases counted"),
		rows,
	)


def drop(site: str) -> None:
	"""Delete the cases this benchmark inserted."""
	with site_session(site):
		frappe.db.delete(DOCTYPE, {"name": ["like", f"{PREFIX}%"]})
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code


if __name__ == "__main__":
	main(
		__doc__,
		run,
		lambda parser: parser.add_argument(
			"--drop", action="store_true", help="delete the inserted cases and stop"
		),
	)
