// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.listview_settings["Legal Aid Application"] = {
	add_fields: ["workflow_state", "current_due", "current_step", "eligibility"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const overdue = doc.current_due && frappe.datetime.str_to_obj(doc.current_due) < new Date();
		if (overdue) return [__("Overdue"), "red", "current_due,<," + frappe.datetime.now_datetime()];
		const colour = {
			Received: "blue",
			"Materials Requested": "orange",
			"Under Review": "blue",
			"Urgent Aid": "red",
			Approved: "green",
			Refused: "gray",
			Assigned: "purple",
			"In Progress": "purple",
			Closed: "green",
			Archived: "darkgrey",
			Withdrawn: "gray",
			Terminated: "gray",
			"Objection Filed": "orange",
		}[doc.workflow_state];
		return [__(doc.workflow_state || "Received"), colour || "gray", "workflow_state,=," + doc.workflow_state];
	},
	formatters: {
		current_due(value) {
			if (!value) return "";
			const overdue = frappe.datetime.str_to_obj(value) < new Date();
			const text = frappe.datetime.comment_when(value);
			return overdue ? `<span class="text-danger">${text}</span>` : text;
		},
	},
};
