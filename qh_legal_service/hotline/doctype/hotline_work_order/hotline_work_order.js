// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

// A work order shows the step that runs in the reader's language and the orders it sent (its transfer),
// with where each stands.
frappe.ui.form.on("Hotline Work Order", {
	refresh(frm) {
		if (frm.doc.current_step) {
			frm.set_intro(
				__("{0}: due {1}", [__(frm.doc.current_step), frappe.datetime.str_to_user(frm.doc.current_due)]),
				frm.doc.escalated_step ? "red" : "blue"
			);
		}
		if (frm.is_new()) return;
		frappe
			.xcall("qh_legal_service.service_order.orders_of", { doctype: frm.doc.doctype, name: frm.doc.name })
			.then(async (orders) => {
				if (!orders || !orders.length) return;
				const esc = frappe.utils.escape_html;
				// The holder by its name where the reader may read the institution, else its code.
				const names = {};
				for (const o of orders) {
					if (!o.holder_institution || names[o.holder_institution]) continue;
					const r = await frappe.db
						.get_value("Legal Service Institution", o.holder_institution, "institution_name")
						.catch(() => null);
					names[o.holder_institution] = r?.message?.institution_name || o.holder_institution;
				}
				const rows = orders
					.map(
						(o) => `<tr>
							<td><a href="/app/service-order/${encodeURIComponent(o.name)}">${esc(o.name)}</a></td>
							<td>${esc(names[o.holder_institution] || "")}</td>
							<td>${esc(__(o.status))}</td>
							<td>${esc(o.result || "")}</td>
						</tr>`
					)
					.join("");
				frm.dashboard.add_section(
					`<table class="table table-sm"><thead><tr>
						<th>${esc(__("Service Order"))}</th><th>${esc(__("Holder"))}</th>
						<th>${esc(__("Status"))}</th><th>${esc(__("Result"))}</th>
					</tr></thead><tbody>${rows}</tbody></table>`,
					__("Transfers")
				);
			});
	},
});
