"""A second database connection for race tests: a function run in a thread of its own, as another
request or worker would run it, committed before the caller goes on."""

import threading
from contextlib import contextmanager

import frappe


def this_site() -> tuple[str, str]:
	"""The site and sites path a thread of this test connects to."""
	return frappe.local.site, frappe.local.sites_path


@contextmanager
def connected(site: tuple[str, str], user: str = "Administrator"):
	"""In a new thread: a connection of its own to `site` (from `this_site`), as `user`, while the block runs."""
	frappe.init(site=site[0], sites_path=site[1])
	frappe.connect()
	try:
		frappe.set_user(user)
		yield
	finally:
		frappe.destroy()


def in_other_connection(function, *args, user: str = "Administrator", **kwargs):
	"""Run `function` in a new thread with its own connection to this site, commit, and return its value;
	its exception is raised here after its rollback. The caller's transaction is left as it is."""
	site = this_site()
	outcome = {}

	def run():
		with connected(site, user):
			try:
				outcome["value"] = function(*args, **kwargs)
				frappe.db.commit()
			except BaseException as error:
				frappe.db.rollback()
				outcome["error"] = error

	thread = threading.Thread(target=run)
	thread.start()
	# Long enough for any lock the other connection waits on to time out and fail it (not hang the run).
	thread.join(timeout=120)
	if thread.is_alive():
		raise AssertionError(f"{function.__name__} in another connection did not finish")
	if "error" in outcome:
		raise outcome["error"]
	return outcome.get("value")


@contextmanager
def row_locked_elsewhere(doctype: str, name: str):
	"""Hold a lock on one record in another connection, as a save under way would, while the block runs."""
	site = this_site()
	locked, release = threading.Event(), threading.Event()

	def hold():
		with connected(site):
			try:
				frappe.db.get_value(doctype, name, "name", for_update=True)
				locked.set()
				release.wait(timeout=120)
			finally:
				frappe.db.rollback()

	thread = threading.Thread(target=hold)
	thread.start()
	if not locked.wait(timeout=60):
		raise AssertionError(f"{doctype} {name} could not be locked in another connection")
	try:
		yield
	finally:
		release.set()
		thread.join(timeout=60)
