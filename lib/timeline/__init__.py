"""Stage 2, the timeline: the rule-based TIMEX3 tagger (``tagger``) and the events, publication dates and
discrepancies built from its tags (``events``)."""
