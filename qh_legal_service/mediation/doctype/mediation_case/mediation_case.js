// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

// The committee is a people's mediation committee, the mediators and each session's mediator are mediators.
frappe.ui.form.on("Mediation Case", {
	setup(frm) {
		frm.set_query("committee", () => ({
			filters: { institution_type: "People's Mediation Committee", disabled: 0 },
		}));
		const mediators = () => ({ filters: { worker_type: "Mediator", active: 1 } });
		frm.set_query("mediators", mediators);
		frm.set_query("mediator", "sessions", mediators);
	},
});
