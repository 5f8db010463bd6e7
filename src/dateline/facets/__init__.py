"""Facets: one component per kind of fact in a record (entities, quantities, times, places, quotes,
events), each declaring what it requires and what it assigns; `run.pipeline` runs them in order.
"""
