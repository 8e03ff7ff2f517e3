"""Notarization referrals (公证转介): states, the certificate's time limit and its pauses, fee relief.

Pure: plain values in and out. A service point, the 12348 hotline, a legal aid case or the portal refers
a matter to a notary office. The office accepts it (受理, 公证法 Art 27 and 30; Art 28 lists what the
notary then reviews) or refuses it on one of Art 31's grounds, with its reason. After acceptance the certificate is due within 15 working days (Art 30, `NOT-ISSUE`); time for
supplementary materials, verification (核实) and force majeure is not counted: each pause is a row of
the referral's `pauses` table with its reason, and every one is shown in the deadline explanation. The
certificate is always in the national common script, Chinese; in an autonomous area a Tibetan text (or a
Mongolian one in Haixi and Henan county) is added at the party's request (Art 32), never a Tibetan
certificate alone. People eligible for legal aid get the
notary fee reduced or waived (Art 34; 法律援助法 Art 53): `fee_relief` decides the flag.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from qh_legal_service.rules import eligibility, legal_aid
from qh_legal_service.rules.deadlines import Pause
from qh_legal_service.rules.documents import DocumentRule
from qh_legal_service.rules.figures import share
from qh_legal_service.rules.service_case import PauseSpan, RunningStep, StepRule

DOCTYPE = "Notarization Referral"
PAUSE_DOCTYPE = "Notarization Pause"

# Notarial matters (公证事项, 公证法 Art 11), the Select options of `matter_type`.
MATTER_TYPES = (
	"Inheritance",  # 继承
	"Will",  # 遗嘱
	"Power of Attorney",  # 委托
	"Contract",  # 合同
	"Kinship",  # 亲属关系
	"Birth",  # 出生
	"Marital Status",  # 婚姻状况
	"No Criminal Record",  # 有无违法犯罪记录
	"Property Rights",  # 财产权利
	"Other Matter",  # 其他
)

# Where the referral came from (`source`).
SERVICE_POINT = "Service Point"
HOTLINE = "12348 Hotline"
LEGAL_AID_CASE = "Legal Aid Case"
PORTAL = "Portal"
SOURCES = (SERVICE_POINT, HOTLINE, LEGAL_AID_CASE, PORTAL)

# The certificate's language, `certificate_language` (Art 32: 公证书应当使用全国通用的文字；在民族自治地方，
# 根据当事人的要求，可以制作当地通用的民族文字文本): Chinese, with a local script's text at the party's request.
CHINESE = "Chinese"
BOTH = "Chinese and Tibetan"
WITH_MONGOLIAN = "Chinese and Mongolian"
CERTIFICATE_LANGUAGES = (CHINESE, BOTH, WITH_MONGOLIAN)
# Where Mongolian is a local script: 海西蒙古族藏族自治州 and 河南蒙古族自治县 (in Huangnan).
MONGOLIAN_AREAS = frozenset({"632800", "632324"})


def certificate_language_allowed(language: str | None, area_codes: Iterable[str]) -> bool:
	"""Whether a certificate may be made in `language` for a party whose division has these codes (its
	own and those above it): a Mongolian text only in Haixi and Henan county."""
	if language == WITH_MONGOLIAN:
		return bool(MONGOLIAN_AREAS & set(area_codes))
	return language in CERTIFICATE_LANGUAGES


# Art 31: the grounds on which a notary office does not handle a matter (`refusal_ground`), each with the
# office's own words (`refusal_reason`). A referral to the wrong office is sent back under Art 25.
REFUSAL_GROUNDS = (
	"No Guardian Applying for a Person Without Full Capacity",  # (一)
	"The Party Has No Interest in the Matter",  # (二)
	"A Professional Appraisal or Valuation",  # (三)
	"The Parties Dispute the Matter",  # (四)
	"Facts Invented or Hidden, or False Materials",  # (五)
	"Materials Insufficient, or Supplementary Materials Refused",  # (六)
	"The Matter Is Untrue or Unlawful",  # (七)
	"The Matter Is Against Social Morality",  # (八)
	"The Notary Fee Is Refused",  # (九)
	"Outside the Office's Practice Area (Art 25)",
)

# What Art 30 does not count (`pause_reason` and the pause rows' `reason`).
SUPPLEMENTARY_MATERIALS = "Supplementary Materials"  # 补充证明材料
VERIFICATION = "Verification"  # 需要核实的
FORCE_MAJEURE = "Force Majeure"  # 因不可抗力
PAUSE_REASONS = (SUPPLEMENTARY_MATERIALS, VERIFICATION, FORCE_MAJEURE)

# Why the referral gets fee relief (`fee_relief_basis`).
LEGAL_AID_GRANTED = "Legal Aid Granted"
ELIGIBLE_FOR_LEGAL_AID = "Eligible for Legal Aid"
WAIVER_GROUP = "Hardship Proof Waived Group (Art 42)"
FEE_RELIEF_BASES = (LEGAL_AID_GRANTED, ELIGIBLE_FOR_LEGAL_AID, WAIVER_GROUP)

# The Art 42 groups whose hardship need not be proved, as check fields of the referral (the same names
# as on the legal aid application).
WAIVER_GROUP_FIELDS = (
	"minor",
	"elderly_without_income",
	"disabled_without_income",
	"social_assistance_recipient",
	"entitled_group",
)

# States.
REFERRED = "Referred"
ACCEPTED = "Accepted"  # 受理
PAUSED = "Paused"  # a period Art 30 does not count
REFUSED = "Refused"  # 不予办理 (Art 31), with the reason
ISSUED = "Certificate Issued"
CLOSED = "Closed"  # the result went back to the referring point
STATES = (REFERRED, ACCEPTED, PAUSED, REFUSED, ISSUED, CLOSED)
FINAL_STATES = (REFUSED, CLOSED)

# Legal aid states in which aid has been granted.
LEGAL_AID_GRANTED_STATES = frozenset(
	{
		legal_aid.URGENT_AID,
		legal_aid.APPROVED,
		legal_aid.ASSIGNED,
		legal_aid.IN_PROGRESS,
		legal_aid.CLOSED,
		legal_aid.ARCHIVED,
	}
)
# Eligibility answers that meet the legal aid conditions without a further hardship check.
ELIGIBLE_ANSWERS = frozenset(
	{eligibility.ELIGIBLE, eligibility.HARDSHIP_PROOF_WAIVED, eligibility.HARDSHIP_NOT_APPLIED}
)

# The stamp each state sets on entry. Acceptance is stamped once, on the first entry only (see
# `stamps_acceptance`): resuming after a pause re-enters Accepted without restarting the clock.
STAMPED_ON_ENTRY = {
	REFERRED: "referred_on",
	REFUSED: "refused_on",
	ISSUED: "issued_on",
	CLOSED: "closed_on",
}
REQUIRED_IN_STATE = {
	ACCEPTED: ("notary_office",),
	PAUSED: ("pause_reason",),
	REFUSED: ("refusal_ground", "refusal_reason"),
	ISSUED: ("certificate_number",),
}

ACCEPT_RULE = "NOT-ACCEPT"
ISSUE_RULE = "NOT-ISSUE"
ACCEPT_STEP = "Accept or refuse"
ISSUE_STEP = "Issue the certificate"
STEP_NAMES = (ACCEPT_STEP, ISSUE_STEP)

# Every pause row stops the certificate's clock; the row's own reason is shown (see `pauses`).
PAUSES = PauseSpan(start="paused_from", end="paused_to", reason=SUPPLEMENTARY_MATERIALS, table="pauses")

STEPS = (
	StepRule(ACCEPT_STEP, frozenset({REFERRED}), start_field="referred_on", rule_code=ACCEPT_RULE),
	StepRule(
		ISSUE_STEP,
		frozenset({ACCEPTED, PAUSED}),
		start_field="accepted_on",
		rule_code=ISSUE_RULE,
		pauses=(PAUSES,),
	),
)


# The acceptance notice (公证受理通知书) to the applicant: issued on acceptance, printable while the matter
# is handled and after; a refused referral never had one. Its prose is
# templates/print/notarization/acceptance_notice.html; the notary office issues it
# (notarization/documents.py).
ACCEPTANCE_NOTICE = "acceptance_notice"
_DOCUMENTS_MODULE = "qh_legal_service.notarization.documents"
DOCUMENTS: dict[str, DocumentRule] = {
	ACCEPTANCE_NOTICE: DocumentRule(
		issued_in=frozenset({ACCEPTED}),
		valid_in=frozenset({ACCEPTED, PAUSED, ISSUED, CLOSED}),
		required=("notary_office", "accepted_on"),
		print_format="Notarization Acceptance Notice",
		template="notarization/acceptance_notice",
		dated_by="accepted_on",
		issuer=f"{_DOCUMENTS_MODULE}.get_issuer",
		facts=f"{_DOCUMENTS_MODULE}.acceptance_facts",
	),
}


def pauses(rows: Iterable[Mapping], since: dt.datetime | None = None) -> tuple[Pause, ...]:
	"""The closed pauses of the `pauses` rows, each with its own reason; an open one pauses nothing yet."""
	return tuple(
		Pause(row["paused_from"], row["paused_to"], row.get("reason") or PAUSES.reason)
		for row in rows
		if row.get("paused_from")
		and row.get("paused_to")
		and row["paused_to"] > row["paused_from"]
		and (not since or row["paused_to"] > since)
	)


def with_row_reasons(step: RunningStep | None, rows: Iterable[Mapping]) -> RunningStep | None:
	"""The running step with its pauses named by each row's reason (the engine names a span once)."""
	if step is None or not step.rule.pauses:
		return step
	return replace(step, pauses=pauses(rows, step.start))


