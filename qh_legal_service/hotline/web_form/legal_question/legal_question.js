// The portal's legal question form: after sending, the reference number to read the answer with.
// Rendered by Jinja with the web form's context before it is sent.
frappe.ready(function () {
	const messages = {{ qhls_question_messages or "{}" }};
	const web_form = frappe.web_form;
	const render_success_page = web_form.render_success_page.bind(web_form);
	web_form.render_success_page = (data) => {
		render_success_page(data);
		if (!data || !data.name) return;
		const $note = $('<div class="qhls-question-reference alert alert-info" role="status"></div>');
		$("<p></p>")
			.text(messages.reference.replace("{0}", data.name))
			.appendTo($note);
		$("<a></a>")
			.attr("href", "/legal-question-answer?reference=" + encodeURIComponent(data.name))
			.text(messages.read)
			.appendTo($note);
		$(".success-message").after($note);
	};
});
