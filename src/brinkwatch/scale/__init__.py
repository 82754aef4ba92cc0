"""Running brinkwatch beyond one process: extraction on a Ray cluster (optional extra ``brinkwatch[ray]``)."""
