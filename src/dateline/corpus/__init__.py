"""The corpus: a SQLite store of records, clusters of reports of one event, and exports."""
