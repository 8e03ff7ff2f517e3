// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.query_reports["Equalisation Index"] = {
	filters: [
		...qh_legal_service.report_filters.date_range(__("From Month"), __("To Month")),
		qh_legal_service.report_filters.within_division(),
		{
			fieldname: "show",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Counties", label: __("By County") },
				{ value: "Classes", label: __("By County Class") },
			],
			default: "Counties",
		},
		{
			fieldname: "county_class",
			label: __("County Class"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Pastoral", label: __("Pastoral") },
				{ value: "Semi-pastoral", label: __("Semi-pastoral") },
				{ value: "Agricultural", label: __("Agricultural") },
				{ value: "Urban", label: __("Urban") },
			],
		},
		{ fieldname: "least_served_first", label: __("Least Served First"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
