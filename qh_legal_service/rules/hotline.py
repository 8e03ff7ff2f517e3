"""The 12348 hotline's work orders (工单): states, time limits, service levels and call records.

Pure: plain values in and out. Every call is a `Hotline Work Order`: the operator receives it (受理),
then answers it directly (解答, recorded as a Legal Consultation) or transfers it (转办) through the order
flow to an institution, which replies and completes the order (办理); the hotline then calls the caller
back (回访) and records whether the matter was resolved. Time limits are `Deadline Rule`s: transfer within
1 working day (HL-TRANSFER), an emergency within 1 hour (HL-EMERGENCY-TRANSFER), the reply within 5
working days (HL-REPLY) or 15 for a complex matter (HL-REPLY-COMPLEX); an overdue step is escalated
(督办) by the shared job. GB/T 33358-2016 measures the line: calls answered within 15 seconds and the
connection rate (answered / calls), computed here from the call times.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qh_legal_service.rules.figures import exact_rate, reaches, share
from qh_legal_service.rules.service_case import IS_SET, StepRule

DOCTYPE = "Hotline Work Order"

# Urgency (`urgency`).
NORMAL = "Normal"
EMERGENCY = "Emergency"
URGENCIES = (NORMAL, EMERGENCY)

# The language the caller spoke (`language`).
CHINESE = "Chinese"
TIBETAN = "Tibetan"
OTHER_LANGUAGE = "Other Language"
CALL_LANGUAGES = (CHINESE, TIBETAN, OTHER_LANGUAGE)

# What the callback found (`callback_result`).
RESOLVED = "Resolved"
PARTLY_RESOLVED = "Partly Resolved"
NOT_RESOLVED = "Not Resolved"
NOT_REACHED = "Caller Not Reached"
CALLBACK_RESULTS = (RESOLVED, PARTLY_RESOLVED, NOT_RESOLVED, NOT_REACHED)

# States.
RECEIVED = "Received"  # 受理
ANSWERED = "Answered"  # 直接解答
TRANSFERRED = "Transferred"  # 转办
COMPLETED = "Completed"  # 办结 (the holder completed the order)
CALLED_BACK = "Called Back"  # 回访
STATES = (RECEIVED, ANSWERED, TRANSFERRED, COMPLETED, CALLED_BACK)
FINAL_STATES = (CALLED_BACK,)
# States in which the caller's matter has had its answer and awaits the callback.
AWAITING_CALLBACK = (ANSWERED, COMPLETED)

# Workflow actions: the operator's, and the two the order flow takes (the holder's completion, or its
# refusal that brings the work order back to the operator).
ANSWER = "Answer Directly"
TRANSFER = "Transfer"
RECORD_CALLBACK = "Record Callback"
RECORD_COMPLETION = "Record Completion"
RETURN_TO_OPERATOR = "Return to Operator"
ACTIONS = (ANSWER, TRANSFER, RECORD_CALLBACK, RECORD_COMPLETION, RETURN_TO_OPERATOR)
# (state, action, next state, role); the order flow's transitions are taken by the server for the
# holder's staff, whatever their role (see `server_transition`).
OPERATOR = "Hotline Operator"
TRANSITIONS = (
	(RECEIVED, ANSWER, ANSWERED, OPERATOR),
	(RECEIVED, TRANSFER, TRANSFERRED, OPERATOR),
	(ANSWERED, RECORD_CALLBACK, CALLED_BACK, OPERATOR),
	(COMPLETED, RECORD_CALLBACK, CALLED_BACK, OPERATOR),
	(TRANSFERRED, RECORD_COMPLETION, COMPLETED, "System Manager"),
	(TRANSFERRED, RETURN_TO_OPERATOR, RECEIVED, "System Manager"),
)
SERVER_TRANSITIONS = frozenset({(TRANSFERRED, COMPLETED), (TRANSFERRED, RECEIVED)})

STAMPED_ON_ENTRY = {
	RECEIVED: "received_on",
	ANSWERED: "answered_on",
	TRANSFERRED: "transferred_on",
	COMPLETED: "completed_on",
	CALLED_BACK: "called_back_on",
}
REQUIRED_IN_STATE = {
	ANSWERED: ("answer",),
	TRANSFERRED: ("transfer_to", "transfer_reason"),
	CALLED_BACK: ("callback_result",),
}

TRANSFER_RULE = "HL-TRANSFER"
EMERGENCY_RULE = "HL-EMERGENCY-TRANSFER"
REPLY_RULE = "HL-REPLY"
COMPLEX_REPLY_RULE = "HL-REPLY-COMPLEX"
RULE_CODES = (TRANSFER_RULE, EMERGENCY_RULE, REPLY_RULE, COMPLEX_REPLY_RULE)

TRANSFER_STEP = "Answer or transfer"
REPLY_STEP = "Reply to the caller"
STEP_NAMES = (TRANSFER_STEP, REPLY_STEP)

STEPS = (
	StepRule(
		TRANSFER_STEP,
		frozenset({RECEIVED}),
		start_field="received_on",
		rule_code=EMERGENCY_RULE,
		when={"urgency": EMERGENCY},
	),
	StepRule(TRANSFER_STEP, frozenset({RECEIVED}), start_field="received_on", rule_code=TRANSFER_RULE),
	StepRule(
		REPLY_STEP,
		frozenset({TRANSFERRED}),
		start_field="transferred_on",
		rule_code=COMPLEX_REPLY_RULE,
		when={"complex": IS_SET},
	),
	StepRule(REPLY_STEP, frozenset({TRANSFERRED}), start_field="transferred_on", rule_code=REPLY_RULE),
)


def server_transition(previous_state: str | None, state: str) -> bool:
	"""A move the order flow makes for the holder's staff (completion, or a refusal back to the operator)."""
	return (previous_state, state) in SERVER_TRANSITIONS


