"""Sessions: lifecycle, agenda, participants, discussion, decisions, event log."""
