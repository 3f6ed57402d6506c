"""Stage 3, tone: the lexicon scorers (``scorers``), agreement with the reference coding (``agreement``),
the tone figures (``figures``), the coding sheet for students (``coding_sheet``), and tone toward a named
person: NewsMTSC, real human coding of news (``newsmtsc``), the target-directed measures (``targeted``)
and their external validation (``external``)."""
