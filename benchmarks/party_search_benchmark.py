"""Benchmark link search through a child table: a mediation case found by any party's name, phone or ID.

Run with the bench's python from the bench's sites folder, on a throwaway site with the app installed:

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout nice -n 10 ../env/bin/python /path/to/checkout/benchmarks/party_search_benchmark.py \
		--site searchbench.localhost --records 100000 --repeat 5

It tops Mediation Case up to --records generated cases (`qh_legal_service.tests.desk_rows`) and gives each
generated case two parties (an applicant and a respondent, one INSERT ... SELECT) with names, phones and
resident IDs made as `search_benchmark.person_columns` makes them; the case's applicant_name is its
applicant's. A township mediator, a county mediator and the province supervisor then search as the desk
does (`record_search.search_records`, the app's `standard_queries`) for a respondent of the township by
their whole ID, phone and name, and for the commonest surname. Medians of --repeat runs after a warm-up,
in milliseconds, with MariaDB's plan for the user's party lookup (the child table's index, then the case
by its primary key, or the area's index when MariaDB prefers it).
"""

import time

import frappe
from harness import machine, main, results_table, site_session, timed
from search_benchmark import person_columns

DOCTYPE = "Mediation Case"
PARTY = "Mediation Party"
USERS = (
	("Township", "party-search-township@test.qh", "630202001", "Mediator"),
	("County", "party-search-county@test.qh", "630202", "Mediator"),
	("Province", "party-search-province@test.qh", "630000", "Province Supervisor"),
)


def add_parties() -> None:
	"""Two parties for every generated case that has none; the case's applicant_name is its applicant's."""
	party = "(g.n * 2 + g.r)"  # each party's own number, for its name, phone and ID
	columns = {key: sql.replace("g.n", party) for key, sql in person_columns().items()}
	frappe.db.sql(
		f"""insert into `tab{PARTY}` (name, parent, parenttype, parentfield, idx, party_name, role, phone,
			id_number, language, creation, modified, owner, modified_by, docstatus)
		select concat(g.parent, '-', g.r), g.parent, '{DOCTYPE}', 'parties', g.r + 1, {columns["applicant_name"]},
			if(g.r = 0, 'Applicant', 'Respondent'), {columns["phone"]}, {columns["id_number"]}, 'zh', now(),
			now(), 'Administrator', 'Administrator', 0
		from (
			select c.name as parent, c.division, cast(substr(c.name, 5) as unsigned) as n, r.seq as r
			from `tab{DOCTYPE}` c join seq_0_to_1 r
			where c.name like 'DSK-%%'
				and not exists (select 1 from `tab{PARTY}` p where p.parent = c.name)
		) g"""
	)
	frappe.db.sql(
		f"""update `tab{DOCTYPE}` c join `tab{PARTY}` p on p.parent = c.name and p.idx = 1
		set c.applicant_name = p.party_name where c.name like 'DSK-%%'"""
	)


def search(text: str):
	from qh_legal_service.record_search import search_records

	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()
	return search_records(DOCTYPE, text, "name", 0, 10, None)


def plan(column: str, lookup) -> str:
	from qh_legal_service.record_search import run_lookup

	query = run_lookup(DOCTYPE, PARTY, column, lookup, [], 10, run=False)
	return "; ".join(
		f"{row.table}: {row.key or 'none'} ({row.type})"
		for row in frappe.db.sql(f"explain {query}", as_dict=True)
	)


def run(args) -> str:
	from frappe.utils import now_datetime

	from qh_legal_service.rules.record_search import NAME, PHONE, RESIDENT_ID, Lookup
	from qh_legal_service.tests import desk_rows

	with site_session(args.site):
		now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
		start = time.perf_counter()
		if frappe.db.count(DOCTYPE) < args.records:
			desk_rows.add_rows(DOCTYPE, args.records, now, commit=True)
		add_parties()
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code
		print(f"Cases and parties ready in {time.perf_counter() - start:.0f} s")
		for table in (DOCTYPE, PARTY):
			frappe.db.sql(f"analyze table `tab{table}`")
		for _tier, email, division, profile in USERS:
			desk_rows.make_reader(email, division, profile, [DOCTYPE])
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code
		cases, parties = frappe.db.count(DOCTYPE), frappe.db.count(PARTY)
		respondent = frappe.db.sql(
			f"""select p.party_name, p.phone, p.id_number from `tab{PARTY}` p
			join `tab{DOCTYPE}` c on c.name = p.parent
			where c.township = %s and p.idx = 2 limit 1""",
			USERS[0][2],
			as_dict=True,
		)[0]
		searches = (
			(
				"respondent's whole ID",
				respondent.id_number,
				"id_number",
				Lookup(RESIDENT_ID, respondent.id_number),
			),
			("respondent's phone", respondent.phone, "phone", Lookup(PHONE, respondent.phone)),
			("respondent's name", respondent.party_name, "party_name", Lookup(NAME, respondent.party_name)),
			("surname alone (王)", "王", "party_name", Lookup(NAME, "王")),
		)
		rows = []
		for label, text, column, lookup in searches:
			frappe.set_user("Administrator")
			unscoped = timed(lambda text=text: search(text), args.repeat)
			for tier, email, _division, _profile in USERS:
				frappe.set_user(email)
				scoped = timed(lambda text=text: search(text), args.repeat)
				rows.append((label, tier, scoped, unscoped, len(search(text)), plan(column, lookup)))
				print(rows[-1], flush=True)
			frappe.set_user("Administrator")

	return results_table(
		f"## Link search at scale: mediation parties, {time.strftime('%Y-%m-%d')}: {cases:,} cases, "
		f"{parties:,} parties, median of {args.repeat} runs (ms)",
		f"{machine(args.site)} `benchmarks/party_search_benchmark.py`: `record_search.search_records` "
		"for Mediation Case (page of 10), a respondent of the township searched for by ID, phone and name, "
		"and the commonest surname; unscoped = as Administrator; plan = EXPLAIN of the party lookup's query "
		"as that user.",
		["search", "user at", "scoped", "unscoped", "found", "plan of the party lookup"],
		rows,
	)


if __name__ == "__main__":
	main(__doc__, run)