def state_after_order(order_status: str) -> str | None:
	"""Where a transferred work order goes when its order becomes `order_status`, or None to stay."""
	return {"Done": COMPLETED, "Refused": RECEIVED}.get(order_status)


# GB/T 33358-2016 ----------------------------------------------------------------------------------

ANSWER_TARGET_SECONDS = 15
CONNECTION_TARGET = 95.0  # per cent of calls answered, over 24 hours


def wait_seconds(started: dt.datetime | None, answered: dt.datetime | None) -> float | None:
	"""Seconds the caller waited before an operator answered; None for a call never answered."""
	if not started or not answered:
		return None
	return max(0.0, (answered - started).total_seconds())


def answered_in_time(started: dt.datetime | None, answered: dt.datetime | None) -> bool:
	"""Answered within 15 seconds (the 15th second itself is in time)."""
	wait = wait_seconds(started, answered)
	return wait is not None and wait <= ANSWER_TARGET_SECONDS


@dataclass(frozen=True)
class ServiceLevel:
	"""The line's GB/T 33358 figures over a set of calls."""

	calls: int
	answered: int
	answered_within_15s: int

	@property
	def connection_rate(self) -> float | None:
		"""Answered calls as a share of all calls (接通率), in per cent."""
		return share(self.answered, self.calls)

	@property
	def within_15s_rate(self) -> float | None:
		"""Calls answered within 15 s as a share of all calls (15秒接通率), in per cent."""
		return share(self.answered_within_15s, self.calls)

	@property
	def meets_connection_target(self) -> bool | None:
		"""GB/T 33358's 95 %, against the unrounded rate (94.99 % does not meet it)."""
		return reaches(exact_rate(self.answered, self.calls), CONNECTION_TARGET)


def service_level(calls: Iterable[tuple[dt.datetime | None, dt.datetime | None]]) -> ServiceLevel:
	"""The figures of (started, answered) call times; a call with no answer time was not answered."""
	total = answered = in_time = 0
	for started, answered_at in calls:
		total += 1
		if answered_at:
			answered += 1
			in_time += int(answered_in_time(started, answered_at))
	return ServiceLevel(total, answered, in_time)


# Call records from the telephone system ----------------------------------------------------------

# The CSV's column for each field, in English or as the exchange's Chinese export names it.
CALL_RECORD_COLUMNS = {
	"call_id": ("call_id", "call id", "呼叫编号", "话单编号"),
	"phone": ("caller", "caller_number", "phone", "主叫号码", "来电号码"),
	"started_at": ("started_at", "start", "call_start", "呼入时间", "来电时间"),
	"answered_at": ("answered_at", "answer", "answered", "接听时间", "应答时间"),
	"operator": ("operator", "agent", "坐席", "接线员"),
}
REQUIRED_COLUMNS = ("call_id", "phone", "started_at")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M")
MAX_CALL_RECORDS = 5000


