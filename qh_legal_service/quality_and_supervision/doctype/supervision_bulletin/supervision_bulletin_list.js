// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.listview_settings["Supervision Bulletin"] = {
	get_indicator(doc) {
		return doc.status === "Published"
			? [__("Published"), "green", "status,=,Published"]
			: [__("Draft"), "orange", "status,=,Draft"];
	},
};
