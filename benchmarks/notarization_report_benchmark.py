"""Benchmark the Notarization Referrals report at scale, as a province, a prefecture and a county user.

Run with the bench's python from the bench's sites folder, on a THROWAWAY site with the app installed
(it bulk-inserts referrals and a notary office per prefecture):

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/notarization_report_benchmark.py \
		--site notarbench.localhost --records 1000000

It tops the site up to --records Notarization Referrals (frappe.db.bulk_insert in batches, no
doc.insert), from random villages over the last two years, each sent to its prefecture's notary office,
at every state with the stamps and stored facts the controller would have set. It then times the
report (`execute`: one GROUP BY per notary office or per county over the rows the user's tier reads,
in the last twelve months) as each user, and prints and appends the table to benchmarks/RESULTS.md.
Medians of --repeat runs, in milliseconds.
"""

import random
import time

import frappe
from harness import ensure_users, machine, main, results_table, site_session, timed, top_up

USERS = (
	("Province", "bench-notary-province@test.qh", "630000", "Province Supervisor"),
	("Prefecture", "bench-notary-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("County", "bench-notary-county@test.qh", "630202", "County Justice Bureau"),
)
DOCTYPE = "Notarization Referral"
SECTION = "## Notarization: Notarization Referrals report"


def notary_offices(divisions) -> dict[str, str]:
	"""One notary office per prefecture (created once, through the ORM)."""
	offices = {}
	for row in divisions:
		if row.tier != "Prefecture":
			continue
		name = frappe.db.get_value(
			"Legal Service Institution", {"division": row.code, "institution_type": "Notary Office"}
		)
		if not name:
			name = (
				frappe.get_doc(
					{
						"doctype": "Legal Service Institution",
						"institution_name": f"{row.name}公证处",
						"institution_type": "Notary Office",
						"division": row.code,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		offices[row.code] = name
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	return offices


def make_referrals(divisions, count: int, rng: random.Random, batch: int = 10_000) -> int:
	"""Bulk-insert referrals up to `count`, their columns filled as the controller would fill them."""
	from frappe.utils import add_to_date, now_datetime

	from qh_legal_service.rules import notarization as nt
	from qh_legal_service.rules.divisions import ancestors_by_tier
	from qh_legal_service.rules.scope import area_columns

	existing = frappe.db.count(DOCTYPE, {"name": ["like", "NTB-%"]})
	if existing >= count:
		return 0
	paths = ancestors_by_tier(divisions)
	offices = notary_offices(divisions)
	villages = [row.code for row in divisions if row.tier == "Village"]
	states = [nt.CLOSED] * 5 + [nt.ISSUED] * 2 + [nt.ACCEPTED, nt.PAUSED, nt.REFERRED, nt.REFUSED]
	fields = [
		"name",
		"applicant_name",
		"id_number",
		"phone",
		"preferred_language",
		"division",
		"prefecture",
		"county",
		"township",
		"matter_type",
		"certificate_language",
		"matter_description",
		"source",
		"notary_office",
		"workflow_state",
		"referred_on",
		"accepted_on",
		"refused_on",
		"issued_on",
		"finished_in_time",
		"fee_relief",
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
			referred = add_to_date(now, minutes=-rng.randrange(60 * 24 * 730))
			accepted = add_to_date(referred, hours=rng.randrange(1, 96)) if state != nt.REFERRED else None
			refused = accepted if state == nt.REFUSED else None
			accepted = None if state == nt.REFUSED else accepted
			issued = (
				add_to_date(accepted, days=rng.randrange(3, 30)) if state in (nt.ISSUED, nt.CLOSED) else None
			)
			values.append(
				(
					f"NTB-{number:08d}",
					"群众",
					"11010519491231002X",
					"13900000000",
					rng.choice(("zh", "bo")),
					village,
					area["prefecture"],
					area["county"],
					area["township"],
					rng.choice(nt.MATTER_TYPES),
					rng.choice(nt.CERTIFICATE_LANGUAGES),
					"公证事项",
					rng.choice(nt.SOURCES),
					offices[area["prefecture"]],
					state,
					referred,
					accepted,
					refused,
					issued,
					int(bool(issued) and rng.random() < 0.85),
					int(rng.random() < 0.15),
					referred,
					issued or accepted or referred,
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
	from qh_legal_service.notarization.report.notarization_referrals.notarization_referrals import execute

	with site_session(args.site):
		total = top_up(DOCTYPE, args.records, make_referrals, "referrals")
		ensure_users(USERS)
		rows = []
		for tier, email, division, _profile in USERS:
			frappe.set_user(email)
			by_office, by_county = {"group_by": "Notary Office"}, {"group_by": "County"}
			counted = execute(by_county)[1][-1]["referrals"]
			rows.append(
				(
					tier,
					division,
					timed(lambda f=by_office: execute(f), args.repeat),
					timed(lambda f=by_county: execute(f), args.repeat),
					counted,
				)
			)
			frappe.set_user("Administrator")
	return results_table(
		f"{SECTION}, {time.strftime('%Y-%m-%d')}: {total:,} referrals, median of {args.repeat} runs (ms)",
		f"{machine(args.site)} The report as the user, over the last twelve months: one GROUP BY (count of "
		"referrals and of the acceptance, refusal and issue stamps, sums of the stored finished_in_time "
		"and fee_relief facts) under the tier scope, by notary office or by county, plus the total row.",
		("user at", "division", "by notary office", "by county", "referrals counted"),
		rows,
	)


if __name__ == "__main__":
	main(__doc__, run)
