"""Static site generator for a council scrutiny committee's public archive."""
