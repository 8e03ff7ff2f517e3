"""The supervisors' sums cannot drift from a recount: on every path a record changes by, under races of two
connections, and with the drift audit that finds and repairs what a path without hooks left behind."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime

from qh_legal_service import figure_audit
from qh_legal_service.escalation import escalate_service
from qh_legal_service.figure_audit import AUDIT, audit_figures
from qh_legal_service.figure_recount import differences
from qh_legal_service.figures import FIGURE, rebuild
from qh_legal_service.rules.eligibility import SOCIAL_INSURANCE
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import ESCALATED, LEVELS, TOWNSHIP_LEVEL, current_figure
from qh_legal_service.service_case import service_of
from qh_legal_service.tests.concurrency import (
	connected,
	in_other_connection,
	row_locked_elsewhere,
	this_site,
)
from qh_legal_service.tests.http import SiteClient
from qh_legal_service.tests.test_legal_aid_workflow import REVIEWER, LegalAidCase
from qh_legal_service.tests.utils import (
	TEST_PASSWORD,
	delete_with_history,
	make_application,
	make_staff,
)

SERVICE = "Legal Aid Application"
LEGAL_AID = FIGURE_SOURCES[SERVICE]
HOTLINE = "Hotline Work Order"
MATTER = "Labour Relations or Unpaid Pay"
REVIEW = "Review and decide"


def stored(service: str, figure: str, category: str, level: str = TOWNSHIP_LEVEL) -> int:
	"""The records of one figure and category over every month and area of a level."""
	return int(
		frappe.db.get_value(
			FIGURE,
			{"service": service, "level": level, "figure": figure, "category": category},
			"sum(records)",
		)
		or 0
	)


def drift(service: str = SERVICE) -> list:
	"""What the stored sums of `service` differ from a recount by, read afresh (nothing is left open)."""
	frappe.db.commit()
	return differences(FIGURE_SOURCES[service])


def decide(name: str) -> None:
	"""A reviewer starts the review of an application and approves it."""
	doc = frappe.get_doc(SERVICE, name)
	apply_workflow(doc, "Start Review")
	apply_workflow(frappe.get_doc(SERVICE, name), "Approve")


def change_matter(name: str, matter: str) -> None:
	doc = frappe.get_doc(SERVICE, name)
	doc.matter_type = matter
	doc.save(ignore_permissions=True)


class FigureDriftCase(LegalAidCase):
	"""Tests that commit, so that a second connection sees their records; each removes what it made."""

	def setUp(self):
		frappe.set_user("Administrator")
		self.committed = []
		rebuild(SERVICE)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype, name in reversed(self.committed):
			if frappe.db.exists(doctype, name):
				delete_with_history(doctype, name)
		frappe.db.commit()

	def committed_application(self, **values) -> str:
		name = make_application(**values).name
		self.committed.append((SERVICE, name))
		frappe.db.commit()
		return name


class TestCountedValues(FigureDriftCase):
	def test_a_check_sent_as_a_json_boolean_or_an_empty_string_counts_as_the_row_stores_it(self):
		entitled = current_figure("entitled_group")
		ones, zeros = stored(SERVICE, entitled, "1"), stored(SERVICE, entitled, "0")
		self.committed_application(entitled_group=True)
		self.committed_application(entitled_group="")
		self.committed_application(entitled_group=False, minor=True)
		self.assertEqual(stored(SERVICE, entitled, "1"), ones + 1)
		self.assertEqual(stored(SERVICE, entitled, "0"), zeros + 2)
		for category in ("True", "False", ""):
			self.assertEqual(stored(SERVICE, entitled, category), 0, category)
		self.assertEqual(drift(), [])

	def test_a_delete_without_its_on_trash_still_takes_its_figures_back(self):
		name = self.committed_application()
		frappe.delete_doc(SERVICE, name, force=True, ignore_permissions=True, ignore_on_trash=True)
		self.assertEqual(drift(), [])


class TestRaces(FigureDriftCase):
	def test_a_delete_takes_back_the_record_as_an_edit_committed_meanwhile_left_it(self):
		name = self.committed_application()
		# The deleting request has read (its snapshot is fixed) before another commits a corrected matter.
		self.assertTrue(frappe.db.exists(SERVICE, name))
		in_other_connection(change_matter, name, SOCIAL_INSURANCE)
		frappe.delete_doc(SERVICE, name, force=True, ignore_permissions=True)
		self.assertEqual(drift(), [])

	def test_the_escalation_job_leaves_a_case_decided_after_it_listed_the_overdue_ones(self):
		name = self.committed_application(received_on=add_to_date(now_datetime(), days=-20))
		escalated = stored(SERVICE, ESCALATED, REVIEW)
		listing = frappe.get_all
		decided = []

		def list_then_decide(doctype, *args, **kwargs):
			listed = listing(doctype, *args, **kwargs)
			if doctype == SERVICE and not decided:
				decided.append(name)
				# The reviewer's decision commits between the job's list and its escalation.
				in_other_connection(decide, name, user=REVIEWER)
			return listed

		with patch.object(frappe, "get_all", list_then_decide):
			escalate_service(service_of(SERVICE), now_datetime())
		frappe.db.commit()
		self.assertEqual(decided, [name])
		case = frappe.get_doc(SERVICE, name)
		self.assertEqual(case.workflow_state, "Approved")
		# The ended review was not escalated, and the step now running was not stamped as escalated.
		self.assertIsNone(case.escalated_step)
		self.assertEqual([row.escalated_on for row in case.step_log if row.step == REVIEW], [None])
		self.assertEqual(stored(SERVICE, ESCALATED, REVIEW), escalated)
		self.assertEqual(drift(), [])

	def test_a_save_committed_while_the_audit_runs_is_kept_by_its_repair(self):
		name = self.committed_application()
		frappe.db.set_value(SERVICE, name, "matter_type", SOCIAL_INSURANCE)
		frappe.db.commit()
		recount = differences

		def differences_then_save(source):
			found = recount(source)
			if source.doctype == SERVICE:
				# The other save adds its change to the sums the audit is about to repair.
				in_other_connection(change_matter, name, MATTER)
			return found

		with patch.object(figure_audit, "differences", differences_then_save):
			audit_figures(SERVICE)
		self.assertEqual(drift(), [])
		self.assertEqual(frappe.db.get_value(SERVICE, name, "matter_type"), MATTER)


class TestRenames(FigureDriftCase):
	def test_renaming_the_operator_moves_their_sums_to_the_new_name(self):
		old, new = "drift-operator@test.qh", "drift-operator-renamed@test.qh"
		make_staff(old, "630000", "12348 Hotline Operator")
		rebuild(HOTLINE)
		from qh_legal_service.hotline.doctype.hotline_work_order.test_hotline_work_order import (
			make_work_order,
		)

		order = make_work_order(operator=old)
		operator = current_figure("operator")
		self.assertEqual(stored(HOTLINE, operator, old), 1)
		frappe.rename_doc("User", old, new, force=True)
		self.assertEqual(frappe.db.get_value(HOTLINE, order.name, "operator"), new)
		for level in LEVELS:
			self.assertEqual(stored(HOTLINE, operator, old, level), 0, level)
			self.assertEqual(stored(HOTLINE, operator, new, level), 1, level)
		self.assertEqual(differences(FIGURE_SOURCES[HOTLINE]), [])
		frappe.db.rollback()

	def test_a_special_group_the_law_names_keeps_its_name(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.rename_doc("Special Group", "Minors", "Young People", force=True)


class TestDriftAudit(FigureDriftCase):
	def test_an_administrators_patch_is_found_repaired_and_listed_for_the_supervisor(self):
		name = self.committed_application()
		frappe.db.set_value(SERVICE, name, "matter_type", SOCIAL_INSURANCE)
		frappe.db.commit()
		audit = frappe.get_doc(AUDIT, audit_figures(SERVICE))
		self.assertEqual(audit.status, "Repaired")
		# The matter moved at the township, county and prefecture: one sum less, one more, at each.
		listed = sorted(
			(row.level, row.category, row.records_difference)
			for row in audit.differences
			if row.figure == "matter_type"
		)
		self.assertEqual(
			listed,
			sorted(
				(level, category, change)
				for level in LEVELS
				for category, change in ((MATTER, -1), (SOCIAL_INSURANCE, 1))
			),
		)
		self.assertEqual(audit.sums_different, len(audit.differences))
		self.assertEqual(drift(), [])
		again = frappe.get_doc(AUDIT, audit_figures(SERVICE))
		self.assertEqual((again.status, again.sums_different), ("No Differences", 0))
		frappe.db.commit()


class TestConflicts(FigureDriftCase):
	def test_a_delete_of_a_record_being_saved_elsewhere_is_a_conflict_to_retry_not_a_server_error(self):
		name = self.committed_application()
		administrator = "drift-admin@test.qh"
		if not frappe.db.exists("User", administrator):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": administrator,
					"first_name": "drift-admin",
					"new_password": TEST_PASSWORD,
					"roles": [{"role": "System Manager"}],
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		client = SiteClient(administrator)
		with row_locked_elsewhere(SERVICE, name):
			response = client.request("delete", f"/api/resource/{SERVICE}/{name}")
		self.assertEqual(response.status_code, 409, response.text[:500])
		self.assertEqual(response.get_json()["exc_type"], "QueryTimeoutError")
		self.assertTrue(frappe.db.exists(SERVICE, name))
		self.assertEqual(drift(), [])


WORKLOAD_MATTERS = (MATTER, SOCIAL_INSURANCE, "Criminal Matter")
WORKLOAD_CHANNELS = ("Walk-in at a Service Point", "Portal", "12348 Hotline")
WORKLOAD_PREFIX = "漂移测试"
RENAMED_OPERATOR = "drift-workload-renamed@test.qh"


def workload_step(kind: str, pick, operator: str) -> str | None:
	"""One operation of the mixed workload on the committed records; the name of a record it created."""
	mine = frappe.get_all(SERVICE, filters={"applicant_name": ["like", f"{WORKLOAD_PREFIX}%"]}, pluck="name")
	if kind == "create" or not mine:
		overdue = pick((True, False))
		values = {
			"applicant_name": f"{WORKLOAD_PREFIX} {frappe.generate_hash(length=6)}",
			"matter_type": pick(WORKLOAD_MATTERS),
			"minor": pick((True, False, "")),
			"entitled_group": pick((True, False, "", 0, 1)),
		}
		if overdue:
			values["received_on"] = add_to_date(now_datetime(), days=-20)
		return make_application(**values).name
	if kind == "work order":
		from qh_legal_service.hotline.doctype.hotline_work_order.test_hotline_work_order import (
			make_work_order,
		)

		# The operator is renamed while the workload runs.
		renamed = operator if frappe.db.exists("User", operator) else RENAMED_OPERATOR
		return make_work_order(operator=renamed).name
	name = pick(sorted(mine))
	if kind == "edit":
		doc = frappe.get_doc(SERVICE, name)
		doc.update(
			{
				"matter_type": pick(WORKLOAD_MATTERS),
				"channel": pick(WORKLOAD_CHANNELS),
				"minor": pick((True, False)),
			}
		)
		doc.save(ignore_permissions=True)
	elif kind == "transition":
		doc = frappe.get_doc(SERVICE, name)
		action = {"Received": "Start Review", "Under Review": "Approve"}.get(doc.workflow_state)
		if action:
			apply_workflow(doc, action)
	elif kind == "delete":
		# Not one of the newest: Frappe's own on_trash (clearing workflow actions) locks the index gap the
		# next record's actions go into before its delete locks the naming series, which an insert locks
		# first; a delete of the newest record and an insert can deadlock in Frappe without the figures.
		older = sorted(mine)[:-3]
		if older:
			frappe.delete_doc(SERVICE, pick(older), force=True, ignore_permissions=True)
	return None


class TestConcurrentWorkload(FigureDriftCase):
	WORKERS = 6
	STEPS = 20
	KINDS = ("create", "create", "edit", "edit", "transition", "transition", "delete", "work order")

	def tearDown(self):
		frappe.db.rollback()
		self.committed += [
			(SERVICE, name)
			for name in frappe.get_all(
				SERVICE, filters={"applicant_name": ["like", f"{WORKLOAD_PREFIX}%"]}, pluck="name"
			)
		]
		self.committed += [
			(HOTLINE, name)
			for name in frappe.get_all(
				HOTLINE, filters={"operator": ["like", "drift-workload%"]}, pluck="name"
			)
		]
		super().tearDown()
		for user in frappe.get_all("User", filters={"name": ["like", "drift-workload%"]}, pluck="name"):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_the_live_sums_equal_a_recount_after_concurrent_creates_edits_transitions_deletes_renames_and_an_escalation(
		self,
	):
		import random
		import threading

		operator = make_staff("drift-workload-operator@test.qh", "630000", "12348 Hotline Operator")
		rebuild(HOTLINE)
		frappe.db.commit()
		outcomes, lock, site = [], threading.Lock(), this_site()
		midway, escalated = threading.Event(), []
		# Frappe renames a User by rewriting its name in every table (owners, modifiers), locking whole
		# tables as it goes: an administrator's step between the clerks' work, so the workers pause for it.
		halfway = threading.Barrier(self.WORKERS + 1)

		def worker(seed: int) -> None:
			"""One request after another, as a clerk's browser sends them, each committed or rolled back."""
			chooser = random.Random(seed)
			with connected(site):
				for step in range(self.STEPS):
					if step == self.STEPS // 2:
						halfway.wait(timeout=300)  # the rename
						halfway.wait(timeout=300)  # done
					kind = chooser.choice(self.KINDS)
					try:
						workload_step(kind, chooser.choice, operator)
						frappe.db.commit()
						outcome = "done"
					except Exception as error:
						# A conflict (a stale form, a lock wait) fails the whole save, which counts nothing.
						frappe.db.rollback()
						outcome = f"{type(error).__name__}: {error}"[:200]
					with lock:
						outcomes.append((kind, outcome))
						if len(outcomes) >= self.WORKERS * self.STEPS // 3:
							midway.set()

		def escalate_and_rename() -> None:
			"""The hourly job beside the clerks' saves, once a third of the workload has run, and an
			administrator's rename of the operator at the half."""
			midway.wait(timeout=300)
			with connected(site):
				escalate_service(service_of(SERVICE), now_datetime())
				frappe.db.commit()
				escalated.extend(
					frappe.get_all(
						SERVICE,
						filters={
							"applicant_name": ["like", f"{WORKLOAD_PREFIX}%"],
							"escalated_step": ["is", "set"],
						},
						pluck="name",
					)
				)
				halfway.wait(timeout=300)
				frappe.rename_doc("User", operator, RENAMED_OPERATOR, force=True)
				frappe.db.commit()
				halfway.wait(timeout=300)

		threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(self.WORKERS)]
		threads.append(threading.Thread(target=escalate_and_rename))
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=600)
		done = {kind for kind, outcome in outcomes if outcome == "done"}
		self.assertEqual(done, set(self.KINDS), outcomes)
		self.assertTrue(escalated, "the escalation run found overdue cases of the workload")
		self.assertFalse(frappe.db.exists("User", operator))
		self.assertEqual(drift(SERVICE), [])
		self.assertEqual(drift(HOTLINE), [])
		self.assertFalse(
			[outcome for outcome in outcomes if "Deadlock" in outcome[1]], "no save fails for a deadlock"
		)
