"""Foundation every stage uses: where files live (``paths``), one-line user errors (``errors``), the corpus's
case settings (``settings``), the reader for reference-coding files (``annotations``), the CSV writer
(``outputs``) and byte-stable figures (``plotting``)."""
