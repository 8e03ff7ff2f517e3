// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

const SUPERVISION_INDICATORS = "Supervision Indicators";
const MET_COLOURS = { true: "green", false: "red" };

frappe.provide("qh_legal_service");
// A click on a division opens it one tier lower in this report; with Ctrl or Cmd, in a new tab.
qh_legal_service.drill_supervision_indicators = (event, link) => {
	if (event.ctrlKey || event.metaKey) return true;
	// The division last: its refresh waits for the Link's validation and so runs with both values.
	frappe.query_report.set_filter_value({
		group_by: link.dataset.groupBy,
		division: link.dataset.division,
	});
	return false;
};

frappe.query_reports[SUPERVISION_INDICATORS] = {
	filters: [
		{
			fieldname: "division",
			label: __("Division"),
			fieldtype: "Link",
			options: "Administrative Division",
		},
		{
			...qh_legal_service.report_filters.group_by(),
			options: [
				{ value: "", label: __("None") },
				{ value: "Prefecture", label: __("Prefecture") },
				{ value: "County", label: __("County") },
				{ value: "Township", label: __("Township") },
			],
		},
		...qh_legal_service.report_filters.date_range(__("From Month"), __("To Month")),
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Against Target", label: __("Against Target") },
				{ value: "Monthly Trend", label: __("Monthly Trend") },
			],
			default: "Against Target",
			reqd: 1,
		},
		{
			fieldname: "indicator",
			label: __("Indicator in the Chart"),
			fieldtype: "Link",
			options: "Supervision Indicator",
			depends_on: "eval:doc.view=='Monthly Trend'",
		},
	],

	onload(report) {
		// The user's own division by default; a drill-down link brings its own in the address (a Link
		// filter set from the route is still being validated here, so its value may not show yet).
		const drilled = frappe.utils.get_query_params().division;
		if (drilled || report.get_filter_value("division")) return;
		return frappe.call("qh_legal_service.indicators.own_division_for_desk").then((r) => {
			if (r.message?.division) {
				report.set_filter_value({ division: r.message.division, group_by: r.message.group_by });
			}
		});
	},

	formatter(value, row, column, data, default_formatter) {
		const shown = default_formatter(value, row, column, data);
		if (!data) return shown;
		if (column.fieldname === "met") {
			const colour = MET_COLOURS[data.met_flag] || "gray";
			return `<span class="indicator-pill ${colour}">${frappe.utils.escape_html(data.met || "")}</span>`;
		}
		if (column.fieldname === "division_name" && data.division && data.drill_to) {
			const filters = frappe.query_report.get_filter_values();
			const params = new URLSearchParams({
				division: data.division,
				group_by: data.drill_to,
				from_date: filters.from_date,
				to_date: filters.to_date,
				view: filters.view || "Against Target",
			});
			const title = __("Open {0} by {1}", [data.division_name, __(data.drill_to)]);
			return `<a href="/app/query-report/${encodeURIComponent(SUPERVISION_INDICATORS)}?${params}"
				data-division="${frappe.utils.escape_html(data.division)}" data-group-by="${data.drill_to}"
				onclick="return qh_legal_service.drill_supervision_indicators(event, this)"
				title="${frappe.utils.escape_html(title)}">${shown}</a>`;
		}
		const is_value = column.fieldname === "value" || column.fieldname.startsWith("m_");
		// Nothing to compute (nothing due, no record): an empty cell, not 0.
		if (is_value && (value === null || value === undefined)) return "";
		if (is_value && data.unit === "percent" && value !== null && value !== undefined) {
			// Inside the cell's own element, so the sign stays on the number's line.
			return shown.includes("</div>") ? shown.replace(/<\/div>\s*$/, " %</div>") : `${shown} %`;
		}
		return shown;
	},
};
