// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

// A consultation at a township office or on the hotline: "Refer to Legal Aid Centre" sends the citizen on
// to their county's legal aid centre as a Service Order, and the form lists the orders it sent with
// where each stands (holder, status, result), never more of the other institution's records.
const ORDERS = "qh_legal_service.service_order";

frappe.ui.form.on("Legal Consultation", {
	refresh(frm) {
		if (frm.is_new()) return;
		// The roles the server lets refer (service_order.REFERRING_ROLES).
		const referring = [
			"Township Judicial Office Staff",
			"Hotline Operator",
			"County Justice Bureau Staff",
			"System Manager",
		];
		if (frappe.user.has_role(referring)) {
			frm.add_custom_button(__("Refer to Legal Aid Centre"), () => refer_to_legal_aid(frm));
		}
		show_orders(frm);
	},
});

function refer_to_legal_aid(frm) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
		(values) => {
			frappe
				.xcall(`${ORDERS}.refer_to_legal_aid`, {
					source_doctype: frm.doc.doctype,
					source_name: frm.doc.name,
					reason: values.reason,
				})
				.then((order) => {
					frappe.show_alert({ message: __("Order {0} sent", [order]), indicator: "green" });
					frm.reload_doc();
				});
		},
		__("Refer to Legal Aid Centre"),
		__("Send")
	);
}

function show_orders(frm) {
	frappe.xcall(`${ORDERS}.orders_of`, { doctype: frm.doc.doctype, name: frm.doc.name }).then((orders) => {
		if (!orders || !orders.length) return;
		const esc = frappe.utils.escape_html;
		const rows = orders
			.map(
				(o) => `<tr>
					<td><a href="/app/service-order/${encodeURIComponent(o.name)}">${esc(o.name)}</a></td>
					<td>${esc(o.holder_institution || "")}</td>
					<td>${esc(__(o.status))}</td>
					<td>${esc(o.result || "")} ${esc(o.result_reference || "")}</td>
				</tr>`
			)
			.join("");
		frm.dashboard.add_section(
			`<table class="table table-bordered small">
				<thead><tr><th>${__("Service Order")}</th><th>${__("Holder")}</th><th>${__("Status")}</th><th>${__("Result")}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>`,
			__("Orders")
		);
	});
}
