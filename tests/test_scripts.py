"""The shell helpers of scripts/dev-up and scripts/test, run by bash against fake bench folders."""

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LIB = REPO / "scripts" / "lib.sh"
DEV_UP = REPO / "scripts" / "dev-up"
APP = "qh_legal_service"


def bash(script: str, bench: Path, **env: str) -> subprocess.CompletedProcess:
	"""Run `script` in bash with lib.sh sourced and FRAPPE_BENCH at `bench`."""
	return subprocess.run(
		["bash", "-c", f'set -u; source "{LIB}"; {script}'],
		capture_output=True,
		text=True,
		env={**os.environ, "FRAPPE_BENCH": str(bench), **env},
		check=False,
	)


def make_bench(root: Path, apps_txt: bytes = b"frappe") -> Path:
	"""A bench as `bench init` leaves it, as far as the helpers look: folders, Frappe, apps.txt."""
	bench = root / "bench"
	for folder in (
		"apps/frappe/frappe",
		"apps/frappe/node_modules",
		"config/pids",
		"sites/assets/frappe",
		"logs",
	):
		(bench / folder).mkdir(parents=True)
	(bench / "apps/frappe/frappe/__init__.py").write_text("")
	(bench / "sites/assets/assets.json").write_text("{}")
	(bench / "sites/common_site_config.json").write_text("{}")
	(bench / "sites/apps.txt").write_bytes(apps_txt)
	fake_python(bench, imports_frappe=True)
	return bench


def fake_python(bench: Path, imports_frappe: bool) -> None:
	"""An env/bin/python that answers `import frappe` as told."""
	python = bench / "env/bin/python"
	python.parent.mkdir(parents=True, exist_ok=True)
	python.write_text(f"#!/bin/sh\nexit {0 if imports_frappe else 1}\n")
	python.chmod(0o755)


def add(bench: Path) -> str:
	result = bash(f'apps_txt_add "$bench_dir/sites/apps.txt" {APP}', bench)
	assert result.returncode == 0, result.stderr
	return result.stdout.strip()


def remove(bench: Path, added: str) -> None:
	result = bash(f'apps_txt_remove "$bench_dir/sites/apps.txt" {APP} "{added}"', bench)
	assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
	("before", "after", "added"),
	[
		(b"frappe", b"frappe\nqh_legal_service", "joined"),
		(b"frappe\n", b"frappe\nqh_legal_service\n", "line"),
		(b"frappe\nhrms", b"frappe\nhrms\nqh_legal_service", "joined"),
		(b"", b"qh_legal_service\n", "line"),
	],
	ids=["no-final-newline", "final-newline", "two-apps", "empty"],
)
def test_apps_txt_add_puts_the_app_on_its_own_line_and_remove_takes_back_exactly_that(
	tmp_path, before, after, added
):
	bench = make_bench(tmp_path, before)
	assert add(bench) == added
	assert (bench / "sites/apps.txt").read_bytes() == after
	assert (bench / "sites/apps.txt").read_text().splitlines()[-1] == APP
	remove(bench, added)
	assert (bench / "sites/apps.txt").read_bytes() == before


@pytest.mark.parametrize(
	"listed", [b"frappe\nqh_legal_service", b"frappe\nqh_legal_service\n", b"qh_legal_service\nfrappe"]
)
def test_apps_txt_add_leaves_a_file_that_lists_the_app_already(tmp_path, listed):
	bench = make_bench(tmp_path, listed)
	assert add(bench) == ""
	remove(bench, "")
	assert (bench / "sites/apps.txt").read_bytes() == listed


def test_apps_txt_add_twice_adds_once(tmp_path):
	bench = make_bench(tmp_path, b"frappe")
	assert add(bench) == "joined"
	assert add(bench) == ""
	assert (bench / "sites/apps.txt").read_bytes() == b"frappe\nqh_legal_service"


def test_apps_txt_remove_takes_out_only_the_app_when_the_file_changed_since(tmp_path):
	bench = make_bench(tmp_path, b"frappe")
	added = add(bench)
	with (bench / "sites/apps.txt").open("ab") as apps_txt:
		apps_txt.write(b"\nhrms")
	remove(bench, added)
	assert (bench / "sites/apps.txt").read_bytes() == b"frappe\nhrms"


def test_apps_txt_unglue_splits_what_an_older_dev_up_glued(tmp_path):
	bench = make_bench(tmp_path, b"frappeqh_legal_service\n")
	result = bash(f'apps_txt_unglue "$bench_dir/sites/apps.txt" {APP}', bench)
	assert result.returncode == 0, result.stderr
	assert (bench / "sites/apps.txt").read_bytes() == b"frappe\nqh_legal_service\n"


