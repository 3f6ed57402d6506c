"""Stage 3, tone: the lexicon scorers (``scorers``, with their score-identical fast versions in
``fastscore``), agreement with the reference coding (``agreement``), the tone figures (``figures``), and
tone toward a named person: NewsMTSC, real human coding of news (``newsmtsc``), the target-directed
measures (``targeted``) and their external validation (``external``)."""
