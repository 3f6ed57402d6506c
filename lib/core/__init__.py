"""Foundation every stage uses: where files live (``paths``), one-line user errors (``errors``), the corpus's
case settings (``settings``), the reader for reference-coding files (``annotations``), what each of them
enables (``readiness``), the CSV writer
(``outputs``) and byte-stable figures (``plotting``)."""
