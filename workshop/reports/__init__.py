"""Reports: the programme's figures (sessions, stakeholders by sector, items by status) and the
pages and API that show them. Above programmes, sessions and voting: it reads them all."""
