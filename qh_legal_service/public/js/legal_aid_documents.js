// The official legal aid documents as Word files (bilingual Tibetan and Chinese),
// offered for the steps the application has reached. The print formats of the same
// names print them as PDF.

// States an approved application can be in (a refusal keeps its reasons in decision_reasons).
const QHLS_APPROVED_STATES = [
	"Approved",
	"Assigned",
	"In Progress",
	"Closed",
	"Archived",
	"Terminated",
];

frappe.ui.form.on("Legal Aid Application", {
	refresh(frm) {
		if (frm.is_new()) return;
		const doc = frm.doc;
		const state = doc.workflow_state;
		const documents = [["receipt", __("Receipt")]];
		if (doc.materials_notice) documents.push(["materials_notice", __("Materials Notice")]);
		if (!doc.decision_reasons && QHLS_APPROVED_STATES.includes(state)) {
			documents.push(["approval", __("Approval Decision")]);
		}
		if (doc.decision_reasons || state === "Refused") {
			documents.push(["refusal", __("Refusal Decision")]);
		}
		if (doc.assigned_worker) documents.push(["assignment", __("Assignment Letter")]);
		if (doc.termination_reason && (doc.terminated_on || state === "Terminated")) {
			documents.push(["termination", __("Termination Notice")]);
		}
		for (const [key, label] of documents) {
			frm.add_custom_button(
				label,
				() => {
					window.open(
						frappe.urllib.get_full_url(
							"/api/method/qh_legal_service.legal_aid.documents.download_word?" +
								$.param({ name: doc.name, document: key })
						)
					);
				},
				__("Download Word")
			);
		}
	},
});
