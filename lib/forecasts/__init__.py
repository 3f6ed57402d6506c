"""Stage 4, forecasts: candidate forecasts, outcomes and proper scores (``scoring``) and their figures
(``figures``)."""
