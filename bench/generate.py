"""Generate a realistic spec repository for benchmarks, deterministically from a seed.

N classes built from the vocabulary and layouts of the bundled specs (duties, KSA, qualifications,
salary groups, records), and a history of M commits of realistic edits: reworded, added, removed
and moved duties, qualification and salary group changes, new and retired classes, renamed codes,
batches of records sharing a Final No. The last commit revises exactly `--changed` specs between
the tags `bench-base` and `bench-head`. A second repository holds one class with `--log-commits`
commits, for `specdiff log`. Both are written with `git fast-import`, so generation takes seconds.

    python bench/generate.py --out bench/work --classes 2000 --commits 500
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["Labor Relations", "Human Resources", "Fiscal", "Transportation", "Environmental Protection",
          "Public Health", "Information Technology", "Corrections", "Revenue", "Social Services",
          "Emergency Management", "Motor Vehicles", "Energy", "Consumer Protection", "Children and Families",
          "Veterans Affairs"]
ROLES = ["Analyst", "Specialist", "Manager", "Program Assistant", "Associate", "Coordinator", "Supervisor",
         "Officer", "Consultant", "Administrator"]
LEVELS = ["", " 1", " 2", " 3", " Trainee", " Principal"]
SWAPS = [("assists", "supports"), ("agency", "department"), ("complex", "difficult"), ("staff", "employees"),
         ("reviews", "examines"), ("prepares", "drafts"), ("state", "State"), ("program", "programme")]


def load_vocabulary() -> dict[str, list[Any]]:
    """Pools of real sentences from the bundled specs."""
    pools: dict[str, list[Any]] = {"duties": [], "ksa": [], "purpose": [], "general": [], "special": [], "subs": []}
    for path in sorted((ROOT / "specs").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        duties = spec["duties"]
        for group in duties.get("groups", [{"items": duties.get("items", [])}]):
            pools["duties"] += [d for d in group["items"] if isinstance(d, str) and d.endswith(";")]
        pools["ksa"] += [k for k in spec["ksa"]["items"] if isinstance(k, dict)]
        pools["purpose"] += spec.get("purpose", [])
        quals = spec.get("minimum_qualifications", {})
        pools["general"] += quals.get("general_experience", [])
        pools["special"] += quals.get("special_experience", [])
        pools["subs"] += quals.get("substitutions_allowed", {}).get("items", [])
    return pools


def retheme(text: str, field: str) -> str:
    return text.replace("labor relations", field.lower()).replace("Labor Relations", field)


def pay(group: int) -> dict[str, Any]:
    """Ranges as the State derives them: yearly, then biweekly = yearly / 26.1, hourly = biweekly / 80."""
    yearly_min = float(40_000 + group * 1_150)
    yearly_max = round(yearly_min * 1.36)
    ranges = {"yearly": {"min": yearly_min, "max": float(yearly_max)}}
    ranges["biweekly"] = {k: round(v / 26.1, 2) for k, v in ranges["yearly"].items()}
    ranges["hourly"] = {k: round(v / 80, 2) for k, v in ranges["biweekly"].items()}
    return {"hourly": ranges["hourly"], "biweekly": ranges["biweekly"], "yearly": ranges["yearly"]}


class Generator:
    """Specs and edits, all drawn from one random.Random(seed)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pools = load_vocabulary()
        self.final_serial: dict[int, int] = {}

    def spec(self, number: int) -> dict[str, Any]:
        rng = self.rng
        field = rng.choice(FIELDS)
        code = f"{number:04d}MP"
        title = f"{field} {rng.choice(ROLES)}{rng.choice(LEVELS)}"
        group = rng.randint(50, 80)
        duties = [retheme(d, field) for d in rng.sample(self.pools["duties"], rng.randint(8, 22))]
        duties.append("Performs related duties as required.")
        ksa = [dict(item, items=list(item["items"])) for item in rng.sample(self.pools["ksa"], 3)]
        established = dt.date(1985, 1, 1) + dt.timedelta(days=rng.randint(0, 11000))
        spec: dict[str, Any] = {
            "$schema": "../schema/job-class.schema.json", "class_code": code, "title": title,
            "jurisdiction": "State of Connecticut Executive Branch",
            "salary": {"group": f"MP {group}", **pay(group)},
            "purpose": [retheme(rng.choice(self.pools["purpose"]), field)],
            "supervision_received": ["Works under the general supervision of an employee of higher grade."],
            "duties": {"style": "bullet", "items": duties},
            "ksa": {"style": "bullet", "items": ksa},
            "minimum_qualifications": {
                "general_experience": [retheme(rng.choice(self.pools["general"]), field)],
                "special_experience": [retheme(rng.choice(self.pools["special"]), field)],
                "substitutions_allowed": {"style": "bullet", "items": rng.sample(self.pools["subs"], 2)}},
            "designation": "Classified/Competitive",
            "occupational_group": {"code": "27", "name": "Personnel"},
            "bargaining_unit": {"code": "02", "name": "MANAGERIAL"},
            "eeo": {"code": "2", "name": "Professional"},
            "acknowledgement": ["As defined by Sec. 5-196 of the Connecticut General Statutes, a job class is a "
                                "position or group of positions that share general characteristics."],
            "established": established.isoformat(),
            "records": [{"effective": established.isoformat()}],
        }
        return spec

    def edit(self, spec: dict[str, Any], day: dt.date, record: bool = True) -> dict[str, Any]:
        """One realistic revision: a few duty edits, sometimes qualifications or pay, and (if approved) a record."""
        rng = self.rng
        new = copy.deepcopy(spec)
        items = new["duties"]["items"]
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.4 and len(items) > 2:
                i = rng.randrange(len(items) - 1)
                old, replacement = rng.choice(SWAPS)
                items[i] = items[i].replace(old, replacement, 1) if old in items[i] else items[i] + " as assigned;"
            elif roll < 0.6:
                items.insert(rng.randrange(len(items)), retheme(rng.choice(self.pools["duties"]), "program"))
            elif roll < 0.8 and len(items) > 3:
                items.pop(rng.randrange(len(items) - 1))
            elif len(items) > 3:
                items.insert(0, items.pop(rng.randrange(1, len(items) - 1)))
        if rng.random() < 0.15:
            new["minimum_qualifications"]["general_experience"] = [rng.choice(self.pools["general"])]
        if rng.random() < 0.1:
            group = int(new["salary"]["group"].split()[1]) + 1
            new["salary"] = {"group": f"MP {group}", **pay(group)}
        previous = new["records"][-1]
        if record and day.isoformat() > previous["effective"]:
            new["records"].append({"effective": day.isoformat(), "final_no": self.final(day.year),
                                   "reasons": ["modify content"]})
        return new

    def final(self, year: int) -> str:
        self.final_serial[year] = self.final_serial.get(year, 0) + 1
        return f"{year % 100:02d}-{min(self.final_serial[year], 999):03d}"


