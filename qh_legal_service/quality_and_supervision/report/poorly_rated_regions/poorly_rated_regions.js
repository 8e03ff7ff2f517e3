// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Poorly Rated Regions"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("Evaluated From"), __("Evaluated To")),
		qh_legal_service.report_filters.group_by({ reqd: 1, default: "County" }),
		qh_legal_service.report_filters.within_division(),
		{
			fieldname: "threshold",
			label: __("Poor Satisfaction Threshold"),
			fieldtype: "Percent",
			description: __("Empty: the threshold in Satisfaction Settings."),
		},
		{ fieldname: "min_evaluations", label: __("Evaluations Needed Before a Region Is Named"), fieldtype: "Int" },
	],
};
