"""Questions to the store: named SPARQL queries with bound values, their limits, and rows made answers."""
