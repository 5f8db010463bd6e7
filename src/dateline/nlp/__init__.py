"""The language layer: the spaCy pipeline, and what every facet is handed about one document."""
