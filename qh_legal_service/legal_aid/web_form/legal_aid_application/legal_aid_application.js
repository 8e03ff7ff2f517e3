// The citizens' legal aid form. Rendered by Jinja with the web form's context before it is sent.
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

	// An application already sent: the language switch, then what the citizen must read first.
	const $form = $(".web-form");
	const $status = $('<dl class="qhls-case-status"></dl>');
	portal.status.forEach((line) => {
		$("<dt></dt>").text(line.label).appendTo($status);
		$("<dd></dd>").text(line.value).appendTo($status);
	});
	const $notes = $('<div class="qhls-decision-notes"></div>');
	portal.notes.forEach((note) => {
		const $note = $('<div class="qhls-decision-note alert alert-warning" role="status"></div>');
		$("<h5></h5>").text(note.title).appendTo($note);
		$('<p style="white-space: pre-wrap"></p>').text(note.text).appendTo($note);
		$note.appendTo($notes);
	});
	$(".web-form-head").append(portal.language_switch);
	$form.before($status, $notes, documents_section(portal.documents));
});

// The documents issued to the applicant, each as a PDF and a Word file.
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
