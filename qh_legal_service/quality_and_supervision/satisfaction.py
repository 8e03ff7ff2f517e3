"""好差评 on the site: what an evaluation copies from its record, one-time survey links, and the answers.

The rules (levels, bad reviews, tokens) are in `rules.satisfaction`. A link carries a token signed with
the site's encryption key that names one record and its expiry; the site keeps only the token's hash in
a `Satisfaction Survey Link` and marks it used with the answer, so it works once. Staff send a link from
a service form, and a link is sent when a service closes (the `*` on_update hook). Citizens evaluate
their own records on the portal (`/survey?doctype=...&name=...` when signed in) or through the link.
"""

import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_datetime, get_url, now_datetime
from frappe.utils.password import get_encryption_key

from qh_legal_service.outgoing import can_send_email
from qh_legal_service.rules import satisfaction as sat


class SurveyLinkError(frappe.ValidationError):
	"""A survey link that is forged, expired, used or names another record."""


class NotSurveyedError(frappe.ValidationError):
	"""A record of a doctype that is not a surveyed service."""


class AlreadyEvaluatedError(frappe.ValidationError):
	"""The same person evaluating the same record a second time."""


def settings():
	return frappe.get_cached_doc(sat.SETTINGS_DOCTYPE)


def service_record(doctype: str) -> sat.ServiceRecord:
	if doctype not in sat.SERVICE_RECORDS:
		frappe.throw(_("{0} is not a service that is evaluated.").format(_(doctype)), NotSurveyedError)
	return sat.SERVICE_RECORDS[doctype]


def _value(doc, fieldname: str | None):
	return doc.get(fieldname) if fieldname and doc.meta.has_field(fieldname) else None


def record_facts(doc) -> frappe._dict:
	"""What an evaluation or a link copies from the service record: area, institution, the person."""
	rule = service_record(doc.doctype)
	institution = _value(doc, rule.institution)
	if not institution and rule.institution_via and (via := _value(doc, rule.institution_via[0])):
		link_doctype = doc.meta.get_field(rule.institution_via[0]).options
		institution = frappe.db.get_value(link_doctype, via, rule.institution_via[1])
	user = _value(doc, rule.user)
	language = _value(doc, rule.language)
	if not language and user:
		language = frappe.db.get_value("User", user, "language")
	name, phone = _value(doc, rule.person_name), _value(doc, rule.phone)
	return frappe._dict(
		division=doc.get("division"),
		institution=institution,
		person_name=name,
		user=user,
		phone=phone,
		language=sat.survey_language(language),
		person_key=sat.person_key(user, name, phone),
		state=doc.get(rule.state_field),
	)


def already_evaluated(doctype: str, name: str, key: str, exclude: str | None = None) -> bool:
	filters = {"reference_doctype": doctype, "reference_name": name, "evaluator_key": key}
	if exclude:
		filters["name"] = ["!=", exclude]
	return bool(frappe.db.exists(sat.EVALUATION_DOCTYPE, filters))


# Links -----------------------------------------------------------------------------------------------


def _key() -> bytes:
	return get_encryption_key().encode()


def issue_link(doctype: str, name: str, now=None) -> tuple[str, object]:
	"""A new one-time link for the person served by a record: (its URL, the stored link)."""
	doc = frappe.get_doc(doctype, name)
	facts = record_facts(doc)
	now = get_datetime(now or now_datetime())
	expires = sat.link_expiry(now, settings().link_valid_days or sat.DEFAULT_LINK_VALID_DAYS)
	token = sat.make_token(_key(), doctype, name, expires, secrets.token_urlsafe(12))
	link = frappe.get_doc(
		{
			"doctype": sat.LINK_DOCTYPE,
			"reference_doctype": doctype,
			"reference_name": name,
			"recipient_name": facts.person_name,
			"recipient_user": facts.user,
			"recipient_key": facts.person_key,
			"language": facts.language,
			"token_hash": sat.token_hash(token),
			"issued_on": now,
			"expires_on": expires,
		}
	).insert(ignore_permissions=True)
	return get_url(f"/survey?t={token}"), link


