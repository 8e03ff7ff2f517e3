"""The portal under abuse: limits on what guests and citizens write, from where, and how much.

Frappe's own web form limit is `@rate_limit(key="web_form", limit=10, seconds=60)` on
`frappe.website.doctype.web_form.web_form.accept` (frappe/website/doctype/web_form/web_form.py,
above `def accept`, in Frappe 15.55.1), hard-coded and counted per address and web form. A village
service room behind one NAT address exceeds it on a busy morning, and it covers neither the REST API
nor uploads. This module replaces it:

- `accept` is registered in hooks `override_whitelisted_methods` for Frappe's `accept`, and calls
  the undecorated function (`accept.__wrapped__`), so Frappe's fixed counter never runs.
- `protect_request` (a `before_request` hook) counts every portal write (web form saves, REST
  inserts, updates and deletes, `frappe.client` writes, uploads, and the methods apps list under
  the `portal_write_methods` hook) by guests and citizens in Redis, per client address and per
  account, in the windows `Portal Protection Settings` sets, and refuses with HTTP 429 before the
  method runs, so nothing is written. The web form's page keeps what the person typed: Frappe's
  web form script (frappe/public/js/frappe/web_form/web_form.js, `save`) leaves the fields alone
  unless the answer has no `exc`, and the request layer shows the refusal's message.
- It also sets `frappe.local.request_ip` from `X-Forwarded-For` only when the peer is a trusted
  proxy (Frappe's `HTTPRequest.set_request_ip` believes the header from anyone), so Frappe's own
  limits (login, password reset) count the real client too.
- `check_portal_fields` (a `before_validate` document event) caps the length of every text field a
  guest or citizen fills in, and stores plain-text fields with their markup escaped, so the desk and
  the portal show them as text. Frappe's desk puts Small Text and Text values into the page as HTML
  (frappe/public/js/frappe/form/formatters.js, `Text`), and its save-time sanitiser
  (`BaseDocument._sanitize_content`, bleach) already stores a `<script>` tag as `&lt;script&gt;` while
  keeping tags it allows (`<img src=x>`, `<b>`); escaping every tag the same way keeps the value
  lossless (`html.unescape` gives back exactly what was typed) and harmless wherever it is shown. Pages
  that escape again (Jinja `| e`, `textContent`) show `&lt;` for such input: print the stored value
  as it is there, or unescape it first.
- Guests and citizens never receive a server traceback unless the site is in developer mode.
"""

import inspect
import json
import time

import frappe
from frappe import _
from frappe.website.doctype.web_form import web_form as frappe_web_form

from qh_legal_service.field_access import is_citizen
from qh_legal_service.rules import portal_protection as rules

SETTINGS = "Portal Protection Settings"
_APP_MODULES_KEY = "qh_legal_service_app_modules"


class PortalLimitError(frappe.RateLimitExceededError):
	"""Too many portal writes from one address or account in a window (HTTP 429)."""


class PortalTextTooLongError(frappe.ValidationError):
	"""A text field a guest or citizen filled in is longer than the portal allows."""


DEFAULTS = {
	"enabled": 1,
	"guest_per_address_per_minute": rules.GUEST_PER_ADDRESS_PER_MINUTE,
	"guest_per_address_per_hour": rules.GUEST_PER_ADDRESS_PER_HOUR,
	"citizen_per_account_per_minute": rules.CITIZEN_PER_ACCOUNT_PER_MINUTE,
	"citizen_per_account_per_hour": rules.CITIZEN_PER_ACCOUNT_PER_HOUR,
	"citizen_per_address_per_minute": rules.CITIZEN_PER_ADDRESS_PER_MINUTE,
	"citizen_per_address_per_hour": rules.CITIZEN_PER_ADDRESS_PER_HOUR,
	"trusted_proxies": rules.TRUSTED_PROXIES_DEFAULT,
	"max_text_length": rules.MAX_TEXT_LENGTH,
	"upload_extensions": rules.UPLOAD_EXTENSIONS_DEFAULT,
	"upload_max_mb": rules.UPLOAD_MAX_MB_DEFAULT,
}