class FastImport:
    """A `git fast-import` stream with deterministic commits."""

    def __init__(self, repo: Path) -> None:
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
        self.process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE)
        self.mark = 0
        self.when = 1_500_000_000

    def write(self, text: str | bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text.encode("utf-8") if isinstance(text, str) else text)

    def commit(self, message: str, files: dict[str, str | None], tag: str | None = None) -> None:
        self.mark += 1
        self.when += 3600
        self.write(f"commit refs/heads/main\nmark :{self.mark}\n"
                   f"author Analyst <analyst@example.com> {self.when} +0000\n"
                   f"committer Analyst <analyst@example.com> {self.when} +0000\n")
        data = message.encode("utf-8")
        self.write(f"data {len(data)}\n".encode() + data + b"\n")
        if self.mark > 1:
            self.write(f"from :{self.mark - 1}\n")
        for path, text in sorted(files.items()):
            if text is None:
                self.write(f"D {path}\n")
            else:
                blob = text.encode("utf-8")
                self.write(f"M 100644 inline {path}\ndata {len(blob)}\n".encode() + blob + b"\n")
        self.write("\n")
        if tag:
            self.write(f"reset refs/tags/{tag}\nfrom :{self.mark}\n\n")

    def close(self, repo: Path) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        if self.process.wait() != 0:
            raise SystemExit("git fast-import failed")
        subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)


