"""Imported by the tests' fork server (tests/command_line.py): the world gazetteer's table, built once there,
is shared by every `briefing extract` the tests run, as one process's extract shares it among its workers."""
from generator.extract.places import world_places

world_places()
