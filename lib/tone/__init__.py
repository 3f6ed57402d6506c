"""Stage 3, tone: the lexicon scorers (``scorers``), agreement with the reference coding (``agreement``),
the tone figures (``figures``), the coding sheet for students (``coding_sheet``), and tone toward a named
person: NewsMTSC, real coding of news by people (crowd workers) (``newsmtsc``), the target-directed measures (``targeted``)
and their external validation (``external``)."""
