# Shared shell helpers for scripts/dev-up and scripts/test (sourced, not run; sourcing changes nothing).

repo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=${FRAPPE_BENCH:-$HOME/frappe-bench}
app_name=qh_legal_service

say() { printf '\n==> %s\n' "$*"; }

# The bench command line itself (frappe-bench) comes from PyPI.
ensure_bench_cli() {
	command -v bench >/dev/null 2>&1 || python3 -m pip install -q frappe-bench
}

# ---- sites/apps.txt -------------------------------------------------------------------------------
# The bench's list of apps, one to a line. Bench writes it without a final newline, so appending
# blindly glues the new name to the last one ("frappeqh_legal_service").

# Add app $2 to the apps.txt $1 on a line of its own, in the file's own style (a final newline or
# none). Prints what was appended, for apps_txt_remove: "line" (name and newline), "joined" (newline
# and name), or nothing when the app is listed already.
apps_txt_add() {
	local file=$1 name=$2
	grep -qx "[[:space:]]*${name}[[:space:]]*" "$file" 2>/dev/null && return 0
	if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then
		printf '\n%s' "$name" >>"$file" && echo joined
	else
		printf '%s\n' "$name" >>"$file" && echo line
	fi
}

# Take back exactly what apps_txt_add appended ($3 is what it printed), leaving the file byte for byte
# as before. If the file changed since, only the app's own line is taken out.
apps_txt_remove() {
	local file=$1 name=$2 added=$3 appended
	case $added in
		line) appended="$name"$'\n' ;;
		joined) appended=$'\n'"$name" ;;
		*) return 0 ;;
	esac
	# The x keeps a final newline that command substitution would strip.
	if [ "$(tail -c "${#appended}" "$file"; echo x)" = "${appended}x" ]; then
		truncate -s "-${#appended}" "$file"
	else
		sed -i "/^[[:space:]]*${name}[[:space:]]*\$/d" "$file"
	fi
}

# Split a line that an older dev-up glued together ("frappeqh_legal_service") back into the two apps,
# when the first part is an app of the bench.
apps_txt_unglue() {
	local file=$1 name=$2 apps_folder other
	apps_folder="$(dirname "$file")/../apps"
	for other in "$apps_folder"/*/; do
		other=$(basename "$other")
		[ "$other" = "$name" ] && continue
		grep -qx "$other$name" "$file" && sed -i "s/^$other$name\$/$other\n$name/" "$file"
	done
	return 0
}

# ---- The bench itself --------------------------------------------------------------------------------

# What a bench still lacks when `bench init` was cut short, the first missing piece only; prints
# nothing for a whole bench. Built assets are checked apart, as `bench build` alone makes them.
bench_missing() {
	local bench=$1
	[ -f "$bench/apps/frappe/frappe/__init__.py" ] || { echo "Frappe's source in apps/frappe"; return; }
	[ -x "$bench/env/bin/python" ] || { echo "its Python environment env/"; return; }
	(cd "$bench" && env -u PYTHONPATH "$bench/env/bin/python" -c "import frappe" >/dev/null 2>&1) \
		|| { echo "Frappe installed in env/"; return; }
	[ -d "$bench/apps/frappe/node_modules" ] || { echo "Frappe's JavaScript packages in apps/frappe/node_modules"; return; }
	[ -f "$bench/sites/common_site_config.json" ] || { echo "sites/common_site_config.json"; return; }
	grep -qx "[[:space:]]*frappe[[:space:]]*" "$bench/sites/apps.txt" 2>/dev/null || { echo "frappe in sites/apps.txt"; return; }
	return 0
}

# Whether Frappe's assets were never built (bench init builds them last).
bench_lacks_assets() {
	[ ! -e "$1/sites/assets/frappe" ] || [ ! -f "$1/sites/assets/assets.json" ]
}

# Whether a folder looks like a bench (bench init makes these first), so that a half-made one can be
# told from some other folder that FRAPPE_BENCH names by mistake.
looks_like_bench() {
	[ -d "$1/apps" ] && [ -d "$1/sites" ] && [ -d "$1/config" ]
}

# Whether a bench holds any site (a folder of sites/ with a site_config.json).
bench_has_sites() {
	compgen -G "$1/sites/*/site_config.json" >/dev/null
}

# Whether the bench's env imports the app from the checkout that apps/qh_legal_service links to
# (the editable install records the checkout's real path when it is made).
app_installed_in_env() {
	local imported
	imported=$(cd "$bench_dir" && env -u PYTHONPATH "$bench_dir/env/bin/python" -c \
		"import os, $app_name; print(os.path.dirname(os.path.realpath($app_name.__path__[0])))" 2>/dev/null) \
		&& [ "$imported" = "$(realpath "$bench_dir/apps/$app_name")" ]
}

# ---- MariaDB and sites -------------------------------------------------------------------------------

# MariaDB as root (empty password), over TCP if it answers there, else over the socket.
mariadb_root() {
	if mariadb -uroot -h127.0.0.1 -e 'SELECT 1' >/dev/null 2>&1; then
		mariadb -uroot -h127.0.0.1 "$@"
	elif mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1; then
		mariadb -uroot "$@"
	else
		echo "MariaDB does not answer as root with an empty password (tried 127.0.0.1 and the socket)." >&2
		return 1
	fi
}

# Frappe's new-site wants utf8mb4 with utf8mb4_unicode_ci; the machine's MariaDB starts with general_ci.
ensure_mariadb_collation() {
	mariadb_root -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
}

# The database a site's config names, or nothing.
site_db_name() {
	python3 - "$bench_dir/sites/$1/site_config.json" <<'PY' 2>/dev/null
import json, sys
print(json.load(open(sys.argv[1])).get("db_name") or "")
PY
}

# The database new-site gives a site when none is configured: "_" and the start of the SHA-1 of the
# site folder's real path (frappe/installer.py, _new_site).
default_db_name() {
	printf '_%s' "$(printf '%s' "$(realpath -m "$bench_dir/sites/$1")" | sha1sum | cut -c 1-16)"
}

# The state of site $1: "absent" (no folder), "complete" (its database holds a finished install of
# the app), or "half-made: <what is missing>" when new-site was cut short: no db_name, no database,
# no tables, or the app's install not finished (the legal aid workflow is the last thing install-app
# syncs). Fails, printing nothing, if MariaDB does not answer: a server that is down is never taken
# for a half-made site. Asked of MariaDB as root, so that no code of the app runs.
site_state() {
	local site=$1 db tables finished
	[ -d "$bench_dir/sites/$site" ] || { echo absent; return 0; }
	db=$(site_db_name "$site")
	[ -n "$db" ] || { echo "half-made: no db_name in its site_config.json"; return 0; }
	if [[ ! $db =~ ^[A-Za-z0-9_]+$ ]]; then
		echo "Unexpected db_name '$db' in sites/$site/site_config.json" >&2
		return 1
	fi
	tables=$(mariadb_root -N -e "SELECT COUNT(*) FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME IN ('tabDefaultValue', 'tabWorkflow')") || return 1
	[ "$tables" = 2 ] || {
		echo "half-made: database $db is missing or lacks Frappe's tables"
		return 0
	}
	finished=$(mariadb_root -N -e "SELECT
		EXISTS(SELECT 1 FROM \`$db\`.tabDefaultValue WHERE parent = '__global'
			AND defkey = 'installed_apps' AND defvalue LIKE '%\"$app_name\"%')
		AND EXISTS(SELECT 1 FROM \`$db\`.tabWorkflow WHERE name = 'Legal Aid Application')") || return 1
	if [ "$finished" = 1 ]; then
		echo complete
	else
		echo "half-made: $app_name is not fully installed in database $db"
	fi
}

# The root MariaDB user has an empty password, which new-site and drop-site still ask for: answer with Enter.
db_root_args=(--db-root-username root --db-root-password '')

new_site() {
	local site=$1
	rm -rf "$bench_dir/sites/$site"
	printf '\n' | bench new-site "$site" "${db_root_args[@]}" --admin-password admin \
		--mariadb-user-host-login-scope='%' --install-app "$app_name"
}

# Drop a site for good: its database, its folder and what drop-site archives of it (a second archive of
# the same name gets a number: archived/sites/<site>1).
drop_site() {
	local site=$1
	printf '\n' | bench drop-site "$site" "${db_root_args[@]}" --force --no-backup >/dev/null 2>&1 || true
	rm -rf "${bench_dir:?}/sites/$site" "$bench_dir/archived/sites/$site" "$bench_dir/archived/sites/$site"[0-9]*
}

# The databases a site may have: the one its config names and the one new-site would name.
site_db_names() {
	{
		site_db_name "$1"
		default_db_name "$1"
		echo
	} | grep -E '^[A-Za-z0-9_]+$' | sort -u
}

# Remove what an interrupted new-site left of site $1: bench drop-site first, which backs up what it
# can to archived/sites/, then the databases and database users it could not reach, then the folder.
drop_half_made_site() {
	local site=$1 db dbs
	dbs=$(site_db_names "$site")
	printf '\n' | bench drop-site "$site" "${db_root_args[@]}" --force >/dev/null 2>&1 || true
	for db in $dbs; do
		mariadb_root -e "DROP DATABASE IF EXISTS \`$db\`; DROP USER IF EXISTS '$db'@'%', '$db'@'localhost';" \
			|| return 1
	done
	rm -rf "${bench_dir:?}/sites/$site"
}

# The Python packages the app needs (pyproject's dependencies), installed into the bench's env.
install_app_requirements() {
	"$bench_dir/env/bin/python" - "$repo_dir/pyproject.toml" <<'PY' | xargs -r "$bench_dir/env/bin/pip" install -q
import sys, tomllib
print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))
PY
}

# ---- Counting tests ----------------------------------------------------------------------------------

# Add the tests of run $1's junit file $2 to the totals $passed, $failed and $skipped; $3 is the run's
# exit code. A run that ran no test at all (pytest's exit 5), left no readable file, or exited non-zero
# with no failure in its file counts as one failure more: a green total always means tests ran.
count_run() {
	local name=$1 junit=$2 code=$3 counts p f s
	counts=$(
		python3 - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET

try:
	cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
except (OSError, ET.ParseError):
	print("unreadable")
	sys.exit()
failed = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
skipped = [c for c in cases if c.find("skipped") is not None and c not in failed]
print(len(cases) - len(failed) - len(skipped), len(failed), len(skipped))
PY
	)
	if [ "$counts" = unreadable ]; then
		failed=$((failed + 1))
		echo "FAILED: $name left no readable junit file (exit code $code)"
		return
	fi
	read -r p f s <<<"$counts"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	if [ $((p + f + s)) -eq 0 ]; then
		failed=$((failed + 1))
		echo "FAILED: $name ran no test (exit code $code)"
	elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
		failed=$((failed + 1))
		echo "FAILED: $name exited with code $code though no test failed"
	fi
}

# The browser tests drive Debian's chromium with Playwright for Python (never a downloaded browser).
ensure_browser_tools() {
	if ! command -v chromium >/dev/null 2>&1; then
		say "Installing Debian's chromium and fonts for Chinese and Tibetan"
		apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core >/dev/null
	fi
	"$bench_dir/env/bin/python" -c "import playwright, pytest" 2>/dev/null \
		|| "$bench_dir/env/bin/pip" install -q playwright pytest
	# `bench run-tests --junit-xml-output` needs Frappe's dev dependency unittest-xml-reporting, which
	# `bench init` does not install.
	"$bench_dir/env/bin/python" -c "import xmlrunner" 2>/dev/null \
		|| "$bench_dir/env/bin/pip" install -q unittest-xml-reporting
}

# ---- Serving a site with its background jobs ----------------------------------------------------------

# Serve site $1 on port $2 (in the foreground), with a worker for every queue and the scheduler beside it,
# as `bench start` would without a Procfile: whatever the site enqueues (e-mails, the hourly escalation, a
# report someone made a prepared one) gets done. Their logs go to logs/dev-up-{worker,scheduler}.log.
# All three stop when the server stops, or when this shell is interrupted (Ctrl-C) or terminated.
serve_with_jobs() {
	local site=$1 port=$2
	background_pids=()
	set -m # each in a process group of its own, so that stopping it stops its children too
	bench worker >>"$bench_dir/logs/dev-up-worker.log" 2>&1 &
	background_pids+=($!)
	bench schedule >>"$bench_dir/logs/dev-up-scheduler.log" 2>&1 &
	background_pids+=($!)
	# The server too, and this shell waits for it: a shell waiting in `wait` acts on a signal at once.
	bench --site "$site" serve --port "$port" &
	background_pids+=($!)
	set +m
	trap stop_background_jobs EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	wait "${background_pids[2]}"
}

# Stop what serve_with_jobs started (each process group whole), and wait for them.
stop_background_jobs() {
	local pid
	for pid in "${background_pids[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${background_pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	background_pids=()
}

# ---- What a bench fresh from `bench init` lacks on a new machine ---------------------------------------

# Whether a Redis answers PING at URL $1 (redis://host:port).
redis_answers() {
	python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=2) as conn:
	conn.sendall(b"PING\r\n")
	sys.exit(0 if conn.recv(16).startswith(b"+PONG") else 1)
PY
}

# The bench's setting $1 in sites/common_site_config.json, or nothing.
bench_setting() {
	python3 - "$bench_dir/sites/common_site_config.json" "$1" <<'PY' 2>/dev/null
import json, sys
print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")
PY
}

# Every Redis the bench names must answer. `bench init` names ports 13000 and 11000, which only
# `bench start` serves: point a setting at the machine's Redis on 6379 when that one answers, else start
# a Redis on the named port as `bench start` would, else say what to install.
ensure_redis() {
	local key url port
	for key in redis_cache redis_queue redis_socketio; do
		url=$(bench_setting "$key")
		[ -n "$url" ] && redis_answers "$url" && continue
		if redis_answers redis://127.0.0.1:6379; then
			say "No Redis answers at ${url:-the unset $key}: pointing $key at the one on 127.0.0.1:6379"
			bench set-config -g "$key" redis://127.0.0.1:6379
		elif command -v redis-server >/dev/null 2>&1; then
			port=${url##*:}
			[[ $port =~ ^[0-9]+$ ]] || port=6379
			say "No Redis answers at ${url:-the unset $key}: starting one on port $port"
			redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no >/dev/null
			bench set-config -g "$key" "redis://127.0.0.1:$port"
			for _ in $(seq 20); do redis_answers "redis://127.0.0.1:$port" && break; sleep 0.5; done
		else
			echo "No Redis answers for $key and redis-server is not installed: apt-get install redis-server" >&2
			return 1
		fi
	done
}

# Frappe's install imports pkg_resources (Google Drive's integration), which setuptools 81 and later no
# longer have; `bench init` seeds the newest setuptools into the bench's env.
ensure_pkg_resources() {
	"$bench_dir/env/bin/python" -c "import pkg_resources" >/dev/null 2>&1 && return 0
	say "The bench's env has no pkg_resources (setuptools 81 or later): installing setuptools below 81"
	"$bench_dir/env/bin/pip" install -q "setuptools<81"
}
