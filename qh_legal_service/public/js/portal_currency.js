// The portal's boot carries no Currency records (the desk's does), so Frappe's formatter would print
// money with the currency's code ("CNY 1,800.00"); give it the site currency's symbol the desk uses.
(function () {
	const sysdefaults = (window.frappe && frappe.boot && frappe.boot.sysdefaults) || {};
	const { currency, currency_symbol } = sysdefaults;
	if (!currency || !currency_symbol || typeof locals === "undefined") return;
	locals[":Currency"] = locals[":Currency"] || {};
	locals[":Currency"][currency] = Object.assign(
		{ doctype: ":Currency", name: currency, symbol: currency_symbol },
		locals[":Currency"][currency]
	);
})();
