"""Running the pipeline over many documents: in this process, on a local pool, or on a Dask cluster."""
