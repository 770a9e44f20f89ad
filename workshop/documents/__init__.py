"""The secretariat's documents: session minutes (PDF, DOCX), raw data (XLSX, CSV), initiative
roadmaps and the programme report (PDF). See docs/documents.md.

`data` gathers the facts from the database; one builder per format turns them into bytes
(`minutes_pdf`, `minutes_docx`, `tables`, `roadmap_pdf`, `report_pdf`); `style`, `pdfbase` and
`charts` give them one look; `api` serves them.
"""
