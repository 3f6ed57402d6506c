"""Stage 3, tone: the lexicon scorers (``scorers``), agreement with the reference coding (``agreement``)
and the tone figures (``figures``)."""
