// "Refer for notarization" on a legal aid case: one action creates a Notarization Referral carrying the
// applicant over and sends its order to the chosen notary office (公证法 Art 34, 法律援助法 Art 53).

frappe.ui.form.on("Legal Aid Application", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("Notarization Referral")) return;
		frm.add_custom_button(__("Refer for Notarization"), () => refer_for_notarization(frm));
	},
});

function refer_for_notarization(frm) {
	frappe.xcall("qh_legal_service.notarization.api.referral_options").then((options) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Refer for Notarization"),
			fields: [
				{
					fieldname: "notary_office",
					fieldtype: "Link",
					label: __("Notary Office"),
					options: "Legal Service Institution",
					reqd: 1,
					get_query: () => ({ filters: { institution_type: "Notary Office" } }),
				},
				{
					fieldname: "matter_type",
					fieldtype: "Select",
					label: __("Notarial Matter"),
					options: options.matter_types,
					reqd: 1,
				},
				{
					fieldname: "certificate_language",
					fieldtype: "Select",
					label: __("Certificate Language"),
					options: options.certificate_languages,
					default: frm.doc.preferred_language === "bo" ? "Chinese and Tibetan" : "Chinese",
					reqd: 1,
				},
				{
					fieldname: "matter_description",
					fieldtype: "Small Text",
					label: __("Matter Description"),
					reqd: 1,
				},
			],
			primary_action_label: __("Refer"),
			primary_action(values) {
				frappe
					.xcall("qh_legal_service.notarization.api.refer_legal_aid_application", {
						application: frm.doc.name,
						...values,
					})
					.then((name) => {
						dialog.hide();
						frappe.set_route("Form", "Notarization Referral", name);
					});
			},
		});
		dialog.show();
	});
}
