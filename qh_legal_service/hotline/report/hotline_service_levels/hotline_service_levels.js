// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Hotline Service Levels"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("Calls From"), __("Calls To")),
		qh_legal_service.report_filters.group_by({ reqd: 1 }),
		qh_legal_service.report_filters.within_division(),
	],
};
