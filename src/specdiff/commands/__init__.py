"""One module per CLI command; each returns data or an exit code and never calls sys.exit."""
