"""Which official documents a case may produce now: documents by declaration, for any service.

Pure: plain values in and out. A service declares its documents as `DocumentRule`s keyed by document
(see `rules.legal_aid_documents`). A document is issued when its case enters a state that issues it,
stands until a later step sets it aside (a decision ordered corrected), may be limited to the states
in which it still applies, and prints only when the fields it needs are filled in. The states a case
has been through come from its recorded state changes (`state_path`), so that a state reached by
several roads (an archived file, say) is read by the road the case actually took. The record keeps
that road itself, one state a line, appended by the server whenever its state changes
(`record_state`): a fact stored at the transition, whatever path the change took.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

NOT_ISSUED = "not issued"
SET_ASIDE = "set aside"
NOT_IN_STATE = "not in this state"
INCOMPLETE = "incomplete"
NOT_FOR_APPLICANT = "not for the applicant"
EXCLUDED = "excluded"


@dataclass(frozen=True)
class DocumentRule:
	"""When one official document may be produced."""

	# Entering one of these states issues the document (a case's first state counts as entered).
	issued_in: frozenset[str]
	# The fields it prints, which must be filled in.
	required: tuple[str, ...] = ()
	# The states it may still be produced in once issued; empty means every later state.
	valid_in: frozenset[str] = frozenset()
	# Steps (from state, to state) after its issue that revoke it.
	set_aside_by: frozenset[tuple[str, str]] = frozenset()
	# Addressed to the applicant, who may download it from the portal.
	to_applicant: bool = True
	# (field, value) pairs of records it is never produced for (a verbal mediation agreement, say).
	excluded_when: tuple[tuple[str, str], ...] = ()
	# How it prints (read by `qh_legal_service.service_documents`): the print format whose name is its
	# title in the catalogues, and its prose, templates/print/<template>.html, whose folder also holds
	# layout.html (the words every document of that folder shares: statute, number, seal, date, hotline).
	print_format: str = ""
	template: str = ""
	# Dotted paths of functions of the saved record: `issuer(doc)` gives the office that issues it (an
	# object with a bilingual `letterhead`), `facts(doc)` what its template needs beyond the record.
	issuer: str = ""
	facts: str = ""
	# The field whose date it bears (the moment its step happened); empty or unset means today.
	dated_by: str = ""
	# How many identical copies print, each marked "copy n of N" when there is more than one: a number,
	# or the dotted path of `copies(doc) -> int` (one per party and one for the committee, say).
	copies: int | str = 1


@dataclass(frozen=True)
class Refusal:
	"""Why a document cannot be produced now: one of the reasons above, with what it hinges on."""

	reason: str
	state: str
	missing: tuple[str, ...] = ()
	set_aside_by: tuple[str, str] | None = None
	# For EXCLUDED: the (field, value) of the record that excludes the document.
	excluded_by: tuple[str, str] | None = None


def state_path(changes: Iterable[tuple[str | None, str | None]], current: str) -> tuple[str, ...]:
	"""The states a case has been in, oldest first, from its recorded changes (old, new) and its state now."""
	# A case with no recorded change has only its current state. A change made without a record (a
	# direct database update) still shows: the next recorded change starts from where it led, and the
	# path always ends at the state the case is in.
	path: list[str] = []
	for old, new in changes:
		for state in (old, new):
			if state and (not path or path[-1] != state):
				path.append(state)
	if not path or path[-1] != current:
		path.append(current)
	return tuple(path)


def record_state(passed: str | None, state: str) -> str:
	"""The stored road (one state a line) after the case enters `state`."""
	states = [line for line in (passed or "").splitlines() if line]
	if not states or states[-1] != state:
		states.append(state)
	return "\n".join(states)


def stored_path(passed: str | None, current: str) -> tuple[str, ...]:
	"""The states a case has been in, from its stored road, always ending at its state now."""
	return state_path(((None, line) for line in (passed or "").splitlines() if line), current)


def refusal(
	rule: DocumentRule, path: Sequence[str], values: Mapping, for_applicant: bool = False
) -> Refusal | None:
	"""Why the document may not be produced for a case that went through `path` (None when it may)."""
	# The path ends at the state the case is in now; the applicant gets only documents addressed to them.
	state = path[-1]
	if for_applicant and not rule.to_applicant:
		return Refusal(NOT_FOR_APPLICANT, state)
	issued = [index for index, entered in enumerate(path) if entered in rule.issued_in]
	if not issued:
		return Refusal(NOT_ISSUED, state)
	for step in pairwise(path[issued[-1] :]):
		if step in rule.set_aside_by:
			return Refusal(SET_ASIDE, state, set_aside_by=step)
	if rule.valid_in and state not in rule.valid_in:
		return Refusal(NOT_IN_STATE, state)
	for fieldname, value in rule.excluded_when:
		if values.get(fieldname) == value:
			return Refusal(EXCLUDED, state, excluded_by=(fieldname, value))
	if missing := tuple(field for field in rule.required if not values.get(field)):
		return Refusal(INCOMPLETE, state, missing=missing)
	return None


def allowed_documents(
	rules: Mapping[str, DocumentRule], path: Sequence[str], values: Mapping, for_applicant: bool = False
) -> list[str]:
	"""The documents, in declared order, that a case with this path and these values may produce now."""
	return [key for key, rule in rules.items() if refusal(rule, path, values, for_applicant) is None]


def template_folder(rule: DocumentRule) -> str:
	"""The folder of a document's prose template, under templates/print/, which holds its layout.html."""
	return rule.template.rpartition("/")[0]


def copy_numbers(count: int) -> list[int | None]:
	"""The copies a document prints: [None] for a single unmarked copy, else 1..N to be marked."""
	return [None] if count <= 1 else list(range(1, count + 1))
