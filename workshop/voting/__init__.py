"""Voting: rounds, votes, the pure rules and decisions."""
