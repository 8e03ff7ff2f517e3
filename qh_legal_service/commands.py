"""Bench commands of the app: `bench --site S qhls-demo`, `qhls-staff-user`, `qhls-kb-rebuild`,
`qhls-rebuild-figures` and `qhls-audit-figures`."""

from contextlib import contextmanager

import click
import frappe
from frappe.commands import get_site, pass_context


@contextmanager
def site_session(context):
	"""Connected to the command's site while the block runs, committed when it ends without an error."""
	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		yield
		frappe.db.commit()
	finally:
		frappe.destroy()


@click.command("qhls-demo")
@click.option("--scale", default="small", help="small (3,000 consultations), large (1,000,000) or a number")
@pass_context
def make_demo(context, scale):
	"""Fill a site with demo data and print the demo logins."""
	from qh_legal_service.demo import DEMO_PASSWORD
	from qh_legal_service.demo import make_demo as _make_demo

	with site_session(context):
		users = _make_demo(int(scale) if scale.isdigit() else scale)
	click.echo(f"Demo logins (password {DEMO_PASSWORD}):")
	for user in users:
		click.echo(f"  {user.email:32} {user.profile:26} {user.division or 'portal'}")


@click.command("qhls-staff-user")
@click.argument("email")
@click.argument("full_name")
@click.argument("division")
@click.argument("role_profile")
@click.option("--language", default="zh")
@click.option("--password")
@pass_context
def staff_user(context, email, full_name, division, role_profile, language, password):
	"""Create a staff user at DIVISION with ROLE_PROFILE (e.g. "County Justice Bureau")."""
	from qh_legal_service.staff import create_staff_user

	with site_session(context):
		create_staff_user(email, full_name, division, role_profile, language, password)
	click.echo(f"{email} now works at {division} as {role_profile}")


@click.command("qhls-kb-rebuild")
@pass_context
def kb_rebuild(context):
	"""Rebuild the knowledge base's search index from every published article."""
	from qh_legal_service.knowledge_base import rebuild_index

	with site_session(context):
		count = rebuild_index()
	click.echo(f"Knowledge base index rebuilt: {count} published articles")


@click.command("qhls-rebuild-figures")
@click.option("--doctype", help="One counted doctype; every one when left out")
@pass_context
def rebuild_figures(context, doctype):
	"""Recount the supervisors' monthly sums (Service Figure) from the services' records."""
	from qh_legal_service.figures import rebuild

	with site_session(context):
		written = rebuild(doctype)
	for name, rows in written.items():
		click.echo(f"{name}: {rows} monthly sums")


@click.command("qhls-audit-figures")
@click.option("--doctype", help="One counted doctype; every one when left out")
@pass_context
def audit_figures(context, doctype):
	"""Compare the supervisors' monthly sums with a recount, repair each difference and log the run."""
	from qh_legal_service.figure_audit import AUDIT
	from qh_legal_service.figure_audit import audit_figures as audit

	with site_session(context):
		name = audit(doctype)
		result = frappe.db.get_value(AUDIT, name, ["status", "sums_different"], as_dict=True)
	click.echo(f"{AUDIT} {name}: {result.status}, {result.sums_different} sums differed from a recount")


commands = [make_demo, staff_user, kb_rebuild, rebuild_figures, audit_figures]
