"""Benchmark the Service Orders Open report at scale, as a province, a prefecture and a county user.

Run with the bench's python from the bench's sites folder, on a THROWAWAY site with the app installed
(it bulk-inserts orders and a legal aid centre per county):

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/order_report_benchmark.py \
		--site orderbench.localhost --records 1000000

It tops the site up to --records Service Orders (frappe.db.bulk_insert in batches, no doc.insert): each
held by a county's legal aid centre and sent from a random township or county, about 30% still open,
held for up to 30 days, some handed on. It then times the report's query (`open_orders`: GROUP BYs under
the order's permission rule, held in or sent from the user's area) as each user, and prints and appends
the table to benchmarks/RESULTS.md. Medians of --repeat runs, in milliseconds.
"""

import random
import time

import frappe
from harness import ensure_users, machine, main, results_table, site_session, timed, top_up

USERS = (
	("Province", "bench-order-province@test.qh", "630000", "Province Supervisor"),
	("Prefecture", "bench-order-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("County", "bench-order-county@test.qh", "630202", "County Justice Bureau"),
)
DOCTYPE = "Service Order"
SECTION = "## Order flow: Service Orders Open"


def county_centres(divisions) -> dict[str, str]:
	"""One legal aid centre per county (created once, through the ORM: a few hundred records)."""
	centres = {}
	for row in divisions:
		if row.tier != "County":
			continue
		name = frappe.db.get_value(
			"Legal Service Institution", {"division": row.code, "institution_type": "Legal Aid Centre"}
		)
		if not name:
			name = (
				frappe.get_doc(
					{
						"doctype": "Legal Service Institution",
						"institution_name": f"{row.name}法律援助中心",
						"institution_type": "Legal Aid Centre",
						"division": row.code,
						"languages_served": [{"language": "zh"}],
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		centres[row.code] = name
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	return centres


def make_orders(divisions, count: int, rng: random.Random, batch: int = 10_000) -> int:
	"""Bulk-insert orders up to `count`, their columns filled as the controller would fill them."""
	from frappe.utils import add_to_date, now_datetime

	from qh_legal_service.rules import service_orders as rules
	from qh_legal_service.rules.divisions import ancestors_by_tier
	from qh_legal_service.rules.scope import area_columns

	existing = frappe.db.count(DOCTYPE, {"name": ["like", "SOB-%"]})
	if existing >= count:
		return 0
	paths = ancestors_by_tier(divisions)
	centres = county_centres(divisions)
	counties = sorted(centres)
	origins = [row.code for row in divisions if row.tier in ("Township", "County")]
	statuses = [rules.DONE] * 6 + [rules.REFUSED] + [rules.SENT] * 2 + [rules.ACCEPTED]
	fields = [
		"name",
		"service",
		"status",
		"requester_name",
		"holder_institution",
		"division",
		"prefecture",
		"county",
		"township",
		"origin_division",
		"origin_prefecture",
		"origin_county",
		"origin_township",
		"held_since",
		"sent_by",
		"reason",
		"hand_over_count",
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
			county = rng.choice(counties)
			origin = rng.choice(origins)
			held = add_to_date(now, minutes=-rng.randrange(60 * 24 * 30))
			holder, source = area_columns(paths[county]), area_columns(paths[origin])
			values.append(
				(
					f"SOB-{number:08d}",
					rng.choice(rules.SERVICES),
					rng.choice(statuses),
					"群众",
					centres[county],
					county,
					holder["prefecture"],
					holder["county"],
					holder["township"],
					origin,
					source["prefecture"],
					source["county"],
					source["township"],
					held,
					"Administrator",
					"转介",
					rng.choice((0, 0, 0, 0, 1, 1, 2)),
					held,
					held,
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
	from qh_legal_service.legal_service_core.report.service_orders_open.service_orders_open import (
		open_orders,
	)

	with site_session(args.site):
		total = top_up(DOCTYPE, args.records, make_orders, "orders")
		ensure_users(USERS)
		open_total = frappe.db.count(DOCTYPE, {"status": ["in", ["Sent", "Accepted"]]})
		rows = []
		for tier, email, division, _profile in USERS:
			result = open_orders(frappe._dict(), email)
			held_only = frappe._dict(side="Held")
			rows.append(
				(
					tier,
					division,
					timed(lambda email=email: open_orders(frappe._dict(), email), args.repeat),
					timed(lambda email=email, f=held_only: open_orders(f, email), args.repeat),
					len(result),
					sum(row["open_orders"] for row in result),
				)
			)
	return results_table(
		f"{SECTION}, {time.strftime('%Y-%m-%d')}: {total:,} orders ({open_total:,} open), "
		f"median of {args.repeat} runs (ms)",
		f"{machine(args.site)} The report as the user: open orders grouped by holder under the order's "
		"permission rule (held in OR sent from the user's area), counted as two disjoint GROUP BYs, each "
		"from a covering index; 'held only' adds the Orders filter = Held in My Area.",
		("user at", "division", "report: held or sent", "held only", "holders listed", "open orders counted"),
		rows,
	)


if __name__ == "__main__":
	main(__doc__, run)
