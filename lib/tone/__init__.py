"""Stage 3, tone: the lexicon scorers (``scorers``, with their score-identical fast versions in
``fastscore``), agreement with the reference coding (``agreement``) and the tone figures (``figures``)."""
