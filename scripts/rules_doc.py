"""Write the "Where each rule lives" table of docs/rules.md from the rule registry.

    python scripts/rules_doc.py          # rewrite the table in docs/rules.md
    python scripts/rules_doc.py --check  # exit 1 if the table is out of date (the docs test runs it)

One row per module of b12.core that declares rules: its file, where its tests are
(``tests/clinical`` mirrors the core) and its rule ids, so a reader goes from an id to its source
and tests without searching.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from b12.core.catalog import all_rules, test_pattern
from b12.core.rules import Rule

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "rules.md"
START, END = "<!-- rule-map:start -->", "<!-- rule-map:end -->"


def rule_map() -> str:
    """The markdown table, one row per declaring module, modules and ids sorted."""
    by_module: dict[str, list[Rule]] = defaultdict(list)
    for rule in all_rules().values():
        by_module[rule.module].append(rule)
    rows = ["| module | file | tests | rules |", "|---|---|---|---|"]
    for module, rules in sorted(by_module.items()):
        path = rules[0].path
        names = ", ".join(f"`{i}`" for i in sorted(rule.id for rule in rules))
        tests = sorted(p.relative_to(REPO).as_posix() for p in REPO.glob(test_pattern(module)))
        links = ", ".join(f"[{Path(t).name}](../{t})" for t in tests) or "none yet"
        rows.append(f"| `{module}` | [{path}](../{path}) | {links} | {names} |")
    return "\n".join(rows)


def updated(doc: str) -> str:
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_map()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    doc = DOC.read_text(encoding="utf-8")
    if START not in doc or END not in doc:
        print(f"{DOC} has no {START} ... {END} block", file=sys.stderr)
        return 1
    new = updated(doc)
    if "--check" in argv:
        if new != doc:
            print("docs/rules.md is out of date: run python scripts/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