def settings() -> dict:
	"""The protection settings as a dict, from the document cache (cleared when they are saved).

	Before `bench migrate` has made the doctype (new code, old database) the defaults apply, so no
	request fails for want of it.
	"""
	try:
		return frappe.get_cached_doc(SETTINGS).as_dict()
	except (frappe.DoesNotExistError, ImportError):
		return dict(DEFAULTS)


def trusted_networks(values: dict) -> tuple:
	try:
		return rules.parse_networks(values.get("trusted_proxies"))
	except ValueError:
		# A typo cannot be saved; a value set behind the form's back trusts nobody.
		return ()


def protect_request():
	"""before_request hook: the client's real address, no tracebacks for citizens, the write limits."""
	request = getattr(frappe.local, "request", None)
	session = getattr(frappe.local, "session", None)
	if not request or not session:
		return
	user = session.user or "Guest"
	citizen = is_citizen(user)
	if citizen and not frappe.conf.developer_mode:
		# report_error and handle_exception leave the traceback out of the answer with this flag.
		frappe.local.flags.disable_traceback = True
	values = settings()
	frappe.local.request_ip = rules.client_address(
		request.environ.get("REMOTE_ADDR"),
		request.headers.get("X-Forwarded-For"),
		trusted_networks(values),
	)
	if (
		citizen
		and values.get("enabled")
		and rules.is_portal_write(
			request.method,
			request.path,
			frappe.form_dict.get("cmd"),
			frappe.get_hooks("portal_write_methods"),
		)
	):
		count_write(user, frappe.local.request_ip, values)


def count_write(user: str, address: str, values: dict, now: float | None = None):
	"""Count one write against every limit that applies, and refuse it when one is exceeded."""
	now = time.time() if now is None else now
	is_guest = user == "Guest"
	refused = None
	for limit in rules.limits_for(is_guest, values):
		identity = user if limit.scope == "account" else address
		key, seconds_left = rules.window_key(limit, identity, now)
		cache_key = frappe.cache.make_key(f"qhls-portal-writes:{key}")
		count = frappe.cache.incrby(cache_key, 1)
		if count == 1:
			frappe.cache.expire(cache_key, seconds_left + 1)
		if count > limit.count and refused is None:
			refused = (limit, seconds_left)
	if refused:
		limit, seconds_left = refused
		minutes = rules.minutes_to_wait(seconds_left)
		frappe.local.flags.qhls_retry_after = seconds_left
		if limit.scope == "account":
			message = _(
				"You have sent too much in a short time. Please wait {0} minute(s) and send again: "
				"what you typed is still in the form."
			).format(minutes)
		else:
			message = _(
				"Too much has been sent from this place in a short time. Please wait {0} minute(s) and "
				"send again: what you typed is still in the form."
			).format(minutes)
		frappe.throw(message, PortalLimitError, title=_("Please Wait"))


def strip_tracebacks(response=None, request=None):
	"""after_request hook: no server traceback in a guest's or citizen's JSON answer outside developer mode
	(and a refusal's Retry-After header).

	`protect_request` already keeps Frappe from adding one; this also covers an error raised before
	it ran and Frappe's older paths that add one whatever the flag (`frappe.handler`'s `errprint`).
	"""
	if response is None or response.status_code < 400:
		return
	if response.status_code == 429 and frappe.local.flags.get("qhls_retry_after"):
		response.headers["Retry-After"] = str(frappe.local.flags.qhls_retry_after)
	if frappe.conf.developer_mode:
		return
	user = getattr(getattr(frappe.local, "session", None), "user", None) or "Guest"
	if not is_citizen(user) or response.mimetype != "application/json":
		return
	try:
		body = json.loads(response.get_data(as_text=True) or "{}")
	except ValueError:
		return
	if not isinstance(body, dict) or not ({"exc", "_exc_source"} & body.keys()):
		return
	body.pop("exc", None)
	body.pop("_exc_source", None)
	response.set_data(json.dumps(body, default=str))