def test_apps_txt_unglue_leaves_a_name_that_is_not_two_apps(tmp_path):
	bench = make_bench(tmp_path, b"frappe\nmyqh_legal_service")
	result = bash(f'apps_txt_unglue "$bench_dir/sites/apps.txt" {APP}', bench)
	assert result.returncode == 0, result.stderr
	assert (bench / "sites/apps.txt").read_bytes() == b"frappe\nmyqh_legal_service"


def missing(bench: Path) -> str:
	result = bash('bench_missing "$bench_dir"', bench)
	assert result.returncode == 0, result.stderr
	return result.stdout.strip()


def test_bench_missing_names_nothing_for_a_whole_bench(tmp_path):
	assert missing(make_bench(tmp_path)) == ""


def test_bench_missing_names_the_first_piece_an_interrupted_bench_init_left_out(tmp_path):
	bench = make_bench(tmp_path)
	(bench / "sites/apps.txt").write_text("")
	assert missing(bench) == "frappe in sites/apps.txt"
	(bench / "sites/common_site_config.json").unlink()
	assert missing(bench) == "sites/common_site_config.json"
	(bench / "apps/frappe/node_modules").rmdir()
	assert missing(bench) == "Frappe's JavaScript packages in apps/frappe/node_modules"
	fake_python(bench, imports_frappe=False)
	assert missing(bench) == "Frappe installed in env/"
	(bench / "env/bin/python").unlink()
	assert missing(bench) == "its Python environment env/"
	(bench / "apps/frappe/frappe/__init__.py").unlink()
	assert missing(bench) == "Frappe's source in apps/frappe"


def test_bench_lacks_assets_until_frappe_is_built(tmp_path):
	bench = make_bench(tmp_path)
	assert bash('bench_lacks_assets "$bench_dir"', bench).returncode == 1
	(bench / "sites/assets/assets.json").unlink()
	assert bash('bench_lacks_assets "$bench_dir"', bench).returncode == 0


def test_default_db_name_is_the_one_new_site_gives(tmp_path):
	bench = make_bench(tmp_path)
	site_path = os.path.realpath(bench / "sites" / "devup.localhost")
	frappes = "_" + hashlib.sha1(site_path.encode()).hexdigest()[:16]
	result = bash("default_db_name devup.localhost", bench)
	assert result.stdout == frappes


def test_site_state_before_any_database_is_asked(tmp_path):
	bench = make_bench(tmp_path)
	assert bash("site_state devup.localhost", bench).stdout.strip() == "absent"
	(bench / "sites/devup.localhost/locks").mkdir(parents=True)
	assert (
		bash("site_state devup.localhost", bench).stdout.strip()
		== "half-made: no db_name in its site_config.json"
	)


def test_site_state_fails_rather_than_call_a_site_half_made_when_mariadb_does_not_answer(tmp_path):
	bench = make_bench(tmp_path)
	(bench / "sites/devup.localhost").mkdir()
	(bench / "sites/devup.localhost/site_config.json").write_text('{"db_name": "_0123456789abcdef"}')
	tools = tmp_path / "tools"
	tools.mkdir()
	(tools / "mariadb").write_text("#!/bin/sh\necho 'Can't connect to server' >&2\nexit 1\n")
	(tools / "mariadb").chmod(0o755)
	result = bash("site_state devup.localhost", bench, PATH=f"{tools}:{os.environ['PATH']}")
	assert result.returncode == 1
	assert result.stdout == ""
	assert "MariaDB does not answer" in result.stderr


def test_site_db_names_lists_the_configured_and_the_default_database_once_each(tmp_path):
	bench = make_bench(tmp_path)
	default = bash("default_db_name devup.localhost", bench).stdout
	(bench / "sites/devup.localhost").mkdir()
	(bench / "sites/devup.localhost/site_config.json").write_text('{"db_name": "_0123456789abcdef"}')
	assert bash("site_db_names devup.localhost", bench).stdout.split() == sorted(
		["_0123456789abcdef", default]
	)
	(bench / "sites/devup.localhost/site_config.json").write_text(f'{{"db_name": "{default}"}}')
	assert bash("site_db_names devup.localhost", bench).stdout.split() == [default]


JUNIT = "<testsuite>{}</testsuite>"


