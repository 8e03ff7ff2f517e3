app_name = "qh_legal_service"
app_title = "Qinghai Public Legal Service"
app_publisher = "Qinghai Public Legal Service developers"
app_description = "Qinghai public legal service system: legal aid, notarization, mediation, 12348 hotline, satisfaction and supervision, from province to village"
app_email = "dev@qh-legal-service.invalid"
app_license = "mit"

# Records scoped to an area by their `division` and its denormalised tier columns.
_AREA_DOCTYPES = (
	"Legal Service Institution",
	"Service Point",
	"Legal Service Worker",
	"Legal Consultation",
	"Legal Aid Application",
	"Legal Aid Callback",
	"Mediation Case",
	"Notarization Referral",
	"Hotline Work Order",
	# Scoped by its holder's division, and readable from its referring point's (its own hooks below).
	"Service Order",
	# Scoped by the evaluated record's division.
	"Satisfaction Evaluation",
	# The supervisors' monthly sums, scoped by the township they count (figures.py).
	"Service Figure",
	# The monthly supervision bulletins, scoped by the division they report on.
	"Supervision Bulletin",
)
# The tables of the area records: a row is listed only with its record (scoping.child_query_conditions).
# A test holds this list equal to the area doctypes' table fields.
_AREA_CHILD_DOCTYPES = (
	"Legal Service Language",
	"Service Point Window",
	"Legal Service Worker Division",
	"Special Group Membership",
	"Legal Aid Materials Request",
	"Service Case Step",
	"Mediation Party",
	"Mediation Case Mediator",
	"Mediation Session",
	"Notarization Pause",
	"Service Order Hand-over",
	"Supervision Bulletin Row",
)

# Includes in <head>
# ------------------

app_include_css = "/assets/qh_legal_service/css/qh_legal_service.css"
app_include_js = [
	"/assets/qh_legal_service/js/report_filters.js",
	# The Word downloads of every service's official documents, on the forms of the doctypes in
	# frappe.boot.qh_document_doctypes (set by `boot_session`).
	"/assets/qh_legal_service/js/service_documents.js",
	# Send a survey link or record a phone evaluation, on the forms of frappe.boot.qh_surveyed_doctypes.
	"/assets/qh_legal_service/js/satisfaction.js",
	# The 12348 Hotline workspace's cards count again as work orders arrive (realtime list_update).
	"/assets/qh_legal_service/js/hotline_desk.js",
	# Every service case's form: step names in the reader's language, and each workflow action asks
	# in a dialog for what its next state needs.
	"/assets/qh_legal_service/js/service_case_form.js",
]
web_include_css = [
	"/assets/qh_legal_service/css/qh_legal_service.css",
	# Every service's portal form shares one sheet (phone layout, language switch, status and history).
	"/assets/qh_legal_service/css/portal_forms.css",
]
web_include_js = [
	"/assets/qh_legal_service/js/portal_currency.js",
	# What every service's portal form shows of a request already sent (portal_records.py builds it).
	"/assets/qh_legal_service/js/portal_record.js",
]

# Web form pages also send the browser the translations of Frappe's upload dialog and controls.
update_website_context = [
	"qh_legal_service.frappe_strings.add_portal_messages",
	# Every service's portal list: its headings, states, steps and Select values (portal_records.py).
	"qh_legal_service.portal_records.add_list_translations",
]

# A legal aid case refers its applicant to a notary office with one action (公证法 Art 34).
doctype_js = {
	"Legal Aid Application": "public/js/refer_for_notarization.js",
	# "Refer to Legal Aid Centre" and the orders a consultation sent (the order flow).
	"Legal Consultation": "public/js/refer_to_legal_aid.js",
}

# The desk's print view offers a record only the official documents its state allows.
page_js = {"print": "public/js/print_view_documents.js"}

# The bilingual wording of every service's documents, shared by the print formats and the Word files
# (`legal_aid_document` is the name the legal aid print formats used before).
jinja = {
	"methods": [
		"qh_legal_service.service_documents.service_document",
		"qh_legal_service.legal_aid.documents.legal_aid_document",
		# The monthly supervision bulletin's figures and wording (quality_and_supervision/bulletin.py).
		"qh_legal_service.quality_and_supervision.bulletin.supervision_bulletin",
	]
}

# The desk learns which doctypes declare official documents.
# ... which doctypes are surveyed for satisfaction (好差评), and which are service cases (action dialogs).
boot_session = [
	"qh_legal_service.service_documents.boot_session",
	"qh_legal_service.quality_and_supervision.satisfaction.boot_session",
	"qh_legal_service.service_case.boot_session",
]

# Every print (print view, /printview, PDF, e-mail attachment) refuses, before rendering, an official
# document its record's state does not warrant; Frappe's own renderer then does the rest.
pdf_body_html = "qh_legal_service.service_documents.pdf_body_html"

# Installation
# ------------

