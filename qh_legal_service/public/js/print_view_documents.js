// The desk's print view (page "print"), for a record whose doctype declares official documents
// (qh_legal_service.service_documents.official_documents): the print format picker offers only the
// documents the record may produce now, under their names in the reader's language, and never opens
// on one it may not. The server refuses the others on every path; this keeps the picker honest.
(() => {
	const PrintView = frappe.ui.form.PrintView;
	const METHOD = "qh_legal_service.service_documents.official_documents";

	const refused_formats = (view) =>
		(view.official_documents || []).filter((d) => !d.allowed).map((d) => d.print_format);

	const add_sidebar_item = PrintView.prototype.add_sidebar_item;
	PrintView.prototype.add_sidebar_item = function (df, is_dynamic) {
		if (df.fieldname !== "print_format") return add_sidebar_item.call(this, df, is_dynamic);
		const standard_query = df.get_query;
		df.get_query = () => {
			const query = standard_query();
			const refused = refused_formats(this);
			df.filter_description = refused.length
				? __("Only the documents this record may produce now")
				: undefined;
			if (refused.length) query.filters = { ...query.filters, name: ["not in", refused] };
			return query;
		};
		const control = add_sidebar_item.call(this, df, is_dynamic);
		// A declared document reads under its name in the reader's language; the value stays the
		// print format's name (the Link control maps one to the other, as for translated doctypes).
		control.get_translated = (value) =>
			(this.official_documents || []).find((d) => d.print_format === value)?.label || value;
		this.print_format_control = control;
		return control;
	};

	const show = PrintView.prototype.show;
	PrintView.prototype.show = function (frm) {
		this.official_documents = null;
		return frappe
			.xcall(METHOD, { doctype: frm.doctype, name: frm.docname })
			.catch(() => null)
			.then((documents) => {
				this.official_documents = documents;
				return show.call(this, frm);
			});
	};

	PrintView.prototype.selected_format = function () {
		const value = this.print_format_control
			? this.print_format_control.get_input_value()
			: this.print_format_selector.val();
		return value || "Standard";
	};

	const set_default_print_format = PrintView.prototype.set_default_print_format;
	PrintView.prototype.set_default_print_format = function () {
		set_default_print_format.call(this);
		if (!this.official_documents || !this.print_format_control) return;
		// The format left from another record, or a default, that this record may not produce gives
		// way to the record's standard print.
		const current = this.selected_format();
		this.print_format_control.set_input(
			current === "Standard" || refused_formats(this).includes(current) ? "" : current
		);
	};
})();
