"""Stage 2, the timeline: the rule-based TIMEX3 tagger (``tagger``) and the events, publication dates and
discrepancies built from its tags (``events``); on a corpus without reference coding, the proposals that stand in
for it: publication dates (``dating``), machine-linked events (``events`` with ``content``) and discrepancy
candidates (``discrepancy_candidates``)."""
