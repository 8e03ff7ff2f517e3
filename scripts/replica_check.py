"""Prove that a report run through frappe.desk.query_report.run reads from the replica (scripts/replica-check).

Run by the bench's Python in sites/, on a site that scripts/replica-up has pointed at a running replica:
	python replica_check.py SITE REPLICA_SOCKET
The site gets a throwaway query report over ToDo rows marked for the check; the rows and the report are
deleted at the end. Stopping the replica's SQL thread makes it lag on purpose: a record written on the
primary then is missing from the report when the report reads from the replica, and present when it
reads from the primary. Prints one line per step and PASS or FAIL; exits 1 on failure.
"""

import ast
import sys
import time
import uuid
from pathlib import Path

import frappe
import pymysql
from frappe.desk.query_report import run

REPORT = "QHLS Replica Check"
MARK = "qhls-replica-check"
QUERY = f"SELECT COUNT(*) FROM `tabToDo` WHERE `description` LIKE '{MARK}%%'"


class CheckFailed(Exception):
	pass


def expect(what: str, found, expected) -> None:
	ok = found == expected
	print(f"{'ok  ' if ok else 'FAIL'} {what}: {found!r}" + ("" if ok else f", expected {expected!r}"))
	if not ok:
		raise CheckFailed(what)


def replica_root(socket: str):
	return pymysql.connect(unix_socket=socket, user="root", password="", autocommit=True)


def replica_as_site():
	"""The replica over TCP with the site's own credentials, as Frappe connects to it."""
	conf = frappe.conf
	return pymysql.connect(
		host=conf.replica_host,
		port=int(conf.replica_db_port),
		user=conf.db_name,
		password=conf.db_password,
		database=conf.db_name,
		autocommit=True,
	)


def server_id() -> int:
	return int(frappe.db.sql("SELECT @@server_id")[0][0])


def forget_replica() -> None:
	"""Frappe 15 connects the replica once per frappe.local (a request, a job): start each run afresh."""
	for attr in ("replica_db", "primary_db"):
		if hasattr(frappe.local, attr):
			delattr(frappe.local, attr)


def report_count() -> tuple[int, int]:
	"""The report's count and the server_id of the database it ran on, read inside the report run."""
	forget_replica()
	rows = run(REPORT, filters={}, ignore_prepared_report=True)["result"]
	# A query report's rows come back as dicts keyed by column (one column here).
	count, server = (next(iter(row.values())) if isinstance(row, dict) else row[0] for row in rows)
	return int(count), int(server)


def app_reports_alike() -> list[str]:
	"""Run every standard report of the app on the primary and on the replica; the reports that differ."""
	names = frappe.get_all(
		"Report",
		filters={"is_standard": "Yes", "module": ["in", frappe.get_module_list("qh_legal_service")]},
		pluck="name",
		order_by="name",
	)
	differ = []
	for name in names:
		results = []
		for replica in (False, True):
			frappe.local.conf.read_from_replica = int(replica)
			forget_replica()
			try:
				results.append(run(name, filters={}, ignore_prepared_report=True)["result"])
			except Exception as error:
				frappe.db.rollback()
				results.append(f"{type(error).__name__}: {error}")
		frappe.local.conf.read_from_replica = 1
		print(f"     {name}: {'same' if results[0] == results[1] else 'DIFFERENT'} ({describe(results[1])})")
		if results[0] != results[1]:
			differ.append(name)
	if not names:
		differ.append("(the app has no standard reports)")
	return differ


def read_only_methods() -> list[str]:
	"""Dotted paths of the app's functions marked @frappe.read_only(), found in its source."""
	package = Path(frappe.get_app_path("qh_legal_service"))
	found = []
	for path in sorted(package.rglob("*.py")):
		if "@frappe.read_only()" not in path.read_text(encoding="utf-8"):
			continue
		module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if isinstance(node, ast.FunctionDef) and any(
				ast.unparse(decorator) == "frappe.read_only()" for decorator in node.decorator_list
			):
				found.append(f"{module}.{node.name}")
	return found


def app_methods_alike() -> list[str]:
	"""Call every read-only method of the app (with no arguments) on the primary and on the replica."""
	methods = read_only_methods()
	differ = [] if methods else ["(no @frappe.read_only() method found in the app)"]
	for method in methods:
		results = []
		for replica in (False, True):
			frappe.local.conf.read_from_replica = int(replica)
			forget_replica()
			try:
				results.append(frappe.get_attr(method)())
			except TypeError as error:
				results.append(f"needs arguments ({error})")
			except Exception as error:
				frappe.db.rollback()
				results.append(f"{type(error).__name__}: {error}")
		frappe.local.conf.read_from_replica = 1
		print(
			f"     {method}: {'same' if results[0] == results[1] else 'DIFFERENT'} ({str(results[1])[:80]})"
		)
		if results[0] != results[1]:
			differ.append(method)
	return differ


