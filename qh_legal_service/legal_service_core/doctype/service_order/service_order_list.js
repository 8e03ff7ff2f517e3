// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.listview_settings["Service Order"] = {
	add_fields: ["status", "holder_institution", "held_since", "current_due"],
	get_indicator(doc) {
		const colour = { Sent: "orange", Accepted: "blue", Refused: "red", Done: "green" }[doc.status];
		return [__(doc.status), colour || "gray", `status,=,${doc.status}`];
	},
};
