// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Service Orders Open"] = {
	filters: [
		{
			fieldname: "service",
			label: __("Service"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Legal Aid", label: __("Legal Aid") },
				{ value: "People's Mediation", label: __("People's Mediation") },
				{ value: "Notarization", label: __("Notarization") },
				{ value: "12348 Hotline", label: __("12348 Hotline") },
				{ value: "Other Legal Service", label: __("Other Legal Service") },
			],
		},
		{
			fieldname: "holder_institution",
			label: __("Holder"),
			fieldtype: "Link",
			options: "Legal Service Institution",
		},
		{
			fieldname: "side",
			label: __("Orders"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Held in or Sent from My Area") },
				{ value: "Held", label: __("Held in My Area") },
				{ value: "Sent", label: __("Sent from My Area") },
			],
		},
	],
};
