// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Satisfaction by Institution and Division"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("Evaluated From"), __("Evaluated To")),
		qh_legal_service.report_filters.group_by({ reqd: 1 }),
		qh_legal_service.report_filters.within_division(),
		{ fieldname: "reference_doctype", label: __("Service"), fieldtype: "Link", options: "DocType" },
	],
};
