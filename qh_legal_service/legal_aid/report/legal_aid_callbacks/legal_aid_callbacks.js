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
		...qh_legal_service.report_filters.date_range(__("Closed From"), __("Closed To")),
		qh_legal_service.report_filters.group_by({ depends_on: "eval:doc.view == 'Summary'" }),
		qh_legal_service.report_filters.within_division(),
	],
};
