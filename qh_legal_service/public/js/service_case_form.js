// Every service case's desk form (the doctypes in frappe.boot.qh_service_cases, from
// qh_legal_service.service_case.boot_session):
// - the steps, stored as the engine's keys (current_step, the step log's steps and states), show in the
//   reader's language;
// - an action whose next state needs reasons, a worker, an outcome, a certificate number... asks for them
//   in a dialog when it is taken, instead of failing with "fill in ... first" afterwards. What each state
//   needs is the service's declaration, read by the server.
(() => {
	const METHOD = "qh_legal_service.service_case";

	// One dialog field per needed field, as the form shows it: its label, its Select values in the
	// reader's language and the link search the form itself uses (frm.set_query).
	const dialog_field = (frm, fieldname) => {
		const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name);
		const field = {
			fieldname,
			fieldtype: df.fieldtype,
			label: __(df.label),
			options: df.options,
			description: df.description ? __(df.description) : "",
			reqd: 1,
			default: frm.doc[fieldname],
		};
		if (df.fieldtype === "Select") {
			field.options = (df.options || "")
				.split("\n")
				.filter(Boolean)
				.map((value) => ({ value, label: __(value) }));
		}
		const form_field = frm.fields_dict[fieldname];
		if (form_field && form_field.get_query) field.get_query = form_field.get_query;
		return field;
	};

	const ask_for_action_fields = (frm) => {
		const action = frm.selected_workflow_action;
		const { doctype, docname: name } = frm;
		return frappe.xcall(`${METHOD}.fields_for_action`, { doctype, name, action }).then((fieldnames) => {
			if (!fieldnames || !fieldnames.length) return;
			// The workflow froze the page while it runs the action: the dialog must be usable.
			frappe.dom.unfreeze();
			return new Promise((resolve, reject) => {
				let taken = false;
				const dialog = new frappe.ui.Dialog({
					title: __(action),
					fields: fieldnames.map((fieldname) => dialog_field(frm, fieldname)),
					primary_action_label: __(action),
					primary_action(values) {
						taken = true;
						fieldnames.forEach((fieldname) => {
							frm.doc[fieldname] = values[fieldname];
						});
						dialog.hide();
						// Frappe's apply_workflow reloads the record from the database before it moves it,
						// so the answers are saved first, by a method that writes only what the action needs
						// (the bureau may not edit a refused case, yet records the objection to it); a failed
						// save leaves them on the form.
						frappe.dom.freeze();
						frappe
							.xcall(`${METHOD}.save_action_fields`, { doctype, name, action, values })
							.then(resolve, (error) => {
								frappe.dom.unfreeze();
								reject(error);
							});
					},
				});
				dialog.onhide = () => {
					if (!taken) reject(new Error("the action was cancelled"));
				};
				dialog.show();
			});
		});
	};

	const translated = (value) => frappe.utils.escape_html(__(value || ""));

	const show_steps_translated = (frm) => {
		const field = frm.fields_dict.current_step;
		if (field) {
			field.df.formatter = translated;
			field.refresh();
		}
		const grid = frm.fields_dict.step_log && frm.fields_dict.step_log.grid;
		if (!grid) return;
		// Each row keeps its own copy of the fields: set the formatter on the grid's (for rows drawn
		// later) and on every row's drawn already, then draw them again.
		for (const fieldname of ["step", "ended_in_state"]) {
			const df = grid.docfields.find((d) => d.fieldname === fieldname);
			if (df) df.formatter = translated;
			for (const row of grid.grid_rows || []) {
				const row_df = (row.docfields || []).find((d) => d.fieldname === fieldname);
				if (row_df) row_df.formatter = translated;
			}
		}
		grid.refresh();
	};

	for (const doctype of frappe.boot.qh_service_cases || []) {
		frappe.ui.form.on(doctype, {
			refresh: show_steps_translated,
			before_workflow_action: ask_for_action_fields,
		});
	}
})();
