// The 12348 Hotline workspace: its number cards and charts count again as work orders arrive or move.
// Frappe's cards load once; a saved Hotline Work Order publishes `list_update` to the doctype's room, and
// the workspace's blocks are rendered again (at most every few seconds), so every card asks its count anew.
// Without a realtime connection (`bench serve` alone runs no socket.io server, as scripts/dev-up serves the
// site) the open workspace counts again every POLL_SECONDS instead.
frappe.provide("qh_legal_service.hotline_desk");

(function () {
	const DOCTYPE = "Hotline Work Order";
	const WORKSPACE = "12348 Hotline";
	const POLL_SECONDS = 15;
	let timer = null;

	function on_hotline_workspace() {
		const workspace = frappe.workspace;
		return (
			workspace &&
			workspace.is_read_only !== false &&
			workspace._page &&
			workspace._page.name === WORKSPACE &&
			frappe.get_route()[0] === "Workspaces"
		);
	}

	function rerender() {
		timer = null;
		if (!on_hotline_workspace() || !frappe.workspace.editor) return;
		frappe.workspace.editor.isReady.then(() =>
			frappe.workspace.editor.render({ blocks: frappe.workspace.content || [] })
		);
	}

	function on_list_update(data) {
		if (data?.doctype !== DOCTYPE || !on_hotline_workspace() || timer) return;
		timer = setTimeout(rerender, 3000);
	}

	// A list view drops every `list_update` handler when it sets up its own, so attach again each time a
	// workspace opens.
	function subscribe() {
		if (!frappe.realtime || !frappe.boot?.user?.can_read?.includes(DOCTYPE)) return;
		frappe.realtime.doctype_subscribe(DOCTYPE);
		frappe.realtime.off("list_update", on_list_update);
		frappe.realtime.on("list_update", on_list_update);
	}

	function poll() {
		const connected = frappe.realtime?.socket?.connected;
		if (!connected && !document.hidden && on_hotline_workspace() && !timer) rerender();
	}

	qh_legal_service.hotline_desk.rerender = rerender;
	setInterval(poll, POLL_SECONDS * 1000);
	$(document).on("page-change", () => {
		if (frappe.get_route()[0] === "Workspaces") subscribe();
	});
})();
