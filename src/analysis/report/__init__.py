"""Reports: notebook runs, batches, manifests, and their HTML/PDF/Excel exports and index page."""
