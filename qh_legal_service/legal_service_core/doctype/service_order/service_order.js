// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

// The holder's actions on an order; the referring point sees the same form read-only, with no buttons.
const ORDER_API = "qh_legal_service.service_order";

frappe.ui.form.on("Service Order", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.disable_save();
		show_holder(frm);
		show_step_names(frm);
		frappe.xcall(`${ORDER_API}.order_actions`, { order_name: frm.doc.name }).then((actions) => {
			(actions || []).forEach((action) => add_action(frm, action));
		});
	},
});

function show_holder(frm) {
	const colour = { Sent: "orange", Accepted: "blue", Refused: "red", Done: "green" }[frm.doc.status];
	const holder = frm.doc.holder_institution_name || frm.doc.holder_institution || "";
	frm.dashboard.clear_headline();
	frm.dashboard.set_headline_alert(
		__("Held by {0} since {1}", [
			frappe.utils.escape_html(holder),
			frappe.datetime.str_to_user(frm.doc.held_since),
		]),
		colour
	);
}

// The step is stored as the engine's key ("Accept the order"): show it in the reader's language, on the
// form and in the step log.
function show_step_names(frm) {
	const translate = (value) => frappe.utils.escape_html(__(value || ""));
	// The record types are doctype names, which Frappe shows as stored.
	["current_step", "source_doctype", "target_doctype"].forEach((fieldname) => {
		const field = frm.fields_dict[fieldname];
		if (field) {
			field.df.formatter = translate;
			field.refresh();
		}
	});
	// The grid's Data formatter applies the formatter of the child table's standard field
	// (frappe.form.formatters._apply_custom_formatter).
	const step = (frappe.meta.docfield_map["Service Case Step"] || {}).step;
	if (step) {
		step.formatter = translate;
		frm.refresh_field("step_log");
	}
}

const ACTIONS = {
	accept: {
		label: __("Accept"),
		fields: [
			{
				fieldname: "target_doctype",
				fieldtype: "Link",
				options: "DocType",
				label: __("Opened As Record Type"),
				default_for: { "Legal Aid": "Legal Aid Application" },
			},
			{
				fieldname: "target_name",
				fieldtype: "Dynamic Link",
				options: "target_doctype",
				label: __("Opened As Record"),
			},
		],
	},
	refuse: {
		label: __("Refuse to Accept"),
		fields: [{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
	},
	hand_on: {
		label: __("Hand On"),
		fields: [
			{
				fieldname: "to_institution",
				fieldtype: "Link",
				options: "Legal Service Institution",
				label: __("To"),
				reqd: 1,
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
		],
	},
	complete: {
		label: __("Complete"),
		fields: [
			{ fieldname: "result", fieldtype: "Small Text", label: __("Result"), reqd: 1 },
			{ fieldname: "result_reference", fieldtype: "Data", label: __("Result Reference") },
		],
	},
};

function add_action(frm, action) {
	const spec = ACTIONS[action];
	if (!spec) return;
	frm.add_custom_button(spec.label, () => {
		// A legal aid order is opened as an application: the dialog offers that record type.
		const fields = spec.fields.map((field) =>
			field.default_for ? { ...field, default: field.default_for[frm.doc.service] } : field
		);
		const dialog = new frappe.ui.Dialog({
			title: spec.label,
			fields,
			primary_action_label: spec.label,
			primary_action(values) {
				frappe
					.xcall(`${ORDER_API}.${action}`, { order_name: frm.doc.name, ...values })
					.then(() => {
						dialog.hide();
						frm.reload_doc();
					});
			},
		});
		dialog.show();
	}, __("Actions"));
}
