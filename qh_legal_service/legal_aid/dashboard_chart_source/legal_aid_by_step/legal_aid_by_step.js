frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Legal Aid by Step"] = {
	method: "qh_legal_service.legal_aid.dashboard_chart_source.legal_aid_by_step.legal_aid_by_step.get",
	filters: [],
};