def describe(result) -> str:
	return f"{len(result)} rows" if isinstance(result, list) else result[:200]


def add_todo(label: str) -> None:
	"""A marked ToDo written and committed on the primary."""
	frappe.get_doc({"doctype": "ToDo", "description": f"{MARK} {label}"}).insert(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the check's writes must be visible to the replica


def wait_on_replica(site_conn, label: str, seconds: int = 30) -> bool:
	for _ in range(seconds * 10):
		with site_conn.cursor() as cursor:
			cursor.execute("SELECT COUNT(*) FROM `tabToDo` WHERE `description` = %s", (f"{MARK} {label}",))
			if cursor.fetchone()[0]:
				return True
		time.sleep(0.1)
	return False


def sql_thread(root, start: bool) -> None:
	with root.cursor() as cursor:
		cursor.execute("START SLAVE SQL_THREAD" if start else "STOP SLAVE SQL_THREAD")


def make_report() -> None:
	if frappe.db.exists("Report", REPORT):
		frappe.delete_doc("Report", REPORT, force=True)
	frappe.get_doc(
		{
			"doctype": "Report",
			"report_name": REPORT,
			"ref_doctype": "ToDo",
			"report_type": "Query Report",
			"is_standard": "No",
			"module": "Desk",
			# Two rows: the count of marked ToDos, and the server that counted them.
			"query": f"{QUERY} UNION ALL SELECT @@server_id",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the report must reach the replica


def clean_up() -> None:
	frappe.local.conf.read_from_replica = 0
	forget_replica()
	frappe.db.rollback()
	frappe.db.delete("ToDo", {"description": ["like", f"{MARK}%"]})
	if frappe.db.exists("Report", REPORT):
		frappe.delete_doc("Report", REPORT, force=True)
	frappe.db.commit()  # nosemgrep: leave the site as found


def check(socket: str) -> None:
	expect("read_from_replica in the site's config", bool(frappe.conf.read_from_replica), True)
	primary_id = server_id()
	root = replica_root(socket)
	site_conn = replica_as_site()
	with site_conn.cursor() as cursor:
		cursor.execute("SELECT @@server_id, @@read_only")
		replica_id, read_only = cursor.fetchone()
	expect("the replica is another server than the primary", replica_id != primary_id, True)
	expect("the replica is read-only", read_only, 1)

	make_report()
	run_id = uuid.uuid4().hex[:8]
	add_todo(f"marker {run_id}")
	expect(
		"the marker row written on the primary reaches the replica",
		wait_on_replica(site_conn, f"marker {run_id}"),
		True,
	)
	base = frappe.db.count("ToDo", {"description": ["like", f"{MARK}%"]})
	expect(
		"the report, caught up, counts what the primary holds, on the replica",
		report_count(),
		(base, replica_id),
	)

	sql_thread(root, start=False)
	add_todo(f"while lagging {run_id}")
	expect(
		"the primary holds the new record",
		frappe.db.count("ToDo", {"description": ["like", f"{MARK}%"]}),
		base + 1,
	)
	expect(
		"the report, replica's SQL thread stopped, misses the new record (it reads the replica)",
		report_count(),
		(base, replica_id),
	)
	sql_thread(root, start=True)
	expect(
		"the new record reaches the replica once its SQL thread runs again",
		wait_on_replica(site_conn, f"while lagging {run_id}"),
		True,
	)
	expect("the report then sees the new record, on the replica", report_count(), (base + 1, replica_id))

	with site_conn.cursor() as cursor:
		try:
			cursor.execute("INSERT INTO `tabToDo` (`name`, `description`) VALUES (%s, %s)", (run_id, MARK))
			refused = False
		except pymysql.err.OperationalError as error:
			refused = error.args[0] == 1290
	expect("the site's user cannot write on the replica (read_only)", refused, True)

	print("     every standard report of the app, run on the primary and on the caught-up replica:")
	expect("the app's reports that give another result on the replica", app_reports_alike(), [])
	print("     every @frappe.read_only() method of the app, on the primary and on the replica:")
	expect("the app's read-only methods that give another result on the replica", app_methods_alike(), [])

	frappe.local.conf.read_from_replica = 0
	sql_thread(root, start=False)
	add_todo(f"primary only {run_id}")
	expect(
		"with read_from_replica off the report sees the record at once, on the primary",
		report_count(),
		(base + 2, primary_id),
	)
	sql_thread(root, start=True)


def main() -> int:
	site, socket = sys.argv[1], sys.argv[2]
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		check(socket)
	except CheckFailed:
		print("FAIL: a report does not read from the replica as it should")
		return 1
	except Exception:
		import traceback

		traceback.print_exc()
		print("FAIL: the replica check broke")
		return 1
	finally:
		clean_up()
		frappe.destroy()
	print(
		"PASS: query_report.run reads from the replica when read_from_replica is on, from the primary when off"
	)
	return 0


if __name__ == "__main__":
	sys.exit(main())
