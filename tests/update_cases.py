"""Rewrite the expected outputs of the golden cases, after an intended change of output.

    .venv/bin/python tests/update_cases.py            # every kind: diff, summary, draft
    .venv/bin/python tests/update_cases.py diff       # one kind

Each case is built exactly as its test builds it (the test module's `build`), and the command
is the test's own (`command`), so what is written is what the test will compare. Review the
resulting `git diff tests/cases` before committing: a golden file is only as good as that review.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import test_diff_cases  # noqa: E402
import test_draft_cases  # noqa: E402
import test_summary_cases  # noqa: E402

from specdiff.entry import main  # noqa: E402

KINDS: dict[str, ModuleType] = {"diff": test_diff_cases, "summary": test_summary_cases, "draft": test_draft_cases}


def outputs(module: ModuleType, case: Path) -> dict[str, str]:
    """expected.<suffix> -> what the test's command prints on the case's repository."""
    found = {}
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder) / "repo"
        module.build(case, repo)
        here = Path.cwd()
        os.chdir(repo)
        try:
            for suffix in sorted(module.FORMATS):
                args = module.command(case, suffix)
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    code = main(args)
                if code not in (0, 1):  # 1: the command ran and reported problems (a case may show them)
                    raise SystemExit(f"{case.name}: `specdiff {' '.join(args)}` exited {code}")
                found[suffix] = out.getvalue()
        finally:
            os.chdir(here)
    return found


def update(module: ModuleType) -> list[Path]:
    """Rewrite every expected.* of one kind; return the files whose content changed."""
    changed = []
    for case in sorted(p for p in module.CASES.iterdir() if p.is_dir()):
        for suffix, text in outputs(module, case).items():
            target = case / f"expected.{suffix}"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                changed.append(target)
    return changed


if __name__ == "__main__":
    kinds = sys.argv[1:] or list(KINDS)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise SystemExit(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    written = [path for kind in kinds for path in update(KINDS[kind])]
    print("\n".join(f"rewrote {path.relative_to(HERE.parent)}" for path in written) or "every expected file is current")
