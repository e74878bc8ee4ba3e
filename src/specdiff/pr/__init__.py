"""The pull-request summary: what reviewers read, built from the diff, the records and validation."""