def dump(spec: dict[str, Any]) -> str:
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


def generate(out: Path, classes: int, commits: int, changed: int, log_commits: int, seed: int) -> dict[str, Any]:
    """Write out/repo (the spec repository) and out/log-repo; return what was generated."""
    gen = Generator(seed)
    repo = out / "repo"
    stream = FastImport(repo)
    specs = {n: gen.spec(n) for n in range(1, classes + 1)}
    stream.commit("Import the classification plan",
                  {f"specs/{s['class_code']}.json": dump(s) for s in specs.values()} | {
                      "schema/job-class.schema.json": (ROOT / "schema" / "job-class.schema.json").read_text("utf-8")})
    day, next_number = dt.date(2020, 1, 6), classes + 1
    for index in range(max(commits - 2, 0)):
        day += dt.timedelta(days=3)
        roll, files = gen.rng.random(), {}
        if roll < 0.05:  # a new class
            specs[next_number] = gen.spec(next_number)
            files[f"specs/{specs[next_number]['class_code']}.json"] = dump(specs[next_number])
            next_number += 1
        elif roll < 0.08 and len(specs) > 10:  # a class retired
            number = gen.rng.choice(sorted(specs))
            files[f"specs/{specs.pop(number)['class_code']}.json"] = None
        elif roll < 0.10:  # a class renumbered: the spec moves to a new code
            number = gen.rng.choice(sorted(specs))
            old = specs.pop(number)
            files[f"specs/{old['class_code']}.json"] = None
            specs[next_number] = {**old, "class_code": f"{next_number:04d}MP"}
            files[f"specs/{next_number:04d}MP.json"] = dump(specs[next_number])
            next_number += 1
        else:  # a batch of revisions under one Final No.
            for number in gen.rng.sample(sorted(specs), min(len(specs), gen.rng.randint(1, 8))):
                specs[number] = gen.edit(specs[number], day)
                files[f"specs/{specs[number]['class_code']}.json"] = dump(specs[number])
        stream.commit(f"Revision {index + 1}", files, tag="bench-base" if index == commits - 3 else None)
    if commits < 3:
        stream.commit("Base", {}, tag="bench-base")
    day += dt.timedelta(days=30)
    batch = gen.rng.sample(sorted(specs), min(changed, len(specs)))
    for number in batch:
        specs[number] = gen.edit(specs[number], day)
    stream.commit(f"Revise {len(batch)} classes",
                  {f"specs/{specs[n]['class_code']}.json": dump(specs[n]) for n in batch}, tag="bench-head")
    stream.close(repo)
    hot = generate_log_repo(out / "log-repo", log_commits, gen)
    return {"repo": str(repo), "classes": len(specs), "changed": len(batch), "log_repo": str(out / "log-repo"),
            "log_class": hot}


def generate_log_repo(repo: Path, commits: int, gen: Generator) -> str:
    """One class with a long history, for `specdiff log`: mostly working edits, and every 25th commit
    an approved revision with its effective-date record (as a class's history in Git would be)."""
    stream = FastImport(repo)
    spec = gen.spec(9001)
    path = f"specs/{spec['class_code']}.json"
    day = dt.date(1990, 1, 1)
    stream.commit("Create the class", {path: dump(spec)})
    for number in range(1, commits):
        day += dt.timedelta(days=7)
        spec = gen.edit(spec, day, record=number % 25 == 0)
        stream.commit(f"Revision {number}", {path: dump(spec)})
    stream.close(repo)
    return str(spec["class_code"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--classes", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--changed", type=int, default=200)
    parser.add_argument("--log-commits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty; remove it first (generation never overwrites)")
    facts = generate(args.out, args.classes, args.commits, args.changed, args.log_commits, args.seed)
    print(json.dumps(facts, indent=2))


if __name__ == "__main__":
    main()
