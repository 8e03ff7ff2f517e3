// The portal's legal question form: after sending, the reference number to read the answer with.
frappe.ready(function () {
	const web_form = frappe.web_form;
	const render_success_page = web_form.render_success_page.bind(web_form);
	web_form.render_success_page = (data) => {
		render_success_page(data);
		if (!data || !data.name) return;
		const $note = $('<div class="qhls-question-reference alert alert-info" role="status"></div>');
		$("<p></p>")
			.text(__("Your reference number is {0}. Keep it with your phone number to read the answer.", [data.name]))
			.appendTo($note);
		$("<a></a>")
			.attr("href", "/legal-question-answer?reference=" + encodeURIComponent(data.name))
			.text(__("Read the answer"))
			.appendTo($note);
		$(".success-message").after($note);
	};
});
