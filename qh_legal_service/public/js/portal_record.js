// What every service's portal form shows on a request already sent (portal_records.py builds the data):
// the language switch, where it stands, notes, what to do next, what happened so far, the documents to
// download and the village by name, above the form. Every text is set as text, never as markup.
frappe.provide("qhls.portal_record");

qhls.portal_record.render = function (portal) {
	const $status = $('<dl class="qhls-case-status"></dl>');
	(portal.status || []).forEach((line) => {
		$("<dt></dt>").text(line.label).appendTo($status);
		$("<dd></dd>").text(line.value).appendTo($status);
	});
	const $notes = $('<div class="qhls-decision-notes"></div>');
	(portal.notes || []).forEach((note) => {
		const $note = $('<div class="qhls-decision-note alert alert-warning" role="status"></div>');
		$("<h5></h5>").text(note.title).appendTo($note);
		$('<p style="white-space: pre-wrap"></p>').text(note.text).appendTo($note);
		$note.appendTo($notes);
	});
	$(".web-form-head").append(portal.language_switch);
	$(".web-form").before(
		$status,
		next_step_section(portal.next_step),
		$notes,
		history_section(portal.history),
		documents_section(portal.documents)
	);
	show_division_name(portal.division);

	// What the citizen must do now, and the materials or the phone it needs.
	function next_step_section(section) {
		if (!section) return null;
		const $section = $('<section class="qhls-next-step alert alert-warning" role="status"></section>');
		$("<h5></h5>").text(section.heading).appendTo($section);
		$("<p></p>").text(section.text).appendTo($section);
		(section.details || []).forEach((detail) => {
			$('<p class="qhls-detail"></p>').text(detail).appendTo($section);
		});
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
			(line.details || []).forEach((detail) => {
				$('<span class="qhls-detail"></span>').text(detail).appendTo($item);
			});
		});
		return $section;
	}

	// The documents the request warrants now, each as a PDF and a Word file.
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

	// The village by name: the read-only Link shows its stored code otherwise. A formatter, not a text
	// written once, because Frappe sets the form's values after this script runs.
	function show_division_name(name) {
		const field = frappe.web_form.fields_dict.division;
		if (!name || !field) return;
		field.df.formatter = () => frappe.utils.escape_html(name);
		field.refresh();
	}
};
