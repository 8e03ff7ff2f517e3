// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Bad Reviews Open and Overdue"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("Evaluated From"), __("Evaluated To")),
		qh_legal_service.report_filters.group_by({ reqd: 1 }),
		qh_legal_service.report_filters.within_division(),
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "current_due" && data && data.overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
