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

	// A request already sent: the language switch, where it stands and what happened so far.
	const $status = $('<dl class="qhls-case-status"></dl>');
	portal.status.forEach((line) => {
		$("<dt></dt>").text(line.label).appendTo($status);
		$("<dd></dd>").text(line.value).appendTo($status);
	});
	$(".web-form-head").append(portal.language_switch);
	$(".web-form").before($status, history_section(portal.history));
});

// What happened to the request, oldest first.
function history_section(section) {
	if (!section || !section.lines.length) return null;
	const $section = $('<section class="qhls-history mb-4"></section>');
	$("<h5></h5>").text(section.heading).appendTo($section);
	const $list = $('<ol class="list-unstyled"></ol>').appendTo($section);
	section.lines.forEach((line) => {
		const $item = $('<li class="qhls-history-line"></li>').appendTo($list);
		if (line.when) $('<span class="qhls-when"></span>').text(line.when).appendTo($item);
		$('<span class="qhls-event"></span>').text(line.text).appendTo($item);
		line.details.forEach((detail) => {
			$('<span class="qhls-detail"></span>').text(detail).appendTo($item);
		});
	});
	return $section;
}
