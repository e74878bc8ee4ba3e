"""Real temporary git repositories for tests, with a pinned author and no user configuration."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).parent.parent


def git_env(home: Path) -> dict[str, str]:
    config = home / "gitconfig"
    config.touch()
    return {**os.environ, "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "analyst@example.com",
            "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "analyst@example.com",
            "GIT_AUTHOR_DATE": "2024-01-02T10:00:00", "GIT_COMMITTER_DATE": "2024-01-02T10:00:00",
            "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


class SpecRepo:
    """A git repo with specs/; edit specs as dicts, commit with git."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = git_env(root.parent)
        (root / "specs").mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, env=self.env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def add_seed_spec(self, code: str) -> None:
        shutil.copy(REPO / "specs" / f"{code}.json", self.root / "specs")

    def spec(self, code: str) -> dict[str, Any]:
        return json.loads((self.root / "specs" / f"{code}.json").read_text(encoding="utf-8"))

    def write(self, spec: dict[str, Any], name: str | None = None) -> None:
        path = self.root / "specs" / (name or f"{spec['class_code']}.json")
        path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()
