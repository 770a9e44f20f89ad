"""The programme's stakeholder registry: people listed, edited, merged and imported by the
secretariat, their personal invitations (links, QR codes, badge sheets) and the registry's log."""
