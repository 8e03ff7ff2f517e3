// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.ui.form.on("Division Population", {
	setup(frm) {
		frm.set_query("division", () => ({
			filters: { tier: ["in", ["Prefecture", "County", "Township"]] },
		}));
	},
});
