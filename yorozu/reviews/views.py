"""Views for reviews (thin: access_* then one do_* then render)."""