def count(tmp_path, cases: str | None, code: int) -> tuple[list[int], str]:
	junit = tmp_path / "run.xml"
	if cases is not None:
		junit.write_text(JUNIT.format(cases))
	result = bash(
		f'passed=1 failed=0 skipped=0; count_run "a run" "{junit}" {code}; echo "$passed $failed $skipped"',
		tmp_path,
	)
	*messages, totals = result.stdout.strip().splitlines()
	return [int(n) for n in totals.split()], "\n".join(messages)


def test_count_run_counts_each_kind_of_test(tmp_path):
	cases = (
		'<testcase name="a"/><testcase name="b"/>'
		'<testcase name="c"><failure/></testcase><testcase name="d"><error/></testcase>'
		'<testcase name="e"><skipped/></testcase>'
	)
	assert count(tmp_path, cases, 1) == ([3, 2, 1], "")


def test_count_run_fails_a_run_that_ran_no_test(tmp_path):
	totals, message = count(tmp_path, "", 5)
	assert totals == [1, 1, 0]
	assert message == "FAILED: a run ran no test (exit code 5)"


def test_count_run_fails_a_run_that_left_no_junit_file(tmp_path):
	totals, message = count(tmp_path, None, 2)
	assert totals == [1, 1, 0]
	assert message == "FAILED: a run left no readable junit file (exit code 2)"


def test_count_run_fails_a_run_that_exited_non_zero_with_no_failure_recorded(tmp_path):
	totals, message = count(tmp_path, '<testcase name="a"/>', 3)
	assert totals == [2, 1, 0]
	assert message == "FAILED: a run exited with code 3 though no test failed"


def test_count_run_passes_a_green_run_with_skips(tmp_path):
	assert count(tmp_path, '<testcase name="a"/><testcase name="b"><skipped/></testcase>', 0) == (
		[2, 0, 1],
		"",
	)


# dev-up's first steps, with a stand-in `bench` command that records how it was called: the real
# `bench init` needs the network, and these steps decide before any of it runs.


