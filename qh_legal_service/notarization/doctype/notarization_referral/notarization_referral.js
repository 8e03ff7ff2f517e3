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
});

// current_step stores the step's key (the engine's name); the form shows it in the reader's language.
function show_step_name(frm) {
	const field = frm.fields_dict.current_step;
	if (!field) return;
	field.df.formatter = (value) => frappe.utils.escape_html(__(value || ""));
	field.refresh();
}