def clear_counts():
	"""Forget every portal write counted (tests; an administrator after a false alarm)."""
	frappe.cache.delete_keys("qhls-portal-writes:")


@frappe.whitelist(allow_guest=True, methods=["POST"])
def accept(web_form: str, data: str):
	"""Frappe's web form save without its hard-coded 10 a minute: `protect_request` counted it."""
	return inspect.unwrap(frappe_web_form.accept)(web_form=web_form, data=data)


def app_modules() -> frozenset[str]:
	modules = frappe.local.cache.get(_APP_MODULES_KEY) if hasattr(frappe.local, "cache") else None
	if modules is None:
		modules = frozenset(frappe.get_module_list("qh_legal_service"))
		if hasattr(frappe.local, "cache"):
			frappe.local.cache[_APP_MODULES_KEY] = modules
	return modules


def check_portal_fields(doc, method=None):
	"""before_validate (every doctype): cap and neutralise the text a guest or citizen filled in.

	Only this app's doctypes and only the fields anyone may fill in (permission level 0): Frappe's
	own records (versions, comments) and what the server sets are left alone.
	"""
	if doc.meta.module not in app_modules() or not is_citizen(frappe.session.user):
		return
	max_length = settings().get("max_text_length") or 0
	before = doc.get_doc_before_save() if not doc.is_new() else None
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			if df.fieldtype in rules.ATTACH_FIELDTYPES and not df.permlevel:
				check_attached_file(doc, row, df, before)
				continue
			if df.fieldtype not in rules.TYPED_TEXT_FIELDTYPES or df.permlevel:
				continue
			value = row.get(df.fieldname)
			if rules.text_too_long(value, max_length):
				frappe.throw(
					_("{0} is too long: at most {1} characters, and {2} were sent.").format(
						_(df.label or df.fieldname), max_length, len(value)
					),
					PortalTextTooLongError,
					title=_("Text Too Long"),
				)
			if df.fieldtype in rules.PLAIN_TEXT_FIELDTYPES and not df.options == "Email":
				row.set(df.fieldname, rules.as_plain_text(value))


class NotYourFileError(frappe.ValidationError):
	"""An Attach value from a guest or citizen that is not a file they uploaded for this record."""


def check_attached_file(doc, row, df, before) -> None:
	"""An Attach field a guest or citizen sets holds the URL of a File they uploaded, unattached or attached
	to this very record, and nothing else: markup or a `javascript:` URL would run in a reviewer's desk."""
	value = row.get(df.fieldname)
	if not value or (before is not None and value == stored_value(before, row, df.fieldname)):
		return
	if not (rules.is_file_url(value) and uploaded_for(value, doc)):
		frappe.throw(
			_("{0}: attach a file you upload with this form.").format(_(df.label or df.fieldname)),
			NotYourFileError,
			title=_("File Not Accepted"),
		)


def uploaded_for(file_url: str, doc) -> bool:
	"""Whether the user uploaded a File of that URL, not attached to anything yet or attached to `doc`."""
	return any(
		not attached.attached_to_doctype
		or (attached.attached_to_doctype == doc.doctype and attached.attached_to_name in (None, "", doc.name))
		for attached in frappe.get_all(
			"File",
			filters={"file_url": file_url, "owner": frappe.session.user},
			fields=["attached_to_doctype", "attached_to_name"],
		)
	)


def stored_value(before, row, fieldname: str):
	"""The value a field had before this save, on the record or on the same child row."""
	if row.doctype == before.doctype:
		return before.get(fieldname)
	for old in before.get_all_children():
		if old.name == row.name:
			return old.get(fieldname)
	return None


def upload_limits() -> tuple[tuple[str, ...], int]:
	"""The file types and the size in bytes a guest or citizen may upload."""
	values = settings()
	extensions = rules.parse_extensions(values.get("upload_extensions")) or rules.parse_extensions(
		rules.UPLOAD_EXTENSIONS_DEFAULT
	)
	max_mb = values.get("upload_max_mb") or rules.UPLOAD_MAX_MB_DEFAULT
	return extensions, int(max_mb) * 1024 * 1024
