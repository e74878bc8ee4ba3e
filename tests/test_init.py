"""`specdiff init [DIR]`: a spec repository set up in one command, in real git repositories: git, the
specs folder, the schema, the policy file (every key), the hooks, the CI workflow, the git diff driver;
never overwriting, a second run changing nothing; and what it relies on (specdiff.toml read either way,
fmt writing the relative `$schema`)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEEDS
from gitrepo import git_env
from specdiff import schema
from specdiff.policy import Policy, load_policy, policy_from, settings_in
from specdiff.scaffold import DESCRIPTIONS, policy_file, pre_commit_config, template
from specdiff.version import __version__

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

BIN = Path(sys.executable).parent
SEED = SEEDS / "001_5258MP_headed.txt"
MADE = ["specs/", "schema/job-class.schema.json", "specdiff.toml", ".pre-commit-config.yaml",
        ".github/workflows/specdiff.yml"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to work in, with git's identity and configuration pinned for every command."""
    for key, value in git_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, with its bytes (git's own config included, its objects not)."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and (".git" not in path.parts or path.name == "config")}


def uncommented(text: str) -> str:
    """The policy file with every setting switched on (the `#` taken off `#key = ...` and `#[table]`)."""
    return re.sub(r"^#(?! |$)", "", text, flags=re.MULTILINE)


# -- a fresh folder ---------------------------------------------------------------------------------


def test_init_sets_up_a_new_folder(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    root = home / "hr-specs"
    run = cli("init", "hr-specs")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        f"created the folder {root}", f"initialized a git repository in {root} (git init)",
        *(f"created: {path}" for path in MADE),
        "created: .gitattributes (specs/*.json diff=specdiff)",
        "set: diff.specdiff in .git/config (the git diff driver; `specdiff git uninstall` removes it)"]
    assert git(root, "rev-parse", "--show-toplevel").stdout.strip() == str(root.resolve())
    assert (root / "specs").is_dir()
    assert (root / "schema/job-class.schema.json").read_text(encoding="utf-8") == schema.load_schema_text()
    assert (root / ".gitattributes").read_text(encoding="utf-8") == "specs/*.json diff=specdiff\n"
    assert git(root, "config", "diff.specdiff.command").stdout.strip().endswith(" git diff-driver")
    assert git(root, "config", "diff.specdiff.textconv").stdout.strip().endswith(" git textconv")
    assert (root / ".github/workflows/specdiff.yml").read_bytes() == \
        (REPO / "examples/workflows/specdiff-pr.yml").read_bytes()
    assert load_policy(root) == Policy()  # the policy file, all commented out, is the defaults


def test_an_imported_spec_points_at_the_copied_schema(cli, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "repo").code == 0
    monkeypatch.chdir(home / "repo")
    run = cli("import", str(SEED))
    assert run.code == 0, run.err
    spec = json.loads((home / "repo/specs/5258MP.json").read_text(encoding="utf-8"))
    assert spec["$schema"] == "../schema/job-class.schema.json"
    assert cli("validate").code == 0


def test_init_in_the_current_folder_of_an_existing_repository(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    git(home, "init", "-q")
    run = cli("init")
    assert run.code == 0 and "git init" not in run.out and "created the folder" not in run.out
    assert all(f"created: {path}" in run.out for path in MADE)


def test_a_second_run_changes_nothing_and_says_so(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "repo").code == 0
    before = snapshot(home / "repo")
    again = cli("init", "repo")
    assert again.code == 0
    assert snapshot(home / "repo") == before
    assert again.out.splitlines() == [*(f"left alone (exists): {path}" for path in MADE),
                                      "left alone (exists): .gitattributes",
                                      "left alone (already set): diff.specdiff in .git/config"]
    assert again.err.strip() == f"nothing to do: {home / 'repo'} is already set up for specdiff (7 items checked, " \
                                "none changed)"


# -- a user's files are never overwritten -------------------------------------------------------------


def test_existing_files_are_left_alone_and_their_settings_used(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    git(home, "init", "-q")
    hooks = "repos: []  # mine\n"
    settings = "specs_dir = 'docs/classes'\n"
    (home / ".pre-commit-config.yaml").write_text(hooks, encoding="utf-8")
    (home / "specdiff.toml").write_text(settings, encoding="utf-8")
    (home / ".gitattributes").write_text("*.txt text\r\n", encoding="utf-8", newline="")
    run = cli("init")
    assert run.code == 0, run.err
    assert (home / ".pre-commit-config.yaml").read_text(encoding="utf-8") == hooks
    assert (home / "specdiff.toml").read_text(encoding="utf-8") == settings
    assert "left alone (exists): .pre-commit-config.yaml" in run.out.splitlines()
    assert "left alone (exists): specdiff.toml" in run.out.splitlines()
    assert "created: docs/classes/" in run.out.splitlines() and (home / "docs/classes").is_dir()
    assert '["docs/classes/**", "schema/**", "specdiff.toml"]' in \
        (home / ".github/workflows/specdiff.yml").read_text(encoding="utf-8")
    assert (home / ".gitattributes").read_bytes() == b"*.txt text\r\ndocs/classes/*.json diff=specdiff\r\n"
    assert "added 'docs/classes/*.json diff=specdiff' to: .gitattributes" in run.out


def test_settings_in_pyproject_are_not_hidden_by_a_new_policy_file(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "pyproject.toml").write_text("[tool.specdiff]\nreview_years = 3\n", encoding="utf-8")
    run = cli("init")
    assert run.code == 0
    assert not (home / "specdiff.toml").exists()
    assert f"left alone (the settings are in {home / 'pyproject.toml'}): specdiff.toml" in run.out
    assert load_policy(home).review_years == 3


def test_another_diff_driver_for_the_specs_is_left_alone(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    git(home, "init", "-q")
    (home / ".gitattributes").write_text("specs/*.json diff=mine\n", encoding="utf-8")
    run = cli("init")
    assert run.code == 0
    assert (home / ".gitattributes").read_text(encoding="utf-8") == "specs/*.json diff=mine\n"
    assert "left alone (it gives specs/*.json another diff driver; `specdiff git install --force` replaces it): " \
           ".gitattributes" in run.out
    assert git(home, "config", "diff.specdiff.command").returncode == 1  # nothing set


def test_a_textconv_only_driver_stays_textconv_only(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    git(home, "init", "-q")
    assert cli("git", "install", "--textconv-only").code == 0
    run = cli("init")
    assert "left alone (already set): diff.specdiff in .git/config" in run.out
    assert git(home, "config", "diff.specdiff.command").returncode == 1


def test_a_bad_policy_file_stops_init_before_anything_is_written(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "specdiff.toml").write_text("specs_dir = 5\n", encoding="utf-8")
    run = cli("init")
    assert run.code == 2 and run.err.count("\n") == 1 and "specdiff.toml: specs_dir must be a str" in run.err
    assert sorted(p.name for p in home.iterdir()) == ["gitconfig", "specdiff.toml"]


# -- where init refuses --------------------------------------------------------------------------------


def test_init_below_a_repository_root_refuses(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    git(home, "init", "-q")
    (home / "docs").mkdir()
    for target in ("docs", "docs/new"):
        run = cli("init", target)
        assert run.code == 2 and run.out == ""
        assert run.err == f"specdiff: error: {home / target}: is inside the git repository {home}, below its root; " \
                          f"run `specdiff init` at the root {home}\n"
    assert sorted(p.name for p in home.iterdir()) == [".git", "docs", "gitconfig"]
    assert list((home / "docs").iterdir()) == []


def test_init_of_a_folder_beside_a_repository_makes_a_new_one(cli, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`init ../other` from inside a repository names a folder outside it: a new repository, not a refusal."""
    (home / "work").mkdir()
    git(home / "work", "init", "-q")
    monkeypatch.chdir(home / "work")
    run = cli("init", "../hr-specs")
    assert run.code == 0, run.err
    assert (home / "hr-specs" / ".git").is_dir() and (home / "hr-specs" / "specdiff.toml").is_file()
    assert sorted(p.name for p in (home / "work").iterdir()) == [".git"]


def test_init_on_a_file_refuses(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "notes.txt").write_text("x", encoding="utf-8")
    run = cli("init", "notes.txt")
    assert run.code == 2 and run.err.count("\n") == 1 and "notes.txt: is not a folder" in run.err
    assert not (home / ".git").exists()


# -- the generated files --------------------------------------------------------------------------------


def test_every_policy_key_has_a_description() -> None:
    names = {item.name for item in fields(Policy)}
    assert names <= set(DESCRIPTIONS), names - set(DESCRIPTIONS)
    assert set(DESCRIPTIONS) <= names, set(DESCRIPTIONS) - names  # no description of a key that is gone
    assert {"approvals_required", "accept_baselines"} <= names


def test_the_policy_file_shows_every_key_with_its_default_and_loads_uncommented() -> None:
    text = policy_file()
    assert tomllib.loads(text) == {}  # as written, everything is commented out
    for item in fields(Policy):
        assert re.search(rf"^# {re.escape(DESCRIPTIONS[item.name])}\n#(\[{item.name}\]|{item.name} = )", text,
                         flags=re.MULTILINE), item.name
    settings = tomllib.loads(uncommented(text))
    assert set(settings) == {item.name for item in fields(Policy)}
    assert policy_from(settings, "specdiff.toml") == Policy()


def test_specdiff_toml_takes_top_level_keys_or_a_tool_specdiff_table() -> None:
    assert settings_in("specdiff.toml", "review_years = 3\n", "specdiff.toml") == {"review_years": 3}
    assert settings_in("specdiff.toml", "[tool.specdiff]\nreview_years = 3\n", "specdiff.toml") == {"review_years": 3}
    wrapped = "[tool.specdiff]\n" + uncommented(policy_file()).replace("\n[named_sections]",
                                                                      "\n[tool.specdiff.named_sections]")
    assert policy_from(settings_in("specdiff.toml", wrapped, "specdiff.toml"), "specdiff.toml") == Policy()


def test_a_tool_specdiff_table_in_specdiff_toml_configures_commands(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    (repo.root / "specdiff.toml").write_text("[tool.specdiff]\nspecs_dir = 'classes'\n", encoding="utf-8")
    run = cli("validate")
    assert run.code == 2 and "classes" in run.err  # it looked in the configured folder, not in specs/
    (repo.root / "specdiff.toml").write_text("review_years = 3\n[tool.specdiff]\nreview_years = 4\n", encoding="utf-8")
    run = cli("validate")
    assert run.code == 2 and run.err == (
        f"specdiff: error: {repo.root / 'specdiff.toml'}: has both top-level keys and a [tool.specdiff] table; "
        "keep one of the two (move the top-level keys under [tool.specdiff], or the other way round)\n")


def test_the_pre_commit_config_runs_the_published_hooks() -> None:
    """The local hooks init writes and .pre-commit-hooks.yaml describe the same hooks."""
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load(pre_commit_config("specs"))
    [local] = config["repos"]
    assert local["repo"] == "local" and {hook["language"] for hook in local["hooks"]} == {"system"}

    def essentials(hook: dict) -> tuple:  # type: ignore[type-arg]
        return (hook["id"], hook["entry"], hook["files"], hook.get("pass_filenames", True),
                hook.get("require_serial", False))

    assert sorted(map(essentials, local["hooks"])) == sorted(map(essentials, published))


def test_the_pre_commit_config_offers_the_remote_hooks_of_this_version() -> None:
    text = pre_commit_config("docs/classes")
    remote = [line.replace("  # ", "  ", 1) for line in text.splitlines() if line.startswith("  # ")
              and not line.startswith("  # Or") and "local hooks above" not in line]
    [block] = yaml.safe_load("\n".join(remote))
    assert block["repo"] == "https://github.com/specdiff/specdiff" and block["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in block["hooks"]] == ["specdiff-fmt", "specdiff-validate", "specdiff-records"]
    assert block["hooks"][0]["files"] == r"^docs/classes/.*\.json$"


def test_the_example_workflow_is_the_packaged_template() -> None:
    assert (REPO / "examples/workflows/specdiff-pr.yml").read_text(encoding="utf-8") == template("specdiff-pr.yml")


# -- fmt writes the relative $schema -------------------------------------------------------------------


def test_fmt_points_specs_at_the_repository_schema(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    spec = repo.spec("5258MP")
    spec["$schema"] = schema.schema_id()
    repo.write(spec)
    check = cli("fmt", "--check")
    assert check.code == 0 and check.out == ""  # no schema/ in the repository: the id stays
    (repo.root / "schema").mkdir()
    (repo.root / "schema/job-class.schema.json").write_text(schema.load_schema_text(), encoding="utf-8")
    assert cli("fmt", "--check").out == "would reformat specs/5258MP.json\n"
    run = cli("fmt")
    assert run.code == 0 and run.out == "reformatted specs/5258MP.json\n"
    assert repo.spec("5258MP")["$schema"] == "../schema/job-class.schema.json"


# -- real pre-commit on a fresh repository --------------------------------------------------------------


def test_pre_commit_passes_on_a_fresh_repository_with_one_spec(cli, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = home / "repo"
    assert cli("init", "repo").code == 0
    monkeypatch.chdir(root)
    assert cli("import", str(SEED)).code == 0
    assert git(root, "add", "-A").returncode == 0
    env = {**git_env(home), "PATH": f"{BIN}:/usr/bin:/bin", "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
           "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("specdiff fmt", "specdiff validate", "specdiff check (change control)"):
        assert re.search(rf"^{re.escape(hook)}\.+Passed$", result.stdout, flags=re.MULTILINE), result.stdout
    assert git(root, "status", "--porcelain").stdout.splitlines() == [
        f"A  {path}" for path in (".gitattributes", ".github/workflows/specdiff.yml", ".pre-commit-config.yaml",
                                  "schema/job-class.schema.json", "specdiff.toml", "specs/5258MP.json")]
