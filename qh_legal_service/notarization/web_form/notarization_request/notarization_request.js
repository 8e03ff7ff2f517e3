// The citizens' notarization request form. Rendered by Jinja with the web form's context before it is sent.
frappe.ready(function () {
	const portal = {{ qhls_portal_json }};
	const web_form = frappe.web_form;

	if (web_form.is_new) {
		// Notices come in the language the citizen reads the portal in, unless they choose another.
		if (["zh", "bo"].includes(portal.lang)) {
			web_form.set_value("preferred_language", portal.lang);
			if (portal.lang === "bo") web_form.set_value("certificate_language", "Chinese and Tibetan");
		}
		return;
	}

	// A request already sent: where it stands and what happened, above the form (portal_record.js).
	qhls.portal_record.render(portal);
});
