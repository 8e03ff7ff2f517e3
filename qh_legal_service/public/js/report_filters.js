// Filters the app's supervisor reports share: a date range, the tier to group by, a division to look within.
frappe.provide("qh_legal_service.report_filters");

qh_legal_service.report_filters = {
	date_range(from_label, to_label) {
		return [
			{
				fieldname: "from_date",
				label: from_label,
				fieldtype: "Date",
				// rules.figures.default_period: the last twelve months, this one included.
				default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
				reqd: 1,
			},
			{
				fieldname: "to_date",
				label: to_label,
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
		];
	},

	group_by(extra = {}) {
		return {
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
				{ value: "Township", label: __("Township") },
			],
			default: "Prefecture",
			...extra,
		};
	},

	within_division() {
		return {
			fieldname: "division",
			label: __("Within Division"),
			fieldtype: "Link",
			options: "Administrative Division",
		};
	},
};
