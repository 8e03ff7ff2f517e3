"""好差评: satisfaction evaluations of every service, their one-time survey links, and bad-review rules.

Pure: plain values in and out (the token helpers take the key and the moment as arguments). The
Frappe side (`qh_legal_service.quality_and_supervision`) stores evaluations, issues links and runs the
rectification of a bad review as a service case (`EVALUATION_STEPS`, timed by `SAT-BAD-REVIEW`).
"""

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from qh_legal_service.rules.figures import exact_rate, reaches
from qh_legal_service.rules.service_case import StepRule

EVALUATION_DOCTYPE = "Satisfaction Evaluation"
LINK_DOCTYPE = "Satisfaction Survey Link"
SETTINGS_DOCTYPE = "Satisfaction Settings"
BAD_REVIEW_RULE = "SAT-BAD-REVIEW"

# The five levels of 国办发〔2019〕51号, best first: 非常满意 满意 基本满意 不满意 非常不满意.
VERY_SATISFIED = "Very Satisfied"
SATISFIED = "Satisfied"
BASICALLY_SATISFIED = "Basically Satisfied"
DISSATISFIED = "Dissatisfied"
VERY_DISSATISFIED = "Very Dissatisfied"
LEVELS = (VERY_SATISFIED, SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, VERY_DISSATISFIED)
# The first three count as satisfied; the last two are a bad review (差评).
SATISFIED_LEVELS = LEVELS[:3]
BAD_LEVELS = LEVELS[3:]

# How the answer arrived.
PORTAL = "Portal"
LINK = "Link"
PHONE = "Phone"
CHANNELS = (PORTAL, LINK, PHONE)

# What the callback (回访) to a dissatisfied person found.
RESOLVED = "Resolved"
PARTLY_RESOLVED = "Partly Resolved"
NOT_RESOLVED = "Not Resolved"
CALLBACK_RESULTS = (RESOLVED, PARTLY_RESOLVED, NOT_RESOLVED)

# The evaluation's own states, set by the server (state_field "status"): a good review is recorded and
# done; a bad one is rectified, then its person is called back, and only then closed.
RECORDED = "Recorded"
RECTIFYING = "Rectifying"
AWAITING_CALLBACK = "Awaiting Callback"
CLOSED = "Closed"
STATUSES = (RECORDED, RECTIFYING, AWAITING_CALLBACK, CLOSED)
OPEN_STATUSES = (RECTIFYING, AWAITING_CALLBACK)

# Both steps run within the set number of working days of the review (SAT-BAD-REVIEW, a setting).
RECTIFY = "Rectify"
CALL_BACK = "Call back"
EVALUATION_STEPS = (
	StepRule(RECTIFY, frozenset({RECTIFYING}), start_field="evaluated_on", rule_code=BAD_REVIEW_RULE),
	StepRule(
		CALL_BACK, frozenset({AWAITING_CALLBACK}), start_field="evaluated_on", rule_code=BAD_REVIEW_RULE
	),
)
EVALUATION_STAMPS = {AWAITING_CALLBACK: "rectified_on", CLOSED: "closed_on"}
EVALUATION_REQUIRED = {
	AWAITING_CALLBACK: ("rectification_measures",),
	CLOSED: ("rectification_measures", "called_back_on", "callback_result"),
}

# Defaults of the settings.
DEFAULT_RECTIFICATION_DAYS = 5
DEFAULT_LINK_VALID_DAYS = 14
DEFAULT_POOR_THRESHOLD = 80.0
DEFAULT_MIN_EVALUATIONS = 3
RECTIFICATION_DAYS_RANGE = (5, 15)


@dataclass(frozen=True)
class ServiceRecord:
	"""Where a surveyed service keeps what an evaluation copies: institution, person, language.

	`institution_via` reads the institution through a link (a consultation's service point's host);
	`closed_states` are the states in which the person is sent a survey link automatically.
	"""

	institution: str | None
	person_name: str
	user: str | None
	phone: str | None
	language: str | None
	state_field: str = "workflow_state"
	closed_states: tuple[str, ...] = ()
	institution_via: tuple[str, str] | None = None


# Every service record an evaluation may be attached to (Dynamic Link options), one list.
SERVICE_RECORDS: dict[str, ServiceRecord] = {
	"Legal Aid Application": ServiceRecord(
		"assigned_institution",
		"applicant_name",
		"applicant_user",
		"phone",
		"preferred_language",
		closed_states=("Closed",),
	),
	"Mediation Case": ServiceRecord(
		"committee",
		"applicant_name",
		"applicant_user",
		"applicant_phone",
		"preferred_language",
		closed_states=("Closed",),
	),
	"Notarization Referral": ServiceRecord(
		"notary_office",
		"applicant_name",
		"applicant_user",
		"phone",
		"preferred_language",
		closed_states=("Closed",),
	),
	# A call answered directly, or transferred and then called back (回访), is surveyed.
	"Hotline Work Order": ServiceRecord(
		"transfer_to", "caller_name", None, "phone", "language", closed_states=("Answered", "Called Back")
	),
	"Legal Consultation": ServiceRecord(
		None,
		"citizen_name",
		None,
		"citizen_phone",
		"language",
		state_field="status",
		closed_states=("Answered", "Closed"),
		institution_via=("service_point", "host_institution"),
	),
}
SURVEYED_DOCTYPES = tuple(SERVICE_RECORDS)


