// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Special Groups"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("From Month"), __("To Month")),
		qh_legal_service.report_filters.group_by({
			default: "",
			options: [
				{ value: "", label: __("Whole Area") },
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
				{ value: "Township", label: __("Township") },
			],
		}),
		qh_legal_service.report_filters.within_division(),
		{
			fieldname: "service",
			label: __("Service"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("All Services") },
				{ value: "Legal Aid Application", label: __("Legal Aid Application") },
				{ value: "Mediation Case", label: __("Mediation Case") },
				{ value: "Notarization Referral", label: __("Notarization Referral") },
				{ value: "Hotline Work Order", label: __("Hotline Work Order") },
				{ value: "Legal Consultation", label: __("Legal Consultation") },
			],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
