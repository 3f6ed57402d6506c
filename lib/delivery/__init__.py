"""Delivery, not analysis: run the notebooks in order (``runner``), build the offline site and PDF
(``report``, templates in ``report_template/``), write the write-up as Markdown for code hosts
(``markdown_export``) and keep every run off the network (``offline``)."""
