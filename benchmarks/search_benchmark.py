"""Benchmark link search (and the search bar, which runs the same lookups) at scale, per tier.

Run with the bench's python from the bench's sites folder, on a throwaway site with the app installed:

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout nice -n 10 ../env/bin/python /path/to/checkout/benchmarks/search_benchmark.py \
		--site searchbench.localhost --records 1000000 --repeat 5

It tops Legal Aid Application up to --records generated rows (`qh_legal_service.tests.desk_rows`, one
INSERT ... SELECT per 100,000 rows over the 4,716 villages), each with an applicant's name (one of 40
common surnames, weighted as they are in China, and two given-name characters), a mobile phone and a resident
ID that derive from the row number. A village, township, county, prefecture and province user (desk_rows'
readers) then search as the desk does, through `frappe.desk.search.search_link` (the app's
`standard_queries` hook answers it): by a surname alone (the commonest, 王), a surname and a given
name, a whole phone and its first seven digits, a whole resident ID, and a number's start. Frappe's own
link search (`like '%text%'` over name, title and search fields), which the app replaces, is timed
unscoped for comparison. Medians of --repeat runs after a warm-up, in milliseconds, with the index MariaDB
chose for the scoped lookup's query; the table is printed and appended to benchmarks/RESULTS.md.
"""

import time
from unittest.mock import patch

import frappe
from harness import machine, main, results_table, site_session, timed

