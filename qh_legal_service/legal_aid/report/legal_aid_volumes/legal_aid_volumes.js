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
		qh_legal_service.report_filters.group_by({ label: __("Division Tier"), depends_on: "eval:doc.dimension == 'Division'" }),
		...qh_legal_service.report_filters.date_range(__("Received From"), __("Received To")),
		qh_legal_service.report_filters.within_division(),
	],
};