def stamps_acceptance(previous_state: str | None, state: str) -> bool:
	"""The transition that accepts the matter (受理): from Referred, not back from a pause."""
	return state == ACCEPTED and previous_state != PAUSED


def opens_pause(previous_state: str | None, state: str) -> bool:
	"""A transition that starts a pause row."""
	return state == PAUSED and previous_state != PAUSED


def ends_pause(previous_state: str | None, state: str) -> bool:
	"""A transition that closes the open pause row."""
	return previous_state == PAUSED and state != PAUSED


def finished_in_time(issued_on: dt.datetime, due: dt.datetime | None) -> bool:
	"""Issued at or before the due moment (a certificate with no due moment computed is not counted late)."""
	return due is None or issued_on <= due


@dataclass(frozen=True)
class FeeRelief:
	"""Whether the notary fee is reduced or waived, and on which basis."""

	granted: bool
	basis: str | None = None


def fee_relief(
	legal_aid_state: str | None = None,
	legal_aid_eligibility: str | None = None,
	groups: Iterable[str] = (),
) -> FeeRelief:
	"""Fee relief (公证法 Art 34; 法律援助法 Art 53) from the linked legal aid application and the groups.

	A linked application that was granted (aided person, 受援人) comes first; then one whose eligibility
	answer meets the conditions, unless the centre refused it; then the Art 42 groups the applicant
	belongs to (the economic condition is taken as met; the notary office checks the proof).
	"""
	if legal_aid_state in LEGAL_AID_GRANTED_STATES:
		return FeeRelief(True, LEGAL_AID_GRANTED)
	refused = legal_aid_state in (legal_aid.REFUSED, legal_aid.TERMINATED, legal_aid.WITHDRAWN)
	if legal_aid_eligibility in ELIGIBLE_ANSWERS and not refused:
		return FeeRelief(True, ELIGIBLE_FOR_LEGAL_AID)
	if any(group in WAIVER_GROUP_FIELDS for group in groups):
		return FeeRelief(True, WAIVER_GROUP)
	return FeeRelief(False, None)


@dataclass(frozen=True)
class Event:
	"""One line of a referral's history: what happened (a key the portal words), when, and its detail."""

	kind: str
	when: dt.datetime
	detail: str | None = None


def history(values: Mapping) -> list[Event]:
	"""What happened to a referral, oldest first, from its stamps and pause rows (never a guess)."""
	events = []
	if values.get("referred_on"):
		events.append(Event("referred", values["referred_on"]))
	if values.get("accepted_on"):
		events.append(Event("accepted", values["accepted_on"]))
	for row in values.get("pauses") or ():
		if row.get("paused_from"):
			events.append(Event("paused", row["paused_from"], row.get("reason")))
		if row.get("paused_to"):
			events.append(Event("resumed", row["paused_to"], row.get("reason")))
	if values.get("refused_on"):
		events.append(Event("refused", values["refused_on"], values.get("refusal_reason")))
	if values.get("issued_on"):
		events.append(Event("issued", values["issued_on"], values.get("certificate_number")))
	if values.get("closed_on"):
		events.append(Event("closed", values["closed_on"]))
	return sorted(events, key=lambda event: event.when)
