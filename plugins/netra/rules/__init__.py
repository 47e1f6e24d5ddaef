"""Neutrality rules: election files, the rule catalogue, cue lexicons, and the engine."""
