"""The analyst's workbench: `dateline serve`, a read-only web application over the corpus database."""
