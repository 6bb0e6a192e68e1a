"""The fact-level changes of a diff, written for the reader at hand: a terminal (text), a pull-request
comment (Markdown) or a tool (JSON). All three say the same: every changed field old and new in full
(a long text as a word-level change, never cut), an added or removed record in full, review status
changes with who reviewed, the file and line in the newer revision, the changed paragraphs of a
source's seed, and the texts whose other language did not follow. Every value passes through the
escaping of its reader (`text.escape`): what a contributor wrote must never act on the reviewer's
terminal, or mention, link or lay out anything in a comment. Only a comment is bounded: GitHub refuses a
longer one, so it ends at a whole line and says what it left out."""
from __future__ import annotations

from typing import Any

from generator.review.diff import Change, Field
from generator.review.words import word_diff
from generator.text.escape import COMMENT_LIMIT, comment_code, comment_length, comment_text, json_text, terminal

# A value longer than this, or spanning words, is shown as a word-level change.
_SHORT = 60


def is_long(f: Field) -> bool:
    """A text the reader must see word by word: long on either side, or several words changed."""
    texts = [v for v in (f.old, f.new) if isinstance(v, str)]
    return len(texts) == 2 and any(len(t) > _SHORT for t in texts)


def _plain(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) if value else "(none)"
    return str(value)


def counts(changes: list[Change]) -> dict[str, int]:
    return {"added": sum(c.sign == "+" for c in changes), "removed": sum(c.sign == "-" for c in changes),
            "changed": sum(c.sign == "~" for c in changes), "revised": sum(c.revision_of is not None for c in changes),
            "translations_to_check": sum(len(c.to_check) for c in changes)}


def summary_line(changes: list[Change]) -> str:
    n = counts(changes)
    line = f"{n['added']} added, {n['removed']} removed, {n['changed']} changed"
    line += f" ({n['revised']} of them a claimant's revised figure)" if n["revised"] else ""
    return line + (f", {n['translations_to_check']} translation(s) to check" if n["translations_to_check"] else "")


def facts(change: Change) -> list[tuple[str, str]]:
    """(label, value) lines that say what an added or removed record is, in full."""
    record = change.record
    out: list[tuple[str, str]] = []
    for key in ("incident", "claimant", "topic", "kind", "date", "start", "end", "place", "asserted", "revises"):
        if record.get(key) not in (None, "", []):
            out.append((key, _plain(record[key])))
    for key in ("figure", "period"):
        if isinstance(record.get(key), dict):
            out.append((key, ", ".join(f"{k} {_plain(v)}" for k, v in record[key].items())))
    if record.get("answer"):
        out.append(("answer", _plain(record["answer"])))
    for key in ("name", "title", "text"):
        if isinstance(record.get(key), dict):
            out += [(f"{key} ({lang})", _plain(text)) for lang, text in record[key].items()]
    for cit in record.get("citations") or []:
        if isinstance(cit, dict):
            out.append(("cites", f"{cit.get('source')} {cit.get('paragraph')}: “{_plain(cit.get('quote'))}”"))
    review = record.get("review") if isinstance(record.get("review"), dict) else {}
    if review:
        out.append(("review", ", ".join(_plain(review.get(k)) for k in ("status", "by", "on") if review.get(k))))
    return out


def review_line(change: Change) -> str | None:
    """"draft → reviewed by editorial-desk on 2026-12-01" when the review status moved."""
    moved = change.review
    if not moved:
        return None
    review = change.record.get("review")
    if not isinstance(review, dict):
        review = {}
    who = f" by {review['by']}" if review.get("by") else ""
    when = f" on {review['on']}" if review.get("on") else ""
    return f"{_plain(moved[0])} → {_plain(moved[1])}{who}{when}"


# --- text ---------------------------------------------------------------------------------------

def _at(f: Field) -> str:
    """Where a field's newer value stands: its line in the record's file, or a seed's file and line."""
    if f.path:
        return f"  ({f.path}:{f.line})" if f.line else f"  ({f.path})"
    return f"  (line {f.line})" if f.line else ""


def _left_out(c: Change) -> str | None:
    """The changed seed paragraphs not listed, and where to read them."""
    if not c.left_out:
        return None
    seed = next((f.path for f in c.fields if f.path), "the seed")
    return f"{c.left_out} more changed paragraph(s) of {seed} not listed here; see git diff of the file"


def text(changes: list[Change]) -> str:
    """For a terminal: every line passes through `escape.terminal`, so no value can act on the screen
    or start a line of its own."""
    lines: list[str] = []
    for c in changes:
        revised = f"  (revises {c.revision_of})" if c.revision_of else ""
        lines.append(f"{c.sign} {c.what}  {c.path}:{c.line}{revised}")
        if c.sign == "~":
            for f in c.fields:
                if is_long(f):
                    diffed = word_diff(f.old, f.new)
                    words = "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}"
                                    for op, t in diffed.runs)
                    lines.append(f"    {f.name}{_at(f)}: {words}")
                    if diffed.note():
                        lines.append(f"    … {diffed.note()}")
                else:
                    lines.append(f"    {f.name}: {_plain(f.old)} → {_plain(f.new)}{_at(f)}")
            if _left_out(c):
                lines.append(f"    … {_left_out(c)}")
            if review_line(c):
                lines.append(f"    review: {review_line(c)}")
        else:
            lines += [f"    {label}: {value}" for label, value in facts(c)]
        lines += [f"    ! translation to check: {item}" for item in c.to_check]
    lines.append(summary_line(changes))
    return "".join(terminal(line) + "\n" for line in lines)


# --- Markdown, for a pull-request comment --------------------------------------------------------

