// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Adviser and Service Point Coverage"] = {
	filters: [
		{
			fieldname: "view",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Summary", label: __("Summary") },
				{ value: "Villages without an Adviser", label: __("Villages without an Adviser") },
				{
					value: "Units without a Centre or Station",
					label: __("Units without a Centre or Station"),
				},
			],
			default: "Summary",
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
