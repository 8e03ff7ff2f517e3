// Copyright (c) 2026, Qinghai Public Legal Service developers
// For license information, please see license.txt

frappe.ui.form.on("Legal Aid Application", {
	refresh(frm) {
		show_eligibility(frm);
		show_deadline(frm);
		frm.set_query("division", () => ({ filters: { tier: ["in", ["Village", "Township"]] } }));
		frm.set_query("assigned_worker", () => worker_query(frm));
		suggest_workers(frm);
	},
});

// The area's workers, those who speak the applicant's language first, with the languages shown (the
// Assign action's dialog, service_case_actions.js, uses the same search).
function worker_query(frm) {
	return {
		query: "qh_legal_service.legal_aid.api.worker_query",
		filters: { application: frm.doc.name },
	};
}

// The statute's answer, with its article, where the reviewer sees it first.
function show_eligibility(frm) {
	if (!frm.doc.eligibility) return;
	const colour = {
		Eligible: "green",
		"Hardship Proof Waived": "green",
		"Hardship Test Not Applied": "green",
		"Notified Defence": "blue",
		"Hardship Check Needed": "orange",
		"Not a Covered Matter": "red",
	}[frm.doc.eligibility];
	frm.dashboard.add_indicator(
		`${__(frm.doc.eligibility)} (${__("Legal Aid Law")} ${frm.doc.eligibility_article || ""})`,
		colour || "gray"
	);
	if (frm.doc.eligibility_reason) {
		frm.dashboard.set_headline(frappe.utils.escape_html(frm.doc.eligibility_reason));
	}
}

// Due, remaining and overdue for the step now running.
function show_deadline(frm) {
	if (!frm.doc.current_due) return;
	const due = frappe.datetime.str_to_obj(frm.doc.current_due);
	const hours = (due - new Date()) / 36e5;
	const when = frappe.datetime.str_to_user(frm.doc.current_due);
	const step = __(frm.doc.current_step || "");
	if (hours < 0) {
		frm.dashboard.add_indicator(
			__("{0}: overdue since {1}", [step, when]),
			"red"
		);
	} else {
		const left = hours >= 48 ? __("{0} days left", [Math.floor(hours / 24)]) : __("{0} hours left", [Math.floor(hours)]);
		frm.dashboard.add_indicator(__("{0}: due {1} ({2})", [step, when, left]), hours < 24 ? "orange" : "blue");
	}
}

// Workers of the applicant's area who speak the applicant's language come first.
function suggest_workers(frm) {
	if (!["Approved", "Received", "Urgent Aid"].includes(frm.doc.workflow_state) || frm.doc.assigned_worker) return;
	frappe
		.call("qh_legal_service.legal_aid.api.suggest_workers", { name: frm.doc.name })
		.then(({ message }) => {
			if (!message || !message.length) return;
			const items = message
				.map((w) => `<li>${frappe.utils.escape_html(w.worker_name)} · ${__(w.worker_type)} · ${w.languages}</li>`)
				.join("");
			frm.set_intro(`${__("Suggested workers who speak the applicant's language")}:<ul>${items}</ul>`, "blue");
		});
}
