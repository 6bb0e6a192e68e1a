"""The editing operations: one library that the command line (`briefing new/promote/set/review`) and the
editor's desk (`briefing serve`, /desk/) are thin over.

Every write keeps comments and the canonical form `briefing fmt` gives, is refused when the file changed
on disk since it was read, is checked (the whole dossier, as it would be) before it is written, and is
written whole or not at all (`edit.document`).
"""
from generator.edit.document import EditError, Stale, Written, version
from generator.edit.merge import merge
from generator.edit.promote import EVENT_TOPICS, attach, promote, promote_name, proposals
from generator.edit.records import NEW_KINDS, Located, locate, new, review, set_values, today, unreview
from generator.edit.values import Assignment, parse_assignment

__all__ = ["EVENT_TOPICS", "NEW_KINDS", "Assignment", "EditError", "Located", "Stale", "Written", "attach",
           "locate", "merge", "new", "parse_assignment", "promote", "promote_name", "proposals", "review", "set_values",
           "today", "unreview", "version"]
