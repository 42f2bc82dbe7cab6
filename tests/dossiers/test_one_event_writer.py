"""A dossier's history has one writer (`dossiers.events`): no other module builds an event row or writes the
events table, so that every change claims the dossier's next version the same way and the log stays whole."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "motcua"
WRITERS = {PACKAGE / "dossiers" / "events.py", PACKAGE / "dossiers" / "intake_statement.py"}


def _writes_events(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "DossierEvent":
            lines.append(node.lineno)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            if "insert into dossier_events" in text or "update dossier_events" in text:
                lines.append(node.lineno)
    return lines


def test_only_the_events_module_writes_events() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in WRITERS and (lines := _writes_events(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_detector_sees_a_writer() -> None:
    sample = "DossierEvent(seq=1)\nsql = 'INSERT INTO dossier_events (x) VALUES (1)'\n"
    assert _writes_events(ast.parse(sample)) == [1, 2]


def test_the_intake_statement_writes_the_row_events_builds() -> None:
    # The intake's first event goes through the statement, built by `events.first` (the only builder of it).
    source = (PACKAGE / "dossiers" / "intake.py").read_text(encoding="utf-8")
    assert "events.first(" in source
