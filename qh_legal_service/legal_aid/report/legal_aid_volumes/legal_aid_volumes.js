// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Legal Aid Volumes"] = {
	filters: [
		{
			fieldname: "dimension",
			label: __("Count By"),
			fieldtype: "Select",
			options: [
				{ value: "Matter Type", label: __("Matter Type") },
				{ value: "Special Group", label: __("Special Group") },
				{ value: "Channel", label: __("Channel") },
				{ value: "Division", label: __("Division") },
			],
			default: "Matter Type",
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Division Tier"),
			fieldtype: "Select",
			options: [
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
				{ value: "Township", label: __("Township") },
			],
			default: "Prefecture",
			depends_on: "eval:doc.dimension == 'Division'",
		},
		{
			fieldname: "from_date",
			label: __("Received From"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Received To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "division",
			label: __("Within Division"),
			fieldtype: "Link",
			options: "Administrative Division",
		},
	],
};
