"""Problems where a reviewer reads a pull request: GitHub workflow commands, which a code host shows on
the changed lines, and SARIF 2.1.0, which code-scanning tools take in. Every path and message passes
through the escaping of its target (`text.escape`): a file name may hold anything a contributor chose."""
from __future__ import annotations

from typing import Any

from generator.errors import ERROR, WARNING, Problem
from generator.text import escape

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {ERROR: ("error", "error"), WARNING: ("warning", "warning")}   # severity -> (github, sarif)


def github(problems: list[Problem], prefix: str = "") -> str:
    """One `::error file=…,line=…,col=…,title=…::message` line a problem; notes become `::notice`.
    `prefix` is the dossier's folder from the repository's top, where the workflow runs."""
    lines = []
    for p in problems:
        level = _LEVEL.get(p.severity, ("notice", "note"))[0]
        props = (f"file={escape.workflow_property(prefix + p.path)},line={max(p.line, 1)},col={max(p.col, 1)},"
                 f"title={escape.workflow_property(p.code)}")
        lines.append(f"::{level} {props}::{escape.workflow_message(p.message)}")
    return "".join(line + "\n" for line in lines)


def sarif(problems: list[Problem], version: str, prefix: str = "") -> str:
    """A SARIF 2.1.0 log with one run of briefing: a rule per problem code, a result per problem."""
    codes = sorted({p.code for p in problems})
    rules = [{"id": code, "name": code, "shortDescription": {"text": f"briefing check: {code} (CONTRIBUTING.md lists "
                                                                  "what each code means)"}} for code in codes]
    results: list[dict[str, Any]] = []
    for p in problems:
        results.append({
            "ruleId": p.code, "ruleIndex": codes.index(p.code),
            "level": _LEVEL.get(p.severity, ("notice", "note"))[1],
            "message": {"text": escape.sarif(p.message)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": escape.sarif(prefix + p.path), "uriBaseId": "SRCROOT"},
                "region": {"startLine": max(p.line, 1), "startColumn": max(p.col, 1)}}}],
        })
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "briefing", "version": version, "rules": rules}},
        "results": results}]}
    return escape.json_text(log)
