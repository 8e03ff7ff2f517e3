// The hotline desk's knowledge base search: published answers found as the operator types (zh or bo).
frappe.pages["knowledge-base-search"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Knowledge Base Search"),
		single_column: true,
	});
	const $body = $(`
		<div class="qh-kb-desk">
			<div class="row">
				<div class="col-sm-9 qh-kb-desk-query"></div>
				<div class="col-sm-3 qh-kb-desk-lang"></div>
			</div>
			<div class="qh-kb-desk-status text-muted small"></div>
			<div class="qh-kb-desk-results"></div>
		</div>`).appendTo(page.body);

	const query = frappe.ui.form.make_control({
		parent: $body.find(".qh-kb-desk-query"),
		df: { fieldtype: "Data", fieldname: "query", label: __("Question"), placeholder: __("Type the caller's question") },
		render_input: true,
	});
	const lang = frappe.ui.form.make_control({
		parent: $body.find(".qh-kb-desk-lang"),
		df: {
			fieldtype: "Select",
			fieldname: "lang",
			label: __("Language"),
			options: [
				{ value: "", label: __("By the question's script") },
				{ value: "zh", label: "中文" },
				{ value: "bo", label: "བོད་ཡིག" },
			],
		},
		render_input: true,
	});
	const $results = $body.find(".qh-kb-desk-results");
	const $status = $body.find(".qh-kb-desk-status");
	let seq = 0;

	const search = frappe.utils.debounce(() => {
		const text = (query.get_value() || "").trim();
		const mine = ++seq;
		if (!text) {
			$results.empty();
			$status.text("");
			return;
		}
		frappe
			.call({
				method: "qh_legal_service.knowledge_base.search",
				type: "GET",
				args: { query: text, lang: lang.get_value() || null, limit: 10 },
			})
			.then((r) => {
				if (mine !== seq) return;
				render(r.message || []);
			});
	}, 250);

	function render(rows) {
		$results.empty();
		$status.text(rows.length ? "" : __("No answer matches yet. Try other words, or call the 12348 hotline."));
		for (const row of rows) {
			const $row = $(`
				<div class="qh-kb-desk-result" style="padding: 10px 0; border-bottom: 1px solid var(--border-color)">
					<a href="#" class="qh-kb-desk-question bold"></a>
					<span class="text-muted small qh-kb-desk-meta"></span>
					<div class="qh-kb-desk-snippet text-muted"></div>
					<div class="qh-kb-desk-answer" style="white-space: pre-wrap" hidden></div>
					<a class="qh-kb-desk-open small" hidden></a>
				</div>`).appendTo($results);
			$row.find(".qh-kb-desk-question").text(row.question);
			$row.find(".qh-kb-desk-meta").text(" · " + row.topic_label);
			$row.find(".qh-kb-desk-snippet").text(row.snippet);
			$row.find(".qh-kb-desk-open")
				.text(__("Open the article"))
				.attr("href", frappe.utils.get_form_link("Legal Knowledge Article", row.name));
			$row.find(".qh-kb-desk-question").on("click", (e) => {
				e.preventDefault();
				const $answer = $row.find(".qh-kb-desk-answer");
				if (!$answer.prop("hidden")) {
					$answer.prop("hidden", true);
					return;
				}
				frappe
					.call({ method: "qh_legal_service.knowledge_base.article", type: "GET", args: { name: row.name } })
					.then((r) => {
						$answer.text(r.message.answer).prop("hidden", false);
						$row.find(".qh-kb-desk-snippet").prop("hidden", true);
						$row.find(".qh-kb-desk-open").prop("hidden", false);
					});
			});
		}
	}

	query.$input.on("input", search);
	lang.$input.on("change", search);
	setTimeout(() => query.$input.focus(), 100);
};
