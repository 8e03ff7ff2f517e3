// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

// The operator imports the telephone system's call records (CSV) from the work order list.
frappe.listview_settings["Hotline Work Order"] = {
	onload(listview) {
		if (!frappe.user.has_role(["Hotline Operator", "System Manager"])) return;
		listview.page.add_inner_button(__("Import Call Records"), () => import_call_records(listview));
	},
};

function import_call_records(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Call Records"),
		fields: [
			{
				fieldname: "file",
				fieldtype: "HTML",
				options: `<input type="file" accept=".csv,text/csv" class="form-control qhls-call-records">`,
			},
			{
				fieldname: "division",
				fieldtype: "Link",
				options: "Administrative Division",
				label: __("Caller's Division"),
				description: __("Where the imported calls are recorded until the operator corrects them."),
			},
		],
		primary_action_label: __("Import"),
		primary_action(values) {
			const file = dialog.$wrapper.find(".qhls-call-records")[0].files[0];
			if (!file) return;
			const reader = new FileReader();
			reader.onload = () => {
				frappe
					.xcall("qh_legal_service.hotline.api.import_call_records", {
						content: reader.result,
						division: values.division || null,
					})
					.then((result) => {
						dialog.hide();
						const lines = [
							__("Work orders created: {0}", [result.created]),
							__("Work orders updated: {0}", [result.updated]),
							...result.problems,
						].map((line) => frappe.utils.escape_html(line));
						frappe.msgprint(lines.join("<br>"), __("Import Call Records"));
						listview.refresh();
					});
			};
			reader.readAsText(file);
		},
	});
	dialog.show();
}
