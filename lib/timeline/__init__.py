"""Stage 2, the timeline: the rule-based TIMEX3 tagger (``tagger``), its evaluation on TimeML corpora such
as TimeBank (``timex_eval``), the events, publication dates and discrepancies built from its tags
(``events``), and their figures (``figures``); on a corpus without reference coding, the proposals that stand
in for it: publication dates (``dating``), machine-linked events (``events`` with ``content``) and discrepancy
candidates (``discrepancy_candidates``)."""
