// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.ui.form.on("Notarization Referral", {
	setup(frm) {
		frm.set_query("notary_office", () => ({ filters: { institution_type: "Notary Office" } }));
		frm.set_query("referring_institution", () => ({
			filters: { institution_type: ["!=", "Notary Office"] },
		}));
		frm.set_query("division", () => ({ filters: { tier: ["in", ["Village", "Township"]] } }));
	},
	refresh(frm) {
		show_step_name(frm);
		if (frm.doc.fee_relief) {
			frm.dashboard.add_indicator(
				`${__("Fee Relief")}: ${__(frm.doc.fee_relief_basis || "")}`,
				"green"
			);
		}
	},
	before_workflow_action(frm) {
		return ask_for_action_fields(frm, frm.selected_workflow_action);
	},
});

// current_step stores the step's key (the engine's name); the form shows it in the reader's language.
function show_step_name(frm) {
	const field = frm.fields_dict.current_step;
	if (!field) return;
	field.df.formatter = (value) => frappe.utils.escape_html(__(value || ""));
	field.refresh();
}

// An action whose next state needs a reason, a notary office or the certificate number asks for it in
// a dialog when it is taken, instead of failing with "fill in ... first" afterwards.
function ask_for_action_fields(frm, action) {
	return frappe
		.xcall("qh_legal_service.notarization.api.fields_for_action", { name: frm.doc.name, action })
		.then((fieldnames) => {
			fieldnames = (fieldnames || []).filter((fieldname) => !frm.doc[fieldname]);
			if (!fieldnames.length) return;
			// The workflow froze the page while it runs the action: the dialog must be usable.
			frappe.dom.unfreeze();
			return new Promise((resolve, reject) => {
				let taken = false;
				const dialog = new frappe.ui.Dialog({
					title: __(action),
					fields: fieldnames.map((fieldname) => dialog_field(frm, fieldname)),
					primary_action_label: __(action),
					primary_action(values) {
						taken = true;
						dialog.hide();
						// apply_workflow reloads the record from the database before it moves it, so the
						// answers are saved first, by a method that writes only what the action needs.
						frappe.dom.freeze();
						frappe
							.xcall("qh_legal_service.notarization.api.save_action_fields", {
								name: frm.doc.name,
								action,
								values,
							})
							.then(resolve, (error) => {
								frappe.dom.unfreeze();
								reject(error);
							});
					},
				});
				dialog.onhide = () => {
					if (!taken) reject(new Error("the action was cancelled"));
				};
				dialog.show();
			});
		});
}

function dialog_field(frm, fieldname) {
	const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name);
	const field = {
		fieldname,
		fieldtype: df.fieldtype,
		label: __(df.label),
		options: df.options,
		description: df.description ? __(df.description) : "",
		reqd: 1,
		default: frm.doc[fieldname],
	};
	if (df.fieldtype === "Select") {
		field.options = (df.options || "")
			.split("\n")
			.filter(Boolean)
			.map((value) => ({ value, label: __(value) }));
	}
	if (fieldname === "notary_office") {
		field.get_query = () => ({ filters: { institution_type: "Notary Office" } });
	}
	return field;
}
