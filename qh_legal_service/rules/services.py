"""Every service case the mechanism runs, by doctype: the one list hooks, jobs and tests read.

Pure. Each entry assembles a service's own declarations (its states, steps, stamps and documents) into
a `rules.service_case.ServiceDeclaration`; `hooks.service_cases` names the same doctypes (a test holds
them equal).
"""

from qh_legal_service.rules import hotline, legal_aid, mediation, notarization, satisfaction, service_orders
from qh_legal_service.rules.legal_aid_documents import DOCUMENTS as LEGAL_AID_DOCUMENTS
from qh_legal_service.rules.service_case import ServiceDeclaration

LEGAL_AID = ServiceDeclaration(
	doctype="Legal Aid Application",
	states=legal_aid.STATES,
	initial_state=legal_aid.RECEIVED,
	steps=legal_aid.STEPS,
	stamped_on_entry=legal_aid.STAMPED_ON_ENTRY,
	required_in_state=legal_aid.REQUIRED_IN_STATE,
	documents=LEGAL_AID_DOCUMENTS,
	title_field="applicant_name",
)

MEDIATION = ServiceDeclaration(
	doctype="Mediation Case",
	states=mediation.STATES,
	initial_state=mediation.REQUESTED,
	steps=mediation.STEPS,
	stamped_on_entry=mediation.STAMPED_ON_ENTRY,
	required_in_state=mediation.REQUIRED_IN_STATE,
	documents=mediation.DOCUMENTS,
	title_field="applicant_name",
	# Committees sit in villages and townships; the township judicial office guides them (司法所), the
	# county justice bureau above it.
	handled_at="Village",
	supervisor_roles=("Township Judicial Office Staff", "County Justice Bureau Staff"),
)

NOTARIZATION = ServiceDeclaration(
	doctype=notarization.DOCTYPE,
	states=notarization.STATES,
	initial_state=notarization.REFERRED,
	steps=notarization.STEPS,
	stamped_on_entry=notarization.STAMPED_ON_ENTRY,
	required_in_state=notarization.REQUIRED_IN_STATE,
	documents=notarization.DOCUMENTS,
	title_field="applicant_name",
)

SERVICE_ORDER = ServiceDeclaration(
	doctype="Service Order",
	states=service_orders.STATUSES,
	initial_state=service_orders.SENT,
	steps=service_orders.STEPS,
	title_field="requester_name",
	# An order's state is its status, set by `qh_legal_service.service_order`, not by a workflow.
	state_field="status",
)

# A bad review (好差评) is rectified and its person called back within the set working days; a good one
# has no step. Its state is a status the server derives from the level, the measures and the callback.
SATISFACTION = ServiceDeclaration(
	doctype=satisfaction.EVALUATION_DOCTYPE,
	states=satisfaction.STATUSES,
	initial_state=satisfaction.RECORDED,
	steps=satisfaction.EVALUATION_STEPS,
	stamped_on_entry=satisfaction.EVALUATION_STAMPS,
	required_in_state=satisfaction.EVALUATION_REQUIRED,
	title_field="evaluator_name",
	state_field="status",
)

# A call to the 12348 hotline (工单): answered or transferred, replied to, called back.
HOTLINE = ServiceDeclaration(
	doctype=hotline.DOCTYPE,
	states=hotline.STATES,
	initial_state=hotline.RECEIVED,
	steps=hotline.STEPS,
	stamped_on_entry=hotline.STAMPED_ON_ENTRY,
	required_in_state=hotline.REQUIRED_IN_STATE,
	title_field="caller_name",
)

SERVICES: dict[str, ServiceDeclaration] = {
	service.doctype: service
	for service in (LEGAL_AID, MEDIATION, NOTARIZATION, SERVICE_ORDER, SATISFACTION, HOTLINE)
}
