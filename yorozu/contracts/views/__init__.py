"""Views for contracts and money (split by sub-domain; the URLconf imports the modules)."""