DOCTYPE = "Legal Aid Application"
USERS = (
	("Village", "search-village@test.qh", "630202001001", "Village Legal Adviser"),
	("Township", "search-township@test.qh", "630202001", "Township Judicial Office"),
	("County", "search-county@test.qh", "630202", "County Justice Bureau"),
	("Prefecture", "search-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("Province", "search-province@test.qh", "630000", "Province Supervisor"),
)
UNSCOPED = "Administrator"
# Surnames by their share of China's population (per mille, rounded), the commonest first.
SURNAMES = (
	("王", 73), ("李", 72), ("张", 69), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 22), ("赵", 22),
	("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 15), ("朱", 13), ("胡", 13), ("郭", 12),
	("何", 12), ("高", 12), ("林", 11), ("罗", 11), ("郑", 11), ("梁", 10), ("谢", 8), ("宋", 8),
	("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6),
	("肖", 6), ("田", 6), ("董", 6), ("袁", 6), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
)  # fmt: skip
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红梅鑫波斌宇浩凯秀云"


def surname_sql(uniform: str) -> str:
	"""SQL choosing a surname by its weight from `uniform`, a number in [0, 1)."""
	total = sum(weight for _name, weight in SURNAMES)
	cases, bound = [], 0
	for name, weight in SURNAMES[:-1]:
		bound += weight
		cases.append(f"when {uniform} < {bound / total:.6f} then '{name}'")
	return f"case {' '.join(cases)} else '{SURNAMES[-1][0]}' end"


def person_columns() -> dict[str, str]:
	"""The generated rows' applicant name, phone and resident ID, as SQL over the row `g` (desk_rows)."""
	given = f"'{GIVEN}'"
	surname = surname_sql("crc32(concat('s', g.n)) / 4294967296")
	return {
		"applicant_name": (
			f"concat({surname}, "
			f"substr({given}, 1 + crc32(concat('g', g.n)) % {len(GIVEN)}, 1), "
			f"substr({given}, 1 + crc32(concat('h', g.n)) % {len(GIVEN)}, 1))"
		),
		"phone": "concat('13', lpad(crc32(concat('p', g.n)) % 1000000000, 9, '0'))",
		# Region, a birth date from 1950 on, a serial; the last character is not a true check digit.
		"id_number": (
			"concat(left(g.division, 6), 1950 + g.n % 60, lpad(1 + g.n % 12, 2, '0'), "
			"lpad(1 + g.n % 28, 2, '0'), lpad(floor(g.n / 1680) % 1000, 3, '0'), g.n % 10)"
		),
	}


def sample(user: str) -> frappe._dict:
	"""A generated record of the user's area, whose phone, ID and number are searched for."""
	frappe.set_user(user)
	try:
		return frappe.get_list(
			DOCTYPE,
			filters=[["name", "like", "DSK-%"]],
			fields=["name", "applicant_name", "phone", "id_number"],
			order_by="modified desc",
			limit_page_length=1,
		)[0]
	finally:
		frappe.set_user("Administrator")


def searches(record: frappe._dict) -> list[tuple[str, str]]:
	return [
		("surname alone (王)", "王"),
		(f"surname and given name ({record.applicant_name[:2]})", record.applicant_name[:2]),
		("whole phone", record.phone),
		("phone's first 7 digits", record.phone[:7]),
		("whole resident ID", record.id_number),
		("number's start", record.name[:-2]),
	]


def link_search(text: str):
	from frappe.desk.search import search_link

	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()
	return search_link(DOCTYPE, text, page_length=10)


def frappe_link_search(text: str):
	"""Frappe's own link search, as it runs for a doctype without the app's `standard_queries`."""
	from frappe.desk.search import search_link

	real = frappe.get_hooks

	def without_the_apps_query(hook=None, *args, **kwargs):
		if hook is not None:
			return real(hook, *args, **kwargs)
		hooks = real()
		queries = {key: value for key, value in (hooks.standard_queries or {}).items() if key != DOCTYPE}
		return frappe._dict(hooks, standard_queries=queries)

	with patch.object(frappe, "get_hooks", without_the_apps_query):
		return search_link(DOCTYPE, text, page_length=10)


def chosen_index(text: str) -> str:
	"""The indexes MariaDB chose for the lookups' queries (EXPLAIN of each paged query the search ran)."""
	queries = []
	sql = frappe.db.sql

	def recording(query, *args, **kwargs):
		statement = str(query)
		if statement.lstrip().lower().startswith("select") and f"`tab{DOCTYPE}`" in statement:
			queries.append((statement, args[0] if args else kwargs.get("values", ())))
		return sql(query, *args, **kwargs)

	frappe.db.sql = recording
	try:
		link_search(text)
	finally:
		frappe.db.sql = sql
	keys = []
	for query, values in queries:
		if "limit 10" not in query.lower() or values:  # the lookups' queries carry their values inline
			continue
		plan = frappe.db.sql(f"explain {query}", as_dict=True)
		row = next((row for row in plan if row.table and DOCTYPE in row.table), plan[0])
		keys.append(f"{row.key or 'none'} ({row.type})")
	return "; ".join(dict.fromkeys(keys)) or "?"


def run(args) -> str:
	from frappe.utils import now_datetime

	from qh_legal_service.tests import desk_rows

	with site_session(args.site):
		now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
		have = frappe.db.count(DOCTYPE)
		if have < args.records:
			print(f"Inserting {args.records - have:,} applications (INSERT ... SELECT, 100,000 a batch)...")
			start = time.perf_counter()
			columns = {**desk_rows.EXTRA_COLUMNS[DOCTYPE], **person_columns()}
			with patch.dict(desk_rows.EXTRA_COLUMNS, {DOCTYPE: columns}):
				desk_rows.add_rows(DOCTYPE, args.records, now, commit=True)
			print(f"  done in {time.perf_counter() - start:.0f} s")
		frappe.db.sql(f"analyze table `tab{DOCTYPE}`")
		total = frappe.db.count(DOCTYPE)
		for _tier, email, division, profile in USERS:
			desk_rows.make_reader(email, division, profile, [DOCTYPE])
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code

		record = sample(USERS[0][1])  # a village's record: every user above finds it too
		rows = []
		frappe.set_user(UNSCOPED)
		for label, text in searches(record):
			frappe_ms = timed(lambda text=text: frappe_link_search(text), args.repeat)
			unscoped = timed(lambda text=text: link_search(text), args.repeat)
			for tier, email, _division, _profile in USERS:
				frappe.set_user(email)
				scoped = timed(lambda text=text: link_search(text), args.repeat)
				found = len(link_search(text))
				key = chosen_index(text)
				frappe.set_user(UNSCOPED)
				ratio = scoped / unscoped if unscoped else 0.0
				rows.append((label, tier, scoped, unscoped, f"{ratio:.2f}", frappe_ms, found, key))
				print(rows[-1], flush=True)

	return results_table(
		f"## Link search at scale, {time.strftime('%Y-%m-%d')}: {total:,} legal aid applications, "
		f"median of {args.repeat} runs (ms)",
		f"{machine(args.site)} `benchmarks/search_benchmark.py`: `frappe.desk.search.search_link` as the desk "
		"calls it (page of 10), answered by the app's `standard_queries` (`record_search.search_records`: "
		"one indexed equality or prefix query per lookup, with the area condition); unscoped = as "
		"Administrator; Frappe's own = the same call without the app's query (`like '%text%'` over name, "
		"title and search fields), unscoped. Names weighted like China's 40 commonest surnames.",
		["search", "user at", "scoped", "unscoped", "ratio", "Frappe's own", "found", "index (scoped)"],
		rows,
	)


if __name__ == "__main__":
	main(__doc__, run)
