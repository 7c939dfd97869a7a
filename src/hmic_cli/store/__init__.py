"""The tracker file: reading and validating it, the one write path, atomic writes and locks."""