after_install = "qh_legal_service.install.after_install"
after_migrate = "qh_legal_service.install.after_migrate"
before_uninstall = "qh_legal_service.install.before_uninstall"

# Testing
# -------

before_tests = "qh_legal_service.tests.utils.before_tests"

# Requests
# --------

# Frappe 15.55.1 reads a guest's language before the session exists; recompute it after.
before_request = [
	"qh_legal_service.portal_language.apply_portal_language",
	# The client's address (X-Forwarded-For only through trusted proxies), the limits on portal writes
	# by guests and citizens, and no tracebacks for them (Portal Protection Settings).
	"qh_legal_service.portal_protection.protect_request",
	"qh_legal_service.conflicts.answer_lock_conflicts_as_409",
]
after_request = [
	"qh_legal_service.portal_protection.strip_tracebacks",
	# Private files download, never render (files.py).
	"qh_legal_service.files.private_file_headers",
]

# Frappe's web form save without its hard-coded 10 a minute per address: protect_request limits it.
override_whitelisted_methods = {
	"frappe.website.doctype.web_form.web_form.accept": "qh_legal_service.portal_protection.accept",
	# The search bar finds service records as their link search does: indexed and within the user's area.
	"frappe.utils.global_search.search": "qh_legal_service.record_search.global_search",
	# A county's, prefecture's or the province's unfiltered sidebar counts and list count read the figures'
	# current sums, not one index entry per record (desk_counts.py).
	"frappe.desk.listview.get_group_by_count": "qh_legal_service.desk_counts.get_group_by_count",
	"frappe.desk.reportview.get_count": "qh_legal_service.desk_counts.get_count",
	# A title, an existence check or a count only of records the user may read (record_access.py).
	"frappe.desk.search.get_link_title": "qh_legal_service.record_access.get_link_title",
	"frappe.client.validate_link": "qh_legal_service.record_access.validate_link",
	"frappe.client.get_count": "qh_legal_service.record_access.get_count",
}

# Whitelisted methods of this app that guests or citizens call to write (beyond web forms, REST and
# uploads, which are always counted), or to look up by a guessable key: each call counts against the
# portal's limits.
portal_write_methods = [
	"qh_legal_service.quality_and_supervision.satisfaction.submit_survey",
	"qh_legal_service.quality_and_supervision.satisfaction.evaluate_own",
	"qh_legal_service.hotline.portal.lookup_answer",
]

# Permissions
# -----------

permission_query_conditions = {
	"Administrative Division": "qh_legal_service.scoping.division_query_conditions",
	"File": "qh_legal_service.scoping.file_query_conditions",
	**{doctype: "qh_legal_service.scoping.area_query_conditions" for doctype in _AREA_DOCTYPES},
	# Orders: the holder's area acts, the referring point's area follows (reads) them.
	"Service Order": "qh_legal_service.service_order.order_query_conditions",
	**{doctype: "qh_legal_service.scoping.child_query_conditions" for doctype in _AREA_CHILD_DOCTYPES},
}

has_permission = {
	"Administrative Division": "qh_legal_service.scoping.division_has_permission",
	**{doctype: "qh_legal_service.scoping.area_has_permission" for doctype in _AREA_DOCTYPES},
	"Service Order": "qh_legal_service.service_order.order_has_permission",
}

# Division links search both scripts; a Tibetan reader sees Tibetan names and paths.
standard_queries = {
	"Administrative Division": (
		"qh_legal_service.legal_service_core.doctype.administrative_division.administrative_division"
		".division_search"
	),
	# Every service: by number, a person's name, phone or resident ID, each through an index, within the
	# user's area, with IDs masked for roles that do not handle them (record_search.py).
	**{
		doctype: "qh_legal_service.record_search.search_records"
		for doctype in (
			"Legal Aid Application",
			"Mediation Case",
			"Notarization Referral",
			"Hotline Work Order",
			"Legal Consultation",
			"Satisfaction Evaluation",
			"Service Order",
		)
	},
}

# Files attached to service records, and every citizen upload, are private (see files.py).
override_doctype_class = {
	"File": "qh_legal_service.files.ServiceFile",
	# This app's reports answer on the desk directly: Frappe never marks them prepared (direct_reports.py).
	"Report": "qh_legal_service.direct_reports.DirectReport",
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"hourly": ["qh_legal_service.escalation.escalate_overdue_steps"],
	# Art 33: remind the parties before the window for judicial confirmation ends; end it when it has.
	# The drift audit after the night's changes: the figures compared with a recount and repaired.
	"daily": [
		"qh_legal_service.mediation.reminders.remind_before_window_ends",
		"qh_legal_service.figure_audit.audit_figures",
	],
	# On the 1st: last month's draft bulletin for the province and each prefecture.
	"monthly": ["qh_legal_service.quality_and_supervision.bulletin.create_monthly_drafts"],
}

