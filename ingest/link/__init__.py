"""Linking the entities of a document into facts: people to posts and organisations (people.py), places
and districts (places.py), events to hosts and participants and awards to recipients (events.py), groups
to members (groups.py)."""
