// The citizens' mediation request form. Rendered by Jinja with the web form's context before it is sent.
frappe.ready(function () {
	const portal = {{ qhls_portal_json }};
	const web_form = frappe.web_form;

	if (web_form.is_new) {
		// Notices come in the language the citizen reads the portal in, unless they choose another.
		if (["zh", "bo"].includes(portal.lang)) {
			web_form.set_value("preferred_language", portal.lang);
		}
		return;
	}

	// A request already sent: the language switch, where it stands, what to do next, what happened so far
	// and the agreement once it may be downloaded.
	const $status = $('<dl class="qhls-case-status"></dl>');
	portal.status.forEach((line) => {
		$("<dt></dt>").text(line.label).appendTo($status);
		$("<dd></dd>").text(line.value).appendTo($status);
	});
	$(".web-form-head").append(portal.language_switch);
	$(".web-form").before(
		$status,
		next_step_section(portal.next_step),
		history_section(portal.history),
		documents_section(portal.documents)
	);
	show_division_name(portal.division);
});

function next_step_section(section) {
	if (!section) return null;
	const $section = $('<section class="qhls-next-step alert alert-warning" role="status"></section>');
	$("<h5></h5>").text(section.heading).appendTo($section);
	$("<p></p>").text(section.text).appendTo($section);
	return $section;
}

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

// The agreement, as a PDF and a Word file.
function documents_section(section) {
	if (!section || !section.documents.length) return null;
	const $section = $('<section class="qhls-documents mb-4"></section>');
	$("<h5></h5>").text(section.heading).appendTo($section);
	const $list = $('<ul class="list-unstyled"></ul>').appendTo($section);
	section.documents.forEach((document) => {
		const $item = $('<li class="mb-2"></li>').appendTo($list);
		$('<span class="d-block"></span>').text(document.title).appendTo($item);
		[
			[document.pdf, section.pdf_label],
			[document.word, section.word_label],
		].forEach(([url, label]) => {
			$item.append(" ");
			$('<a class="btn btn-xs btn-default"></a>').attr("href", url).text(label).appendTo($item);
		});
	});
	return $section;
}

// The village by name: the read-only Link shows its stored code otherwise.
function show_division_name(name) {
	const field = frappe.web_form.fields_dict.division;
	if (!name || !field) return;
	field.df.formatter = () => frappe.utils.escape_html(name);
	field.refresh();
}