def is_bad(level: str) -> bool:
	"""Whether a level is a bad review (不满意 or 非常不满意)."""
	return level in BAD_LEVELS


def status_for(level: str, values: Mapping) -> str:
	"""The state an evaluation is in: a good review is recorded; a bad one is rectifying until its
	measures are entered, then awaits its callback, and closes once the callback is recorded (a callback
	without measures asks for the measures: see `EVALUATION_REQUIRED`)."""
	if not is_bad(level):
		return RECORDED
	if values.get("called_back_on") or values.get("callback_result"):
		return CLOSED
	if values.get("rectification_measures"):
		return AWAITING_CALLBACK
	return RECTIFYING


def satisfaction_rate(satisfied: int, total: int) -> float | None:
	"""The share of the first three levels, in percent (None without evaluations)."""
	if not total:
		return None
	return round(100.0 * satisfied / total, 1)


def is_poorly_rated(satisfied: int, total: int, threshold: float, min_evaluations: int) -> bool:
	"""A region is named when it has enough evaluations and its rate, unrounded, is below the threshold
	(79.96 % is under 80 %, though it shows as 80.0)."""
	return bool(total) and total >= min_evaluations and not reaches(exact_rate(satisfied, total), threshold)


def person_key(user: str | None, name: str | None, phone: str | None) -> str:
	"""Who evaluates, for 'one evaluation per record per person': the account, else phone, else name."""
	if user and user != "Guest":
		return f"user:{user}"
	if phone:
		return "phone:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
	return "name:" + (name or "").strip()


def survey_language(value: str | None) -> str:
	"""The survey page's language for a record's language value (a code or a language's name)."""
	return "bo" if (value or "").strip().lower() in {"bo", "bo-cn", "bo_cn", "tibetan"} else "zh"


def valid_rectification_days(days: int) -> bool:
	low, high = RECTIFICATION_DAYS_RANGE
	return low <= int(days) <= high


# One-time survey links -----------------------------------------------------------------------------


class TokenError(ValueError):
	"""A survey token that is malformed, forged, expired or names another record."""

	def __init__(self, reason: str):
		super().__init__(reason)
		self.reason = reason


MALFORMED = "malformed"
FORGED = "forged"
EXPIRED = "expired"
OTHER_RECORD = "other record"


@dataclass(frozen=True)
class TokenClaims:
	doctype: str
	name: str
	expires: dt.datetime
	nonce: str


def _b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
	return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, payload: bytes) -> str:
	return _b64(hmac.new(key, b"qhls-survey\x00" + payload, hashlib.sha256).digest())


def make_token(key: bytes, doctype: str, name: str, expires: dt.datetime, nonce: str) -> str:
	"""A token naming the record and its expiry, signed with the site's key (HMAC-SHA256)."""
	payload = "\x1f".join((doctype, name, expires.strftime("%Y-%m-%dT%H:%M:%S"), nonce)).encode()
	return f"{_b64(payload)}.{_signature(key, payload)}"


def read_token(
	key: bytes,
	token: str,
	now: dt.datetime,
	doctype: str | None = None,
	name: str | None = None,
) -> TokenClaims:
	"""The claims of a genuine, unexpired token; `doctype`/`name`, when given, must be its record."""
	try:
		encoded, signature = (token or "").split(".")
		payload = _unb64(encoded)
		parts = payload.decode().split("\x1f")
	except (ValueError, UnicodeDecodeError) as error:
		raise TokenError(MALFORMED) from error
	if len(parts) != 4:
		raise TokenError(MALFORMED)
	if not hmac.compare_digest(signature, _signature(key, payload)):
		raise TokenError(FORGED)
	claims = TokenClaims(parts[0], parts[1], dt.datetime.strptime(parts[2], "%Y-%m-%dT%H:%M:%S"), parts[3])
	if now > claims.expires:
		raise TokenError(EXPIRED)
	if (doctype and doctype != claims.doctype) or (name and name != claims.name):
		raise TokenError(OTHER_RECORD)
	return claims


def token_hash(token: str) -> str:
	"""What the site stores of a token: its SHA-256, so the stored links cannot be replayed."""
	return hashlib.sha256(token.encode()).hexdigest()


def link_expiry(issued: dt.datetime, valid_days: int) -> dt.datetime:
	"""When a link issued at `issued` stops working (valid_days calendar days later)."""
	return issued.replace(microsecond=0) + dt.timedelta(days=int(valid_days))
