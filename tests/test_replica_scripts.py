"""scripts/replica-up's options and its --stop on site configs, against a fake bench (no MariaDB is touched)."""

import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPLICA_UP = REPO / "scripts" / "replica-up"
KEYS = {"read_from_replica", "replica_host", "replica_db_port"}


def replica_up(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bash", str(REPLICA_UP), *args],
		capture_output=True,
		text=True,
		env={
			**os.environ,
			"FRAPPE_BENCH": str(tmp_path / "bench"),
			"QHLS_REPLICA_DIR": str(tmp_path / "replica"),
			"QHLS_REPLICA_PORT": "3399",
		},
		check=False,
	)


def site(tmp_path: Path, name: str, config: dict) -> Path:
	path = tmp_path / "bench" / "sites" / name / "site_config.json"
	path.parent.mkdir(parents=True)
	path.write_text(json.dumps(config))
	return path


def test_stop_unpoints_only_the_sites_of_this_replica(tmp_path):
	ours = site(
		tmp_path,
		"ours.localhost",
		{"db_name": "_a", "read_from_replica": 1, "replica_host": "127.0.0.1", "replica_db_port": 3399},
	)
	other = {"db_name": "_b", "read_from_replica": 1, "replica_host": "127.0.0.1", "replica_db_port": 3307}
	theirs = site(tmp_path, "theirs.localhost", other)
	(tmp_path / "replica").mkdir()
	(tmp_path / "replica" / "ibdata1").write_text("")

	result = replica_up(tmp_path, "--stop")

	assert result.returncode == 0, result.stderr
	assert json.loads(ours.read_text()) == {"db_name": "_a"}
	assert json.loads(theirs.read_text()) == other
	assert not (tmp_path / "replica").exists()
	assert "ours.localhost reads from the primary again" in result.stdout


def test_up_needs_a_site_and_refuses_unknown_options(tmp_path):
	no_site = replica_up(tmp_path)
	assert no_site.returncode == 2
	assert "--site" in no_site.stderr
	unknown = replica_up(tmp_path, "--replicas", "2")
	assert unknown.returncode == 2
	assert "Unknown option --replicas" in unknown.stderr


def test_up_refuses_a_site_without_a_database_name(tmp_path):
	site(tmp_path, "half.localhost", {})
	result = replica_up(tmp_path, "--site", "half.localhost")
	assert result.returncode == 1
	assert "No db_name for site half.localhost" in result.stderr


def test_help_is_the_header(tmp_path):
	result = replica_up(tmp_path, "--help")
	assert result.returncode == 0
	assert result.stdout.startswith("A MariaDB read replica on this machine")
	assert "--status" in result.stdout and "--stop" in result.stdout