def open_link(token: str, now=None, for_update: bool = False):
	"""The stored link of a genuine, unexpired, unused token; SurveyLinkError with a reason otherwise."""
	now = get_datetime(now or now_datetime())
	try:
		claims = sat.read_token(_key(), token, now)
	except sat.TokenError as error:
		raise_link_error(error.reason)
	name = frappe.db.get_value(sat.LINK_DOCTYPE, {"token_hash": sat.token_hash(token)}, "name")
	if not name:
		raise_link_error(sat.FORGED)
	if for_update:
		frappe.db.get_value(sat.LINK_DOCTYPE, name, "name", for_update=True)
	link = frappe.get_doc(sat.LINK_DOCTYPE, name)
	if (link.reference_doctype, link.reference_name) != (claims.doctype, claims.name):
		raise_link_error(sat.OTHER_RECORD)
	if get_datetime(link.expires_on) < now:
		raise_link_error(sat.EXPIRED)
	if link.used_on:
		raise_link_error("used")
	return link


LINK_MESSAGES = {
	sat.MALFORMED: "This survey link is not valid.",
	sat.FORGED: "This survey link is not valid.",
	sat.OTHER_RECORD: "This survey link is not valid.",
	sat.EXPIRED: "This survey link has expired.",
	"used": "This survey has already been answered. Thank you.",
}


def raise_link_error(reason: str):
	frappe.throw(_(LINK_MESSAGES.get(reason, LINK_MESSAGES[sat.MALFORMED])), SurveyLinkError)


@frappe.whitelist()
def send_survey_link(doctype: str, name: str) -> dict:
	"""Staff send the person served a one-time survey link (e-mailed when they have an account)."""
	service_record(doctype)
	frappe.get_doc(doctype, name).check_permission("read")
	url, link = deliver_link(doctype, name)
	return {"url": url, "expires_on": link.expires_on, "recipient": link.recipient_name}


def offer_survey_on_close(doc, method=None):
	"""doc_events `*` on_update: when a surveyed service enters a closing state, send its person a link.

	A link goes out only where it can reach the person (their account's e-mail, or their phone when the
	site has an SMS gateway); otherwise the record is told to send one by hand, since the site keeps no
	copy of a token it could show later."""
	rule = sat.SERVICE_RECORDS.get(doc.doctype)
	if not rule or not rule.closed_states or not doc.meta.has_field(rule.state_field):
		return
	if doc.get(rule.state_field) not in rule.closed_states or not doc.has_value_changed(rule.state_field):
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or not settings().send_link_on_close:
		return
	if frappe.db.exists(sat.LINK_DOCTYPE, {"reference_doctype": doc.doctype, "reference_name": doc.name}):
		return
	facts = record_facts(doc)
	if (email_of(facts.user) and can_send_email()) or (facts.phone and sms_configured()):
		deliver_link(doc.doctype, doc.name)
	else:
		doc.add_comment(
			"Info",
			_("No e-mail or text message reaches this person: send them a survey link from Satisfaction."),
		)


def email_of(user: str | None) -> str | None:
	return user if user and "@" in user and user != "Guest" else None


def sms_configured() -> bool:
	"""Whether the site can send text messages (Frappe's SMS Settings name a gateway)."""
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def deliver_link(doctype: str, name: str):
	"""Issue a link and send it to the person's account e-mail, or by text message to their phone when
	the site has an SMS gateway; (URL, stored link). Staff see the URL to pass on otherwise."""
	url, link = issue_link(doctype, name)
	message = _("Please tell us how satisfied you are with {0}: {1}", lang=link.language).format(name, url)
	if (email := email_of(link.recipient_user)) and can_send_email():
		frappe.sendmail(
			recipients=[email],
			subject=_("How satisfied are you with our service?", lang=link.language),
			message=message,
			reference_doctype=doctype,
			reference_name=name,
		)
	elif sms_configured() and (phone := record_facts(frappe.get_doc(doctype, name)).phone):
		from frappe.core.doctype.sms_settings.sms_settings import send_sms

		send_sms([phone], message, success_msg=False)
	return url, link


# Answers ---------------------------------------------------------------------------------------------