def _words_md(f: Field) -> str:
    diffed = word_diff(f.old, f.new)
    note = diffed.note()
    return "".join(comment_text(t) if op == "=" else f"<del>{comment_text(t)}</del>" if op == "-"
                   else f"<ins>{comment_text(t)}</ins>" for op, t in diffed.runs) + (
        f" <em>({comment_text(note)})</em>" if note else "")


def _where_md(f: Field) -> str:
    """A table's line cell: the line in the record's file, or a seed's file and line as code."""
    if f.path:
        return comment_code(f"{f.path}:{f.line}" if f.line else f.path)
    return str(f.line or "")


def _change_md(c: Change) -> list[str]:
    """One change as comment lines: data only through `comment_text` and `comment_code`."""
    word = "Revised" if c.revision_of else {"+": "Added", "-": "Removed", "~": "Changed"}[c.sign]
    of = f" (revises {comment_code(c.revision_of)})" if c.revision_of else ""
    out = [f"### {word}: {c.kind} {comment_code(c.id or c.kind)}{of}", "", comment_code(f"{c.path}:{c.line}"), ""]
    if c.sign == "~":
        short = [f for f in c.fields if not is_long(f)]
        if short:
            out += ["| field | line | before | after |", "|---|---|---|---|"]
            out += [f"| {comment_code(f.name)} | {_where_md(f)} | {comment_text(_plain(f.old))} | "
                    f"{comment_text(_plain(f.new))} |" for f in short]
            out.append("")
        for f in (f for f in c.fields if is_long(f)):
            at = f"{f.path}:{f.line}" if f.path else f"line {f.line}" if f.line else ""
            out += [f"**{comment_code(f.name)}**" + (f" ({comment_text(at)})" if at else "") + ":", "",
                    f'<p dir="auto">{_words_md(f)}</p>', ""]
        if _left_out(c):
            out += [f"… {comment_text(_left_out(c))}", ""]
        if review_line(c):
            out += [f"Review: {comment_text(review_line(c))}", ""]
    else:
        out += [f"- {label}: {comment_text(value)}" for label, value in facts(c)]
        out.append("")
    if c.to_check:
        out += [f"> **Translation to check:** {comment_text(item)}" for item in c.to_check]
        out.append("")
    return out


def markdown(changes: list[Change], old_rev: str, new_rev: str | None, max_chars: int = COMMENT_LIMIT,
             full_diff: str | None = None) -> str:
    """A pull-request comment of at most `max_chars` (0: no bound). Past it the comment ends at a whole
    line and says how many changes it left out, and where the full diff is (`full_diff`, an address)."""
    n = counts(changes)
    title = f"{comment_code(old_rev)} → {comment_code(new_rev) if new_rev else 'the working tree'}"
    head = [f"## Fact-level changes: {title}", "",
            f"{n['added']} added · {n['removed']} removed · {n['changed']} changed"
            + (f" · **{n['translations_to_check']} translation(s) to check**" if n["translations_to_check"] else ""),
            ""]
    if not changes:
        head += ["No record of the fact base changed.", ""]
    blocks = [_change_md(c) for c in changes]
    whole = "\n".join(head + [line for block in blocks for line in block])
    if not max_chars or comment_length(whole) <= max_chars:
        return whole
    room = max_chars - comment_length(_cut_note(len(changes), len(changes), max_chars, full_diff)) - 2
    out, used, shown = list(head), comment_length("\n".join(head)), 0
    for block in blocks:
        for line in block:
            if used + 1 + comment_length(line) > room:
                break
            out.append(line)
            used += 1 + comment_length(line)
        else:
            shown += 1
            continue
        break
    return "\n".join([*out, "", _cut_note(len(changes) - shown, len(changes), max_chars, full_diff)])


def _cut_note(left: int, total: int, max_chars: int, full_diff: str | None) -> str:
    """The last line of a comment that was cut: what it left out, and where the whole diff is."""
    where = f"[the workflow's artifact]({full_diff})" if full_diff else "the workflow run's artifact"
    return (f"**This comment stops here: {left:,} of {total:,} changes are left out or cut short** (a comment "
            f"holds at most {max_chars:,} characters). The full diff is in {where}.")


# --- JSON, for tools ----------------------------------------------------------------------------

def as_json(changes: list[Change], old_rev: str, new_rev: str | None) -> str:
    def field_json(f: Field) -> dict[str, Any]:
        item: dict[str, Any] = {"field": f.name, "line": f.line, "old": f.old, "new": f.new}
        if f.path:
            item["path"] = f.path
        if is_long(f):
            diffed = word_diff(f.old, f.new)
            item["words"] = [{"op": op, "text": t} for op, t in diffed.runs]
            if diffed.whole:
                item["words_shown_whole"] = diffed.whole
        return item

    data = {
        "from": old_rev, "to": new_rev, "summary": counts(changes),
        "changes": [{
            "sign": c.sign, "change": "revised" if c.revision_of else {"+": "added", "-": "removed",
                                                                           "~": "changed"}[c.sign],
            "revises": c.revision_of, "kind": c.kind,
            "id": c.id, "path": c.path, "line": c.line,
            "fields": [field_json(f) for f in c.fields],
            "record": c.record if c.sign != "~" else None,
            "review": {"from": c.review[0], "to": c.review[1],
                       **{k: v for k, v in (c.record.get("review") or {}).items() if k in ("by", "on")}}
                      if c.review else None,
            "translations_to_check": list(c.to_check),
            **({"seed_paragraphs_left_out": c.left_out} if c.left_out else {}),
        } for c in changes]}
    return json_text(data)
