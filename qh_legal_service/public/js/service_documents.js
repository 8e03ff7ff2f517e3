// The official documents of every service as Word files (bilingual Tibetan and Chinese), offered on
// the form of each doctype that declares documents (frappe.boot.qh_document_doctypes, from
// qh_legal_service.service_documents.boot_session) only when the record's state warrants them: the
// server decides, from the declaration in the service's rules (rules.documents.DocumentRule). The
// print formats of the same names print them.
(() => {
	const METHOD = "qh_legal_service.service_documents";

	const add_word_buttons = (frm) => {
		if (frm.is_new()) return;
		const { doctype, docname: name } = frm;
		frappe.xcall(`${METHOD}.official_documents`, { doctype, name }).then((documents) => {
			// The form may have moved to another record while the answer came.
			if (frm.doctype !== doctype || frm.doc.name !== name) return;
			for (const document of documents || []) {
				if (!document.allowed) continue;
				frm.add_custom_button(
					document.label,
					() => {
						window.open(
							frappe.urllib.get_full_url(
								`/api/method/${METHOD}.download_word?` +
									$.param({ doctype, name, document: document.document })
							)
						);
					},
					__("Download Word")
				);
			}
		});
	};

	for (const doctype of frappe.boot.qh_document_doctypes || []) {
		frappe.ui.form.on(doctype, { refresh: add_word_buttons });
	}
})();
