// 好差评 on every surveyed service's form (frappe.boot.qh_surveyed_doctypes, from
// qh_legal_service.quality_and_supervision.satisfaction.boot_session): send the person served a
// one-time survey link, or record the satisfaction they gave by phone.
(() => {
	const METHOD = "qh_legal_service.quality_and_supervision.satisfaction";

	const add_buttons = (frm) => {
		if (frm.is_new()) return;
		frm.add_custom_button(
			__("Send Survey Link"),
			() => {
				frappe
					.xcall(`${METHOD}.send_survey_link`, { doctype: frm.doctype, name: frm.doc.name })
					.then((sent) => {
						frappe.msgprint({
							title: __("Survey Link"),
							indicator: "green",
							message:
								`<p>${__("Send this one-time link to {0}. It works once, until {1}.", [
									frappe.utils.escape_html(sent.recipient || ""),
									frappe.datetime.str_to_user(sent.expires_on),
								])}</p>` +
								`<p><a href="${encodeURI(sent.url)}" target="_blank" rel="noopener">` +
								`${frappe.utils.escape_html(sent.url)}</a></p>`,
						});
					});
			},
			__("Satisfaction")
		);
		frm.add_custom_button(
			__("Record Satisfaction by Phone"),
			() => {
				frappe.new_doc("Satisfaction Evaluation", {
					reference_doctype: frm.doctype,
					reference_name: frm.doc.name,
				});
			},
			__("Satisfaction")
		);
	};

	for (const doctype of frappe.boot.qh_surveyed_doctypes || []) {
		frappe.ui.form.on(doctype, { refresh: add_buttons });
	}
})();
