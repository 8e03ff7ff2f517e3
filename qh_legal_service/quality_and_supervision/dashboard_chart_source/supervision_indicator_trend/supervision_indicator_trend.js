frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Supervision Indicator Trend"] = {
	method: "qh_legal_service.quality_and_supervision.dashboard_chart_source.supervision_indicator_trend.supervision_indicator_trend.get",
	filters: [],
};
