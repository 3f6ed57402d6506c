"""Stage 1, the corpus: load and verify the articles (``load``), check a corpus folder on the command line
(``checks``), separate body from boilerplate (``clean``, ``cleaning_report``), cut sentences and words
with raw offsets (``segment``), the public record the articles are checked against (``record``), and the
corpus figure (``figures``)."""
