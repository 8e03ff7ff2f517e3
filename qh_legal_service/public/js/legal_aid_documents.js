// The official legal aid documents as Word files (bilingual Tibetan and Chinese), offered only when
// the application's state warrants them: the server decides, from the declaration in
// qh_legal_service/rules/legal_aid_documents.py. The print formats of the same names print them.

frappe.ui.form.on("Legal Aid Application", {
	refresh(frm) {
		if (frm.is_new()) return;
		const name = frm.doc.name;
		frappe
			.xcall("qh_legal_service.legal_aid.documents.official_documents", {
				doctype: frm.doctype,
				name,
			})
			.then((documents) => {
				// The form may have moved to another record while the answer came.
				if (frm.doc.name !== name) return;
				for (const document of documents || []) {
					if (!document.allowed) continue;
					frm.add_custom_button(
						document.label,
						() => {
							window.open(
								frappe.urllib.get_full_url(
									"/api/method/qh_legal_service.legal_aid.documents.download_word?" +
										$.param({ name, document: document.document })
								)
							);
						},
						__("Download Word")
					);
				}
			});
	},
});
