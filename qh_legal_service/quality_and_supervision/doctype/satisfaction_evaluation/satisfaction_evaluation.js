// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.ui.form.on("Satisfaction Evaluation", {
	setup(frm) {
		// Only the surveyed services (rules/satisfaction.py SERVICE_RECORDS, sent in the boot).
		frm.set_query("reference_doctype", () => ({
			filters: { name: ["in", frappe.boot.qh_surveyed_doctypes || []] },
		}));
	},
	refresh(frm) {
		// The server copies the division from the evaluated record when it saves.
		frm.set_df_property("division", "reqd", frm.is_new() ? 0 : 1);
		if (!frm.is_new() && frm.doc.reference_doctype && frm.doc.reference_name) {
			frm.add_custom_button(__("Service Record"), () =>
				frappe.set_route("Form", frm.doc.reference_doctype, frm.doc.reference_name)
			);
		}
	},
});
