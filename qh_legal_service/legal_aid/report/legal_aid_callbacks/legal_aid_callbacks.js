// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Legal Aid Callbacks"] = {
	filters: [
		{
			fieldname: "view",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Summary", label: __("Summary") },
				{
					value: "Closed Cases without a Callback",
					label: __("Closed Cases without a Callback"),
				},
			],
			default: "Summary",
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("Closed From"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Closed To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
				{ value: "Township", label: __("Township") },
			],
			default: "Prefecture",
			depends_on: "eval:doc.view == 'Summary'",
		},
		{
			fieldname: "division",
			label: __("Within Division"),
			fieldtype: "Link",
			options: "Administrative Division",
		},
	],
};
