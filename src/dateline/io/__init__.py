"""Reading documents: files, folders, standard input, JSONL batches, HTML and WARC, into cleaned text and
article metadata."""
