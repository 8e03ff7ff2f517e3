# Shared shell helpers for scripts/dev-up and scripts/test (sourced, not run).

repo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=${FRAPPE_BENCH:-$HOME/frappe-bench}

# The bench command line itself (frappe-bench) comes from PyPI.
command -v bench >/dev/null 2>&1 || python3 -m pip install -q frappe-bench

say() { printf '\n==> %s\n' "$*"; }

# Frappe's new-site wants utf8mb4 with utf8mb4_unicode_ci; the machine's MariaDB starts with general_ci.
ensure_mariadb_collation() {
	mariadb -uroot -h127.0.0.1 -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';" \
		|| mariadb -uroot -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
}

# The root MariaDB user has an empty password, which new-site and drop-site still ask for: answer with Enter.
db_root_args=(--db-root-username root --db-root-password '')

new_site() {
	local site=$1
	rm -rf "$bench_dir/sites/$site"
	printf '\n' | bench new-site "$site" "${db_root_args[@]}" --admin-password admin \
		--mariadb-user-host-login-scope='%' --install-app qh_legal_service
}

drop_site() {
	local site=$1
	printf '\n' | bench drop-site "$site" "${db_root_args[@]}" --force --no-backup >/dev/null 2>&1 || true
	rm -rf "$bench_dir/sites/$site" "$bench_dir/archived/sites/$site"
}

# The Python packages the app needs (pyproject's dependencies), installed into the bench's env.
install_app_requirements() {
	"$bench_dir/env/bin/python" - "$repo_dir/pyproject.toml" <<'PY' | xargs -r "$bench_dir/env/bin/pip" install -q
import sys, tomllib
print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))
PY
}

# The browser tests drive Debian's chromium with Playwright for Python (never a downloaded browser).
ensure_browser_tools() {
	if ! command -v chromium >/dev/null 2>&1; then
		say "Installing Debian's chromium and fonts for Chinese and Tibetan"
		apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core >/dev/null
	fi
	"$bench_dir/env/bin/python" -c "import playwright, pytest" 2>/dev/null \
		|| "$bench_dir/env/bin/pip" install -q playwright pytest
}
