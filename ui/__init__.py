"""The dashboard's pages (see app.py); ui/common.py holds what they share."""