def dev_up(tmp_path: Path, bench: Path) -> subprocess.CompletedProcess:
	tools = tmp_path / "tools"
	tools.mkdir(exist_ok=True)
	for tool in ("bench", "yarn"):
		(tools / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> "{tmp_path}/calls"\nexit 1\n')
		(tools / tool).chmod(0o755)
	return subprocess.run(
		["bash", str(DEV_UP), "--no-serve"],
		capture_output=True,
		text=True,
		env={**os.environ, "FRAPPE_BENCH": str(bench), "PATH": f"{tools}:{os.environ['PATH']}"},
		check=False,
	)


def calls(tmp_path: Path) -> list[str]:
	path = tmp_path / "calls"
	return path.read_text().splitlines() if path.exists() else []


def test_dev_up_sets_aside_a_bench_whose_init_was_cut_short_and_inits_again(tmp_path):
	bench = make_bench(tmp_path)
	(bench / "env/bin/python").unlink()
	result = dev_up(tmp_path, bench)
	assert result.returncode != 0  # the stand-in bench init fails, as it would without the network
	assert "lacks its Python environment env/: its bench init was cut short" in result.stdout
	set_aside = [p for p in tmp_path.iterdir() if p.name.startswith("bench.interrupted-")]
	assert len(set_aside) == 1
	assert (set_aside[0] / "apps/frappe/frappe/__init__.py").exists()
	assert calls(tmp_path) == [
		f"bench init --frappe-branch version-15 --skip-redis-config-generation --no-backups {bench}"
	]


def test_dev_up_leaves_a_broken_bench_that_holds_sites_and_says_how_to_repair_it(tmp_path):
	bench = make_bench(tmp_path)
	fake_python(bench, imports_frappe=False)
	(bench / "sites/mine.localhost").mkdir()
	(bench / "sites/mine.localhost/site_config.json").write_text('{"db_name": "_mine"}')
	result = dev_up(tmp_path, bench)
	assert result.returncode == 1
	assert "lacks Frappe installed in env/, yet it holds sites" in result.stderr
	assert f"cd {bench} && bench setup env && bench setup requirements" in result.stderr
	assert (bench / "sites/mine.localhost/site_config.json").exists()
	assert calls(tmp_path) == []


def test_dev_up_refuses_a_folder_that_is_not_a_bench(tmp_path):
	folder = tmp_path / "documents"
	folder.mkdir()
	(folder / "notes.txt").write_text("mine")
	result = dev_up(tmp_path, folder)
	assert result.returncode == 1
	assert "is not a Frappe bench" in result.stderr
	assert [p.name for p in folder.iterdir()] == ["notes.txt"]
	assert calls(tmp_path) == []


def test_dev_up_runs_bench_init_for_an_empty_folder(tmp_path):
	folder = tmp_path / "bench"
	folder.mkdir()
	dev_up(tmp_path, folder)
	assert calls(tmp_path) == [
		f"bench init --frappe-branch version-15 --skip-redis-config-generation --no-backups {folder}"
	]


# dev-up serves its site with a worker and the scheduler beside `bench serve`, and stops them with it.


def stand_in_bench_for_serving(tmp_path: Path, serve: str) -> Path:
	"""A `bench` whose worker and scheduler run until stopped (writing their pid) and whose serve runs `serve`."""
	tools = tmp_path / "tools"
	tools.mkdir()
	(tools / "bench").write_text(
		f"""#!/bin/bash
echo "bench $*" >> "{tmp_path}/calls"
case "$1" in
	worker|schedule) echo $$ > "{tmp_path}/$1.pid"; exec sleep 300 ;;
	*) {serve} ;;
esac
"""
	)
	(tools / "bench").chmod(0o755)
	return tools


def running(pid_file: Path) -> bool:
	pid = int(pid_file.read_text())
	try:
		state = Path(f"/proc/{pid}/stat").read_text().split()[2]
	except FileNotFoundError:
		return False
	return state != "Z"


def wait_for(path: Path, seconds: float = 10) -> None:
	for _ in range(int(seconds * 20)):
		if path.exists() and path.read_text().strip():
			return
		time.sleep(0.05)
	raise AssertionError(f"{path} never appeared")


def test_serve_with_jobs_runs_a_worker_and_the_scheduler_and_stops_them_with_the_server(tmp_path):
	bench = make_bench(tmp_path)
	# The server waits until both are up, then stops (as when it fails or is stopped).
	tools = stand_in_bench_for_serving(
		tmp_path,
		f'while [ ! -s "{tmp_path}/worker.pid" ] || [ ! -s "{tmp_path}/schedule.pid" ]; do sleep 0.05; done',
	)
	result = bash("serve_with_jobs dev.localhost 8000", bench, PATH=f"{tools}:{os.environ['PATH']}")
	assert result.returncode == 0, result.stderr
	assert sorted(calls(tmp_path)) == [
		"bench --site dev.localhost serve --port 8000",
		"bench schedule",
		"bench worker",
	]
	assert not running(tmp_path / "worker.pid")
	assert not running(tmp_path / "schedule.pid")
	assert (bench / "logs/dev-up-worker.log").exists()
	assert (bench / "logs/dev-up-scheduler.log").exists()


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_stopping_dev_up_while_it_serves_stops_the_worker_and_the_scheduler(tmp_path, signal_number):
	bench = make_bench(tmp_path)
	tools = stand_in_bench_for_serving(tmp_path, f'echo $$ > "{tmp_path}/serve.pid"; exec sleep 300')
	shell = subprocess.Popen(
		["bash", "-c", f'set -euo pipefail; source "{LIB}"; serve_with_jobs dev.localhost 8000'],
		env={**os.environ, "FRAPPE_BENCH": str(bench), "PATH": f"{tools}:{os.environ['PATH']}"},
	)
	for name in ("worker", "schedule", "serve"):
		wait_for(tmp_path / f"{name}.pid")
	# Ctrl-C reaches the script (the terminal's foreground group); the three run in groups of their own.
	shell.send_signal(signal_number)
	assert shell.wait(timeout=20) == 128 + signal_number
	for name in ("worker", "schedule", "serve"):
		assert not running(tmp_path / f"{name}.pid"), name


def test_dev_up_serves_through_serve_with_jobs_with_the_scheduler_enabled():
	script = DEV_UP.read_text()
	assert 'bench --site "$site" enable-scheduler' in script
	assert 'serve_with_jobs "$site" 8000' in script
	assert "exec bench" not in script


def test_backup_drill_says_it_failed_for_a_site_the_bench_does_not_have_and_touches_nothing(tmp_path):
	bench = make_bench(tmp_path)
	result = subprocess.run(
		["bash", str(REPO / "scripts/backup-drill"), "--site", "nowhere.localhost"],
		capture_output=True,
		text=True,
		env={**os.environ, "FRAPPE_BENCH": str(bench)},
		check=False,
	)
	assert result.returncode == 1
	assert result.stdout.strip() == f"FAIL: no site nowhere.localhost in {bench}"
	assert sorted(p.name for p in (bench / "sites").iterdir()) == sorted(
		p.name for p in (make_bench(tmp_path / "fresh") / "sites").iterdir()
	)