# Service cases: timed by the mixin in service_case.py from their declarations in rules/services.py,
# and escalated by one job. A test holds this list equal to the declarations.
service_cases = [
	"Legal Aid Application",
	"Mediation Case",
	"Notarization Referral",
	"Service Order",
	"Hotline Work Order",
	"Satisfaction Evaluation",
]

# Document Events
# ---------------

doc_events = {
	# A surveyed service that closes sends its person a one-time satisfaction survey link (好差评).
	# Every counted record keeps the supervisors' monthly sums in step as it is saved (figures.py).
	"*": {
		"on_update": [
			"qh_legal_service.quality_and_supervision.satisfaction.offer_survey_on_close",
			"qh_legal_service.figures.record_saved",
		],
		"on_trash": [
			"qh_legal_service.quality_and_supervision.satisfaction.forget_links",
			"qh_legal_service.figures.record_trashed",
		],
		"after_delete": "qh_legal_service.figures.record_deleted",
		"after_rename": "qh_legal_service.figures.record_renamed",
	},
	# A citizen reads on the portal the applications staff entered for them (applicant_user).
	"Legal Aid Application": {
		"on_update": "qh_legal_service.legal_aid.applicant_access.share_with_applicant",
	},
	# ... and the notarization referrals a legal aid case or staff made for them.
	"Notarization Referral": {
		"on_update": "qh_legal_service.legal_aid.applicant_access.share_with_applicant",
	},
	# A transferred hotline work order learns its order's completion (its reply) or refusal.
	"Service Order": {"on_update": "qh_legal_service.hotline.orders.follow_order"},
	"User Permission": {
		"on_update": "qh_legal_service.scoping.clear_permitted_nodes_cache",
		"on_trash": "qh_legal_service.scoping.clear_permitted_nodes_cache",
	},
	# An e-mail is refused at once when it would attach an official document its record does not warrant.
	"Email Queue": {
		"before_insert": "qh_legal_service.service_documents.refuse_unwarranted_print_attachments",
	},
}
# Every text a guest or citizen fills in on any of this app's doctypes is capped in length and kept as
# text, never markup (portal_protection.py).
doc_events.setdefault("*", {})["before_validate"] = "qh_legal_service.portal_protection.check_portal_fields"

# Fixtures
# --------

_LEGAL_AID_STATES = [
	"Received",
	"Materials Requested",
	"Under Review",
	"Urgent Aid",
	"Approved",
	"Refused",
	"Assigned",
	"In Progress",
	"Closed",
	"Archived",
	"Withdrawn",
	"Terminated",
	"Objection Filed",
]
_LEGAL_AID_ACTIONS = [
	"Approve",
	"Archive",
	"Assign",
	"Close",
	"Deem Withdrawn",
	"Materials Supplied",
	"Order Correction",
	"Provide Urgent Aid",
	"Record Objection",
	"Refuse",
	"Request Materials",
	"Start Handling",
	"Start Review",
	"Terminate",
	"Uphold Refusal",
	"Uphold Termination",
]
# People's mediation (rules/mediation.py STATES and ACTIONS; a test holds them equal).
_MEDIATION_STATES = [
	"Requested",
	"Accepted",
	"Not Accepted",
	"In Mediation",
	"Agreement Reached",
	"Agreement Not Reached",
	"Withdrawn",
	"Closed",
]
_MEDIATION_ACTIONS = [
	"Accept Mediation",
	"Decline Mediation",
	"Start Mediation",
	"Record Agreement",
	"Record No Agreement",
	"Record Withdrawal",
	"Close Case",
]
# Notarization referrals (rules/notarization.py STATES; a test holds them equal). "Accepted", "Refused"
# and "Closed" are shared with the lists above.
_NOTARIZATION_STATES = ["Referred", "Paused", "Certificate Issued"]
_NOTARIZATION_ACTIONS = [
	"Accept Referral",
	"Refuse Referral",
	"Pause",
	"Resume",
	"Issue Certificate",
	"Return Result",
]

# 12348 hotline work orders (rules/hotline.py STATES and ACTIONS; a test holds them equal). "Received" is
# shared with legal aid.
_HOTLINE_STATES = ["Answered", "Transferred", "Completed", "Called Back"]
_HOTLINE_ACTIONS = [
	"Answer Directly",
	"Transfer",
	"Record Callback",
	"Record Completion",
	"Return to Operator",
]

# The workflows and their states and actions belong to no module: they ship as fixtures.
fixtures = [
	{
		"dt": "Workflow State",
		"filters": [
			["name", "in", _LEGAL_AID_STATES + _MEDIATION_STATES + _NOTARIZATION_STATES + _HOTLINE_STATES]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			["name", "in", _LEGAL_AID_ACTIONS + _MEDIATION_ACTIONS + _NOTARIZATION_ACTIONS + _HOTLINE_ACTIONS]
		],
	},
	{
		"dt": "Workflow",
		"filters": [
			[
				"name",
				"in",
				["Legal Aid Application", "Mediation Case", "Notarization Referral", "Hotline Work Order"],
			]
		],
	},
]