def make_evaluation(
	doctype: str, name: str, level: str, comment: str | None, channel: str, evaluator: dict | None = None
):
	"""Record an answer on behalf of the person served (the server checks who may answer first).

	`evaluator` names who answered (name, user, key, survey_link) where the record's person is not it."""
	if level not in sat.LEVELS:
		frappe.throw(_("Choose one of the five levels."), frappe.ValidationError)
	evaluation = frappe.get_doc(
		{
			"doctype": sat.EVALUATION_DOCTYPE,
			"reference_doctype": doctype,
			"reference_name": name,
			"level": level,
			"comment": (comment or "").strip()[:2000],
		}
	)
	evaluation.flags.channel = channel
	evaluation.flags.evaluator = evaluator or {}
	# Who may answer was checked by the caller (the link, the record's own user, or staff).
	evaluation.flags.answer_checked = True
	return evaluation.insert(ignore_permissions=True)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=30, seconds=60)
def submit_survey(token: str, level: str, comment: str | None = None, reference_name: str | None = None):
	"""A person answers through their link (no login): once, before it expires, for its own record."""
	link = open_link(token, for_update=True)
	if reference_name and reference_name != link.reference_name:
		raise_link_error(sat.OTHER_RECORD)
	evaluation = make_evaluation(
		link.reference_doctype,
		link.reference_name,
		level,
		comment,
		sat.LINK,
		{
			"name": link.recipient_name,
			"user": link.recipient_user,
			"key": link.recipient_key,
			"survey_link": link.name,
		},
	)
	frappe.db.set_value(
		sat.LINK_DOCTYPE, link.name, {"used_on": now_datetime(), "evaluation": evaluation.name}
	)
	return {"evaluation": evaluation.name, "level": level}


def own_record(doctype: str, name: str):
	"""A record the signed-in citizen was served by (its user field names them), or PermissionError."""
	rule = service_record(doctype)
	user = frappe.session.user
	doc = frappe.get_doc(doctype, name) if frappe.db.exists(doctype, name) else None
	if not doc or user == "Guest" or not rule.user or _value(doc, rule.user) != user:
		frappe.throw(_("You can evaluate only services you were given."), frappe.PermissionError)
	return doc


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60)
def evaluate_own(doctype: str, name: str, level: str, comment: str | None = None):
	"""A signed-in citizen evaluates one of their own records on the portal."""
	doc = own_record(doctype, name)
	facts = record_facts(doc)
	evaluation = make_evaluation(
		doctype, name, level, comment, sat.PORTAL, {"name": facts.person_name, "user": frappe.session.user}
	)
	return {"evaluation": evaluation.name, "level": level}


def my_records(user: str) -> list[dict]:
	"""The signed-in citizen's service records and whether each is evaluated yet."""
	rows = []
	for doctype, rule in sat.SERVICE_RECORDS.items():
		if not rule.user or not frappe.db.exists("DocType", doctype):
			continue
		if not frappe.get_meta(doctype).has_field(rule.user):
			continue
		for record in frappe.get_all(
			doctype,
			filters={rule.user: user},
			fields=["name", rule.state_field + " as state", "modified"],
			order_by="modified desc",
			limit=50,
		):
			rows.append({"doctype": doctype, **record})
	done = {
		(row.reference_doctype, row.reference_name): row.level
		for row in frappe.get_all(
			sat.EVALUATION_DOCTYPE,
			filters={"evaluator_key": sat.person_key(user, None, None)},
			fields=["reference_doctype", "reference_name", "level"],
		)
	}
	for row in rows:
		row["level"] = done.get((row["doctype"], row["name"]))
	return rows


def boot_session(bootinfo) -> None:
	"""The desk learns which doctypes are surveyed, for the forms' satisfaction buttons."""
	bootinfo.qh_surveyed_doctypes = [
		doctype for doctype in sat.SURVEYED_DOCTYPES if frappe.db.exists("DocType", doctype)
	]


def forget_links(doc, method=None):
	"""doc_events `*` on_trash: a deleted service record takes its survey links with it (evaluations
	stay: a record that was evaluated is refused deletion unless forced)."""
	if doc.doctype not in sat.SERVICE_RECORDS:
		return
	frappe.db.delete(sat.LINK_DOCTYPE, {"reference_doctype": doc.doctype, "reference_name": doc.name})
