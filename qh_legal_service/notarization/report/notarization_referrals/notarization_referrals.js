// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Notarization Referrals"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("Referred From"), __("Referred To")),
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Notary Office", label: __("Notary Office") },
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
			],
			default: "Notary Office",
			reqd: 1,
		},
		qh_legal_service.report_filters.within_division(),
	],
};