@dataclass(frozen=True)
class CallRecord:
	"""One call as the telephone system recorded it."""

	call_id: str
	phone: str
	started_at: dt.datetime
	answered_at: dt.datetime | None = None
	operator: str | None = None


@dataclass(frozen=True)
class CallRecordProblem:
	"""A line of the file that could not be read: its line number and what is wrong (a key)."""

	line: int
	problem: str
	value: str | None = None


def parse_time(text: str | None) -> dt.datetime | None:
	"""A call time in one of the exchange's formats; None for an empty cell; ValueError otherwise."""
	text = (text or "").strip()
	if not text:
		return None
	for fmt in TIME_FORMATS:
		try:
			return dt.datetime.strptime(text, fmt)
		except ValueError:
			continue
	raise ValueError(text)


def _columns(header: list[str]) -> dict[str, int]:
	names = [name.strip().lstrip("\ufeff").lower() for name in header]
	found = {}
	for field, aliases in CALL_RECORD_COLUMNS.items():
		for alias in aliases:
			if alias.lower() in names:
				found[field] = names.index(alias.lower())
				break
	return found


def parse_call_records(text: str) -> tuple[list[CallRecord], list[CallRecordProblem]]:
	"""The calls of a CSV export (header row first) and the lines that could not be read.

	A call whose answer time is empty was not answered (it still counts as a call). A call id seen
	twice is read once. A file without the required columns gives one problem on line 1.
	"""
	rows = list(csv.reader(io.StringIO(text or "")))
	if not rows:
		return [], [CallRecordProblem(1, "empty_file")]
	columns = _columns(rows[0])
	missing = [name for name in REQUIRED_COLUMNS if name not in columns]
	if missing:
		return [], [CallRecordProblem(1, "missing_columns", ", ".join(missing))]
	if len(rows) - 1 > MAX_CALL_RECORDS:
		return [], [CallRecordProblem(1, "too_many_rows", str(len(rows) - 1))]
	records, problems, seen = [], [], set()

	def cell(row, field):
		index = columns.get(field)
		return row[index].strip() if index is not None and index < len(row) else ""

	for number, row in enumerate(rows[1:], start=2):
		if not any(value.strip() for value in row):
			continue
		call_id, phone = cell(row, "call_id"), cell(row, "phone")
		if not call_id:
			problems.append(CallRecordProblem(number, "no_call_id"))
			continue
		if call_id in seen:
			problems.append(CallRecordProblem(number, "duplicate_call_id", call_id))
			continue
		try:
			started = parse_time(cell(row, "started_at"))
			answered = parse_time(cell(row, "answered_at"))
		except ValueError as error:
			problems.append(CallRecordProblem(number, "bad_time", str(error)))
			continue
		if started is None:
			problems.append(CallRecordProblem(number, "no_start_time"))
			continue
		if answered and answered < started:
			problems.append(CallRecordProblem(number, "answered_before_start", call_id))
			continue
		seen.add(call_id)
		records.append(CallRecord(call_id, phone, started, answered, cell(row, "operator") or None))
	return records, problems


# The hotline desk's counts ------------------------------------------------------------------------


def desk_counts(orders: Iterable[Mapping], today: dt.date, now: dt.datetime) -> dict:
	"""Calls today, answered, transferred and overdue; by language and by matter type.

	`orders` are work orders with `call_started_at` (or `received_on`), `call_answered_at`,
	`workflow_state`, `current_due`, `language` and `matter_type`. "Answered" counts the calls an
	operator picked up; "transferred" the work orders sent on; overdue counts every open one.
	"""
	counts = {"calls_today": 0, "answered_today": 0, "transferred_today": 0, "overdue": 0}
	by_language: dict[str, int] = {}
	by_matter: dict[str, int] = {}
	for order in orders:
		started = order.get("call_started_at") or order.get("received_on")
		due = order.get("current_due")
		if due and due < now and order.get("workflow_state") not in FINAL_STATES:
			counts["overdue"] += 1
		if not started or started.date() != today:
			continue
		counts["calls_today"] += 1
		counts["answered_today"] += int(bool(order.get("call_answered_at")))
		counts["transferred_today"] += int(bool(order.get("transferred_on")))
		language = order.get("language") or OTHER_LANGUAGE
		by_language[language] = by_language.get(language, 0) + 1
		if matter := order.get("matter_type"):
			by_matter[matter] = by_matter.get(matter, 0) + 1
	counts["by_language"] = by_language
	counts["by_matter_type"] = by_matter
	return counts
