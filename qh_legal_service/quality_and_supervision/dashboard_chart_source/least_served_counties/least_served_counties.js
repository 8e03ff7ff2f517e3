frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Least Served Counties"] = {
	method: "qh_legal_service.quality_and_supervision.dashboard_chart_source.least_served_counties.least_served_counties.get",
	filters: [],
};
