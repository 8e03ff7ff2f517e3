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
		if (frm.doc.fee_relief) {
			frm.dashboard.add_indicator(
				`${__("Fee Relief")}: ${__(frm.doc.fee_relief_basis || "")}`,
				"green"
			);
		}
	},
});
