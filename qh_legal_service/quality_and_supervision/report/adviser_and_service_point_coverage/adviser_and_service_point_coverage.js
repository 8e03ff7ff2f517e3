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
		qh_legal_service.report_filters.group_by({ depends_on: "eval:doc.view == 'Summary'" }),
		qh_legal_service.report_filters.within_division(),
	],
};
