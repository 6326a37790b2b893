"""Make a large synthetic content root from the bundled archive, for build benchmarks.

    python bench/synthetic_archive.py OUT --copies 30

Each copy repeats every meeting (moved back by a whole number of weeks), indicator (code and title
suffixed ``S<n>``) and glossary term of the bundled archive, so that page counts grow
while content stays realistic. Time a build of it with any whole-process timer, e.g.
``/usr/bin/time -v python -m builder build --root OUT --out OUT/site``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from builder.slugs import slugify

REPOSITORY = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    make_archive(args.out, args.copies)


def make_archive(out: Path, copies: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    for folder in ("site_config", "content", "glossary"):
        shutil.copytree(REPOSITORY / folder, out / folder)
    yaml = YAML()
    yaml.width = 4096
    meetings = sorted((REPOSITORY / "content/meetings").glob("*.yml"))
    indicators = sorted((REPOSITORY / "content/indicators").glob("*.yml"))
    terms = sorted((REPOSITORY / "glossary").glob("*.md"))
    observations = list(csv.DictReader((REPOSITORY / "content/indicators/observations.csv").open()))
    rows = list(observations)
    for copy in range(1, copies + 1):
        for path in meetings:
            text = path.read_text(encoding="utf-8")
            new_date = (dt.date.fromisoformat(path.stem) - dt.timedelta(weeks=5 * copy)).isoformat()
            if (out / "content/meetings" / f"{new_date}.yml").exists():
                continue
            text = text.replace(f"date: {path.stem}", f"date: {new_date}")
            text = re.sub(r"(?m)^programme:\n(  .*\n)+", "", text)
            (out / "content/meetings" / f"{new_date}.yml").write_text(text, encoding="utf-8")
        renamed = {}
        for path in indicators:
            data = yaml.load(path)
            if data.get("code"):
                data["code"] = f"{data['code']} S{copy}"
            data["title"] = f"{data['title']} (synthetic {copy})"
            slug = slugify(data.get("code") or data["title"])
            renamed[path.stem] = slug
            with (out / "content/indicators" / f"{slug}.yml").open("w", encoding="utf-8") as f:
                yaml.dump(data, f)
        rows += [dict(row, indicator=renamed[row["indicator"]]) for row in observations]
        for path in terms:
            text = path.read_text(encoding="utf-8")
            text = re.sub(
                r"(?m)^term: (.*)$",
                lambda m, copy=copy: f"term: {m.group(1)} {copy}",
                text,
                count=1,
            )
            text = re.sub(r"(?m)^abbreviations: .*$", "abbreviations: []", text)
            text = re.sub(r"(?ms)^abbreviations:\n(  - .*?\n)+", "abbreviations: []\n", text)
            text = re.sub(r"(?m)^related: .*$", "related: []", text)
            text = re.sub(r"(?ms)^related:\n(  - .*?\n)+", "related: []\n", text)
            term = re.search(r"(?m)^term: (.*)$", text).group(1).strip().strip("'\"")
            (out / "glossary" / f"{slugify(term)}.md").write_text(text, encoding="utf-8")
    with (out / "content/indicators/observations.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["indicator", "period", "value", "release"])
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
