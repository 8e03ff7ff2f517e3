// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.ui.form.on("Supervision Bulletin", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Draft" || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Publish"), () => {
			frappe.confirm(
				__("Publish this bulletin? Its figures are kept as they are now and it can no longer change."),
				() => frm.call("publish").then(() => frm.reload_doc())
			);
		}).addClass("btn-primary");
	},
});
