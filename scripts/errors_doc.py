"""Regenerate the code tables of docs/errors.md from eventwire.errors.table (run from the repo root after adding a code;
tests/test_errors.py fails until the doc matches the table). Usage: python scripts/errors_doc.py"""
from pathlib import Path

from eventwire.errors import GROUPS, Code

doc = Path("docs/errors.md")
text = doc.read_text()
start = text.index("## General")
end = text.index("## Codes that changed")
parts = []
for group in GROUPS:
    parts.append(f"## {group.title}\n\n| code | meaning | what to do | exit |\n|---|---|---|---|\n")
    for v in vars(group).values():
        if isinstance(v, Code):
            ex = "—" if v.kind is None else str(v.exit)
            meaning, todo = (t.replace("|", "\\|") for t in (v.meaning, v.todo))
            parts.append(f"| {v.code} | {meaning} | {todo} | {ex} |\n")
    parts.append("\n")
doc.write_text(text[:start] + "".join(parts) + text[end:])
